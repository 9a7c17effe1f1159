package dev.cheeseshop.description;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * reStructuredText rendered by docutils itself (Debian's python3-docutils), the renderer pypi.org
 * uses, in a child process per description: {@code rst2html.py} (a resource) with
 * readme_renderer's settings, no raw HTML and no file insertion. docutils is a large parser of
 * untrusted text, so the child is kept on a short leash: {@code python3 -I} (no user site, no
 * {@code PYTHON*} variables), an environment holding only a UTF-8 locale, a fresh empty working
 * directory, at most {@link Limits#maxInputBytes} in and {@link Limits#maxOutputBytes} out, killed
 * (with any child of its own) past {@link Limits#timeout}, its error output read and bounded, and
 * at most {@link Limits#concurrency} at a time. Any failure is an answer
 * ({@link Result#failure}), never an exception.
 */
public final class RstRenderer {
    /** The bounds on one rendering. */
    public record Limits(int maxInputBytes, int maxOutputBytes, Duration timeout, int concurrency) {
        public static final Limits DEFAULT = new Limits(1 << 20, 4 << 20, Duration.ofSeconds(10), 2);

        public Limits {
            if (maxInputBytes < 1 || maxOutputBytes < 1 || concurrency < 1 || timeout.isNegative()
                    || timeout.isZero()) {
                throw new IllegalArgumentException("bad limits: " + maxInputBytes + ", " + maxOutputBytes + ", "
                        + timeout + ", " + concurrency);
            }
        }
    }

    /** The HTML (sanitised), or why there is none: exactly one is non-null. */
    public record Result(String html, String failure) {}

    public static final Path DEFAULT_PYTHON = Path.of("/usr/bin/python3");
    private static final int MAX_STDERR = 8 * 1024;
    private static final int MAX_REASON = 300;
    private static final String SCRIPT = script();

    private final Path python;
    private final Limits limits;
    private final Semaphore slots;
    private final ExecutorService pipes;

    public RstRenderer() {
        this(DEFAULT_PYTHON, Limits.DEFAULT);
    }

    /** {@code python}: the interpreter with docutils, or anything that behaves like one (tests). */
    public RstRenderer(Path python, Limits limits) {
        this.python = Objects.requireNonNull(python, "python");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.slots = new Semaphore(limits.concurrency(), true);
        // Three pipes per child (stdin, stdout, stderr), daemon threads: never what keeps the JVM up.
        this.pipes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rst-renderer-pipe");
            t.setDaemon(true);
            return t;
        });
    }

    public Result render(String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        if (input.length > limits.maxInputBytes()) {
            return failed("it is larger than " + limits.maxInputBytes() + " bytes");
        }
        try {
            if (!slots.tryAcquire(limits.timeout().toMillis() * 3, TimeUnit.MILLISECONDS)) {
                return failed("the renderer is busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("rendering was interrupted");
        }
        try {
            return run(input);
        } finally {
            slots.release();
        }
    }

    private Result run(byte[] input) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("cheeseshop-rst");
            ProcessBuilder builder = new ProcessBuilder(python.toString(), "-I", "-c", SCRIPT).directory(dir.toFile());
            builder.environment().clear();
            builder.environment().put("LC_ALL", "C.UTF-8");
            process = builder.start();
            Process child = process;
            CompletableFuture<Void> in = CompletableFuture.runAsync(() -> feed(child.getOutputStream(), input), pipes);
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(
                    () -> drain(child.getInputStream(), limits.maxOutputBytes() + 1), pipes);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(
                    () -> drain(child.getErrorStream(), MAX_STDERR), pipes);
            if (!process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return failed("it took longer than " + limits.timeout().toMillis() + " ms");
            }
            byte[] html = out.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (html.length > limits.maxOutputBytes()) {
                return failed("its HTML is larger than " + limits.maxOutputBytes() + " bytes");
            }
            String errors = new String(err.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS),
                    StandardCharsets.UTF_8);
            in.cancel(true);
            int status = process.exitValue();
            if (status == 0 && html.length > 0) {
                return new Result(DescriptionSanitizer.sanitize(new String(html, StandardCharsets.UTF_8)), null);
            }
            if (status == 3 || status == 4) {
                return failed(firstLine(errors));
            }
            return failed("the renderer failed (exit status " + status + ")");
        } catch (IOException | ExecutionException | TimeoutException | UncheckedIOException e) {
            return failed("the renderer could not run (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("rendering was interrupted");
        } finally {
            if (process != null) {
                kill(process);
            }
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    /** The child and anything it started, gone before this returns (a no-op for one that exited). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The child exited or was killed without reading everything: its status says why.
        }
    }

    /** Up to {@code max} bytes, then the rest read and thrown away so that the child never blocks on a full pipe. */
    private static byte[] drain(InputStream stream, int max) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (stream) {
            int n;
            while ((n = stream.read(buffer)) != -1) {
                int room = max - kept.size();
                if (room > 0) {
                    kept.write(buffer, 0, Math.min(n, room));
                }
            }
        } catch (IOException e) {
            // Killed: what was read is what there is.
        }
        return kept.toByteArray();
    }

    private static String firstLine(String errors) {
        String line = errors.strip().lines().findFirst().orElse("docutils gave no reason");
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "\u2026" : line;
    }

    private static Result failed(String why) {
        return new Result(null, why);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    private static String script() {
        try (InputStream in = RstRenderer.class.getResourceAsStream("rst2html.py")) {
            if (in == null) {
                throw new IllegalStateException("rst2html.py missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
