package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Subprocesses for tests: a command with a controlled environment, run to completion under a
 * timeout ({@link Command#run()}) or started to be watched line by line ({@link Command#start()}).
 * Output goes to files, never to pipes nobody reads, so a chatty process cannot block.
 */
public final class Processes {
    private static final String LOOPBACK = "127.0.0.1,localhost,::1";

    private Processes() {}

    /** How a finished process ended. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Stdout and stderr, for messages and searches that do not care which. */
        public String output() {
            return stdout + stderr;
        }

        /** A description for assertion messages. */
        public String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + tail(stdout)
                    + "\n--- stderr\n" + tail(stderr);
        }

        private static String tail(String s) {
            return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
        }
    }

    public static Command command(String... args) {
        return new Command(List.of(args));
    }

    public static Command command(List<String> args) {
        return new Command(args);
    }

    /** The full path of {@code name} on the PATH, if any. */
    public static Optional<Path> which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code java -jar target/cheeseshop.jar args...} with the running JVM's launcher. The jar's
     * path comes from the system property {@code cheeseshop.jar}, which failsafe sets. On a
     * backend other than the default ({@link Backend#selected}), the command gets that backend's
     * variables ({@code CHEESESHOP_DATABASE}, {@code CHEESESHOP_BLOBS}, ...) for its data directory
     * ({@code --data DIR}, else {@code ./data} in its working directory), so that every command
     * on one data directory works on the same database and bucket; variables a test sets win.
     */
    public static Command cheeseshop(String... args) {
        String jar = System.getProperty("cheeseshop.jar", "target/cheeseshop.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            fail("no packaged jar at " + jar + ": run the *IT classes with `mvn verify`, after `package`");
        }
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar));
        command.addAll(List.of(args));
        Command built = new Command(command).withoutEnvPrefix("CHEESESHOP_").withoutEnvPrefix("JAVA_TOOL_OPTIONS")
                .withoutEnvPrefix("JDK_JAVA_OPTIONS").timeout(Duration.ofMinutes(1));
        built.dataOption = dataOption(args);
        built.onBackend = Backend.selected() != Backend.SQLITE_FILES;
        return built;
    }

    /** The value of {@code --data DIR} or {@code --data=DIR}, if given. */
    private static String dataOption(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--data=")) {
                return args[i].substring("--data=".length());
            }
        }
        return null;
    }

    /** The java launcher of the running JVM. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A command being assembled: environment, working directory, stdin, timeout. */
    public static final class Command {
        private final List<String> args;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Predicate<String>> removed = new ArrayList<>();
        private Path directory;
        private String stdin = "";
        private Duration timeout = Duration.ofMinutes(2);
        private boolean onBackend;
        private String dataOption;

        private Command(List<String> args) {
            this.args = List.copyOf(args);
        }

        public Command env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Removes every inherited variable whose name starts with {@code prefix}. */
        public Command withoutEnvPrefix(String prefix) {
            removed.add(name -> name.startsWith(prefix));
            return this;
        }

        public Command directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** What the process reads on standard input (then end of file); empty by default. */
        public Command stdin(String text) {
            this.stdin = text;
            return this;
        }

        public Command timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Runs to completion; fails the test (after killing it) if it outlives the timeout. */
        public Result run() {
            try {
                Path out = Files.createTempFile("proc-out-", ".txt");
                Path err = Files.createTempFile("proc-err-", ".txt");
                try {
                    ProcessBuilder builder = builder();
                    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
                    Process process = builder.start();
                    writeStdin(process);
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                        fail("%s did not finish within %s\n--- stdout\n%s\n--- stderr\n%s", args, timeout,
                                Files.readString(out), Files.readString(err));
                    }
                    return new Result(args, process.exitValue(), Files.readString(out), Files.readString(err));
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Starts it to run beside the test; close the answer to stop it. */
        public Running start() {
            try {
                Path err = Files.createTempFile("proc-err-", ".txt");
                ProcessBuilder builder = builder();
                builder.redirectError(err.toFile());
                Process process = builder.start();
                writeStdin(process);
                return new Running(args, process, err, timeout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeStdin(Process process) throws IOException {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The process may exit before reading its input; its exit status tells the rest.
            }
        }

        private ProcessBuilder builder() {
            ProcessBuilder builder = new ProcessBuilder(args);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> removed.stream().anyMatch(p -> p.test(name)));
            for (String key : List.of("no_proxy", "NO_PROXY")) {
                String have = environment.getOrDefault(key, "");
                environment.put(key, have.isBlank() ? LOOPBACK : have + "," + LOOPBACK);
            }
            if (onBackend) {
                Path base = directory != null ? directory : Path.of("");
                Path data = base.resolve(dataOption != null ? dataOption : "data");
                environment.putAll(Backend.selected().forData(data).environment());
            }
            environment.putAll(env);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            return builder;
        }
    }

    /** A process running beside the test, whose stdout is read line by line. */
    public static final class Running implements AutoCloseable {
        private static final String EOF = new String("<eof>");

        private final List<String> command;
        private final Process process;
        private final Path stderr;
        private final Duration timeout;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer stdout = new StringBuffer();

        private Running(List<String> command, Process process, Path stderr, Duration timeout) {
            this.command = command;
            this.process = process;
            this.stderr = stderr;
            this.timeout = timeout;
            Thread reader = new Thread(this::pump, "stdout of " + command.get(0));
            reader.setDaemon(true);
            reader.start();
        }

        private void pump() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    stdout.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process went away; EOF below
            } finally {
                lines.add(EOF);
            }
        }

        /** Waits for the first stdout line that matches; fails if it exits or times out first. */
        public String awaitLine(Predicate<String> wanted) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (line == null || line == EOF) {
                        String why = line == null ? "no such line within " + timeout : "stdout ended";
                        if (line == EOF) {
                            lines.add(EOF);
                        }
                        String err = stderr();
                        close();
                        fail("%s: %s\n--- stdout\n%s\n--- stderr\n%s", command, why, stdout, err);
                    }
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public Process process() {
            return process;
        }

        public String stderr() {
            try {
                return Files.readString(stderr);
            } catch (IOException e) {
                return "(cannot read stderr: " + e + ")";
            }
        }

        public String stdout() {
            return stdout.toString();
        }

        /** Asks it to stop (SIGTERM) and waits; answers the exit status, or fails if it will not stop. */
        public int stop() {
            process.destroy();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail("%s did not stop within %s after SIGTERM\n--- stderr\n%s", command, timeout, stderr());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }
}
