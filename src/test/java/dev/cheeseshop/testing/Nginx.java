package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's nginx ({@code /usr/sbin/nginx}, else {@code nginx} on the PATH) serving a directory as a
 * static web server on 127.0.0.1 and a free port: {@code autoindex off} (a directory without an
 * {@code index.html} answers 403), {@code index.html} for a directory's URL, and the types
 * Cheeseshop itself sends ({@code .html} as {@code text/html; charset=utf-8}, {@code .metadata} as
 * {@code text/plain; charset=utf-8}, a {@code .whl} and anything else as
 * {@code application/octet-stream}), whatever the request's {@code Accept}. nginx's own
 * {@code ETag} and {@code Last-Modified} are left on, as a static host sends them.
 *
 * <p>Its configuration, pid file, temporary paths and logs are in a temporary directory of its own
 * ({@code -p}), never in {@code /etc/nginx} or {@code /var}; it runs in the foreground
 * ({@code daemon off}) as the user running the test (workers too: {@code user} names that user
 * when it is root, so a test's private temporary directories need no wider permissions). It is
 * ready once it logs "start worker processes" (its listening socket is open by then; the error
 * log goes to its stdout at level notice). {@link #requests()} reads its access log: one
 * {@code METHOD URI STATUS} line per request, for tests that count what reached it. Close it to
 * stop it (SIGTERM) and delete its directory; the served directory is left alone.
 *
 * <p>Not installed, the test fails saying how to install it ({@code apt-get install nginx-light},
 * which .ci/run does); it is never skipped.
 */
public final class Nginx implements AutoCloseable {
    public static final String INSTALL = "install it with: apt-get install nginx-light";
    private static final Path DEBIAN = Path.of("/usr/sbin/nginx");
    /** Answers 204 and is never logged: see {@link #requests()}. */
    private static final String LOGGED = "/.requests-logged";

    private final Path prefix;
    private final Processes.Running process;
    private final int port;

    private Nginx(Path prefix, Processes.Running process, int port) {
        this.prefix = prefix;
        this.process = process;
        this.port = port;
    }

    /** nginx's executable, failing the test when it is not installed. */
    public static String executable() {
        return executable(DEBIAN, "nginx");
    }

    /** {@code debian} when it is there, else {@code name} on the PATH, else a failure saying how to install it. */
    static String executable(Path debian, String name) {
        if (Files.isRegularFile(debian) && Files.isExecutable(debian)) {
            return debian.toString();
        }
        return Processes.which(name).map(Path::toString).orElseGet(() -> fail(
                "nginx is not installed (no " + debian + ", no " + name + " on the PATH); " + INSTALL));
    }

    /** Starts nginx serving {@code root} (which must exist); waits until it listens. */
    public static Nginx serve(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no directory to serve at " + root);
        }
        String nginx = executable();
        Path prefix;
        try {
            prefix = Files.createTempDirectory("cheeseshop-nginx-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A free port is free when asked, not necessarily when nginx binds it: another try on a clash.
        String failures = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            writeConfig(prefix, root.toAbsolutePath(), port);
            Processes.Running running = Processes.command(nginx, "-p", prefix + "/", "-c", "nginx.conf",
                    "-e", "stderr").timeout(Duration.ofSeconds(30)).start();
            Optional<String> failure = awaitReady(running);
            if (failure.isEmpty()) {
                return new Nginx(prefix, running, port);
            }
            String output = failure.get();
            failures += "\n--- attempt " + (attempt + 1) + " on port " + port + "\n" + output;
            if (!output.contains("Address already in use")) {
                break;
            }
        }
        delete(prefix);
        return fail("nginx did not start:" + failures);
    }

    /**
     * Empty once nginx logs "start worker processes"; else (it exited or timed out, and has been
     * stopped) what it wrote, stdout and stderr.
     */
    private static Optional<String> awaitReady(Processes.Running running) {
        try {
            running.awaitLine(line -> line.contains("start worker processes"));
            return Optional.empty();
        } catch (AssertionError exited) {
            running.close();
            return Optional.of(String.valueOf(exited.getMessage()));
        }
    }

    private static void writeConfig(Path prefix, Path root, int port) {
        String user = System.getProperty("user.name");
        String config = (user.equals("root") ? "user root root;\n" : "")
                + "worker_processes 1;\n"
                + "daemon off;\n"
                + "pid " + prefix.resolve("nginx.pid") + ";\n"
                + "error_log /dev/stdout notice;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "  log_format requests '$request_method $request_uri $status';\n"
                + "  access_log " + prefix.resolve("access.log") + " requests;\n"
                + "  client_body_temp_path " + prefix.resolve("body") + ";\n"
                + "  proxy_temp_path " + prefix.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + prefix.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + prefix.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + prefix.resolve("scgi") + ";\n"
                + "  types {\n"
                + "    text/html html;\n"
                + "    text/plain metadata;\n"
                + "    application/octet-stream whl gz zip;\n"
                + "  }\n"
                + "  default_type application/octet-stream;\n"
                + "  charset utf-8;\n"
                + "  server_tokens off;\n"
                + "  server {\n"
                + "    listen 127.0.0.1:" + port + ";\n"
                + "    root " + root + ";\n"
                + "    autoindex off;\n"
                + "    index index.html;\n"
                + "    location = " + LOGGED + " { access_log off; return 204; }\n"
                + "  }\n"
                + "}\n";
        try {
            Files.writeString(prefix.resolve("nginx.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, without a trailing slash: {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code path} (starting with {@code /}) on this server. */
    public URI uri(String path) {
        return URI.create(url() + path);
    }

    /**
     * The requests answered so far, in order, as {@code METHOD URI STATUS} (the URI as the client
     * sent it, query included).
     *
     * <p>nginx writes a request's line after it has sent the answer, so a client holding the answer
     * may read the log before the line is there. Hence a barrier first: a request to
     * {@link #LOGGED}, which is itself not logged. nginx's one worker handles events one at a time
     * and logs a request in the same step as it sends the answer's last bytes, so by the time it
     * answers the barrier, every request answered before has its line in the log.
     */
    public List<String> requests() {
        Http.get(uri(LOGGED));
        try {
            Path log = prefix.resolve("access.log");
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops nginx (SIGTERM, then waits) and deletes its directory. */
    @Override
    public void close() {
        try {
            process.stop();
        } finally {
            process.close();
            delete(prefix);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
