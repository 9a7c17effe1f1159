package dev.cheeseshop.testing;

import dev.cheeseshop.store.sql.PostgresStores;
import dev.cheeseshop.store.sql.PostgresUrl;
import dev.cheeseshop.store.sql.SqlMetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests, and a fresh database on it for each test that asks.
 *
 * <p>The server is the one {@code CHEESESHOP_TEST_POSTGRES} names, in the command line's form
 * ({@code postgresql://USER@HOST:PORT/DB}, a user that may create databases; the password, if
 * any, from {@code CHEESESHOP_DATABASE_PASSWORD}), a developer's own server.
 * Without it, a private cluster is started once per JVM: {@code initdb} into a temporary
 * directory (as the {@code postgres} user when running as root, which initdb refuses), listening
 * on loopback only, on a free port, with password (SCRAM) authentication over TCP and a random
 * password, commits not flushed to disk (unless the system property
 * {@code cheeseshop.postgres.durable} is true, as benchmarks set it), and a shutdown hook that
 * stops it and deletes it. On a given server the databases made here are dropped, when the JVM
 * exits or sooner ({@link TestDatabases}).
 * Its default collation is ICU's en-US, which orders text unlike SQLite ("abc" before "Demo"),
 * so a column that misses the schema's {@code COLLATE "C"} fails a test.
 * The binaries are found in {@code CHEESESHOP_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin} (Debian's layout), else on the PATH.
 */
public final class Postgres {
    private Postgres() {}

    /** A new, empty database: its URL in the command line's form, and how to open it. */
    public record Database(PostgresUrl url) {
        public String jdbcUrl() {
            return url.jdbcUrl();
        }

        public String user() {
            return url.user();
        }

        /** The password to give, null for none (trust, or pgpass). */
        public String password() {
            return Server.PASSWORD;
        }

        /** The metadata store on this database, migrated. */
        public SqlMetadataStore open(int poolSize) {
            return PostgresStores.open(url, Server.PASSWORD, poolSize);
        }

        /** A plain connection (auto-commit on), for a test's own SQL. */
        public Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", url.user());
            if (Server.PASSWORD != null) {
                properties.setProperty("password", Server.PASSWORD);
            }
            return DriverManager.getConnection(url.jdbcUrl(), properties);
        }

        /**
         * Drops this database now if no client is connected to it any more (else it is dropped at
         * exit on a given server, and goes with a private cluster); true if it is gone.
         */
        public boolean dropIfUnused() {
            return TestDatabases.dropIfUnused(Server.ADMIN, url.database());
        }
    }

    /** A new database named {@code t_<random>} on the test server. */
    public static Database newDatabase() {
        PostgresUrl admin = Server.ADMIN;
        String name = "t_" + HexFormat.of().formatHex(randomBytes());
        try (Connection conn = new Database(admin).connect(); Statement statement = conn.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            TestDatabases.created(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin, e);
        }
        return new Database(new PostgresUrl(admin.user(), admin.host(), admin.port(), name, admin.sslmode()));
    }

    /**
     * The server's log, where every line starts {@code <time> [<pid>] <database>: }; empty when
     * the server is not this JVM's own.
     */
    public static Optional<Path> serverLog() {
        PostgresUrl started = Server.ADMIN; // starts it
        return Optional.ofNullable(started == null ? null : Server.log);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The server, chosen or started on first use. */
    private static final class Server {
        private static final String GIVEN = System.getenv("CHEESESHOP_TEST_POSTGRES");
        /** Commits flushed to disk, as in production; off by default, for speed (benchmarks set it). */
        private static final boolean DURABLE = Boolean.getBoolean("cheeseshop.postgres.durable");
        static final String PASSWORD = GIVEN != null && !GIVEN.isBlank()
                ? System.getenv("CHEESESHOP_DATABASE_PASSWORD") : secret();
        /** The private cluster's log; null on a given server. */
        static Path log;
        static final PostgresUrl ADMIN = start();

        private static String secret() {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        private static PostgresUrl start() {
            if (GIVEN != null && !GIVEN.isBlank()) {
                PostgresUrl given = PostgresUrl.parse(GIVEN.strip());
                // A private cluster is deleted whole at exit; on a shared one, what this JVM made is dropped.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDatabases.dropAll(given), "postgres-drop"));
                return given;
            }
            try {
                return privateCluster();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a private PostgreSQL cluster", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting PostgreSQL", e);
            }
        }

        private static PostgresUrl privateCluster() throws IOException, InterruptedException {
            Path bin = binaries();
            Path dir = Files.createTempDirectory("cheeseshop-pg-");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres:", dir.toString()), dir);
            }
            Path data = dir.resolve("data");
            Path passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, PASSWORD);
            if (root) {
                run(List.of("chown", "postgres:", passwordFile.toString()), dir);
            }
            List<String> initdb = asOwner(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
                    "cheeseshop", "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--no-sync", "--locale=C.UTF-8");
            try {
                List<String> icu = new ArrayList<>(initdb);
                icu.addAll(List.of("--locale-provider=icu", "--icu-locale=en-US"));
                run(icu, dir);
            } catch (IOException e) {
                // Before PostgreSQL 15, or built without ICU (initdb removes what it began).
                System.err.println("initdb with an ICU collation failed; using the C.UTF-8 locale: " + e.getMessage());
                run(initdb, dir);
            }
            // Each log line names its database, so a test can read what its own sessions logged.
            Files.writeString(data.resolve("postgresql.conf"), "\nlog_line_prefix = '%m [%p] %d: '\n",
                    StandardOpenOption.APPEND);
            log = dir.resolve("server.log");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, dir, data, root), "postgres-stop"));
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    run(asOwner(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                            dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                            "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
                                    + (DURABLE ? "" : " -c fsync=off -c synchronous_commit=off"
                                            + " -c full_page_writes=off")
                                    + " -c max_connections=300", "start"), dir);
                    return new PostgresUrl("cheeseshop", "127.0.0.1", port, "postgres", null);
                } catch (IOException e) {
                    last = e; // most likely the port was taken meanwhile: another one
                }
            }
            throw last;
        }

        private static void stop(Path bin, Path dir, Path data, boolean root) {
            try {
                run(asOwner(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                        "-w", "stop"), dir);
            } catch (IOException | InterruptedException e) {
                System.err.println("stopping the test PostgreSQL failed: " + e.getMessage());
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot delete " + dir + ": " + e.getMessage());
            }
        }

        private static List<String> asOwner(boolean root, String... command) {
            List<String> full = new ArrayList<>();
            if (root) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(List.of(command));
            return full;
        }

        private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
            Path output = Files.createTempFile(dir, "cmd-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                Path log = dir.resolve("server.log");
                throw new IOException(String.join(" ", command) + " failed with exit " + process.exitValue()
                        + ":\n" + Files.readString(output)
                        + (Files.isReadable(log) ? "\n--- server.log\n" + Files.readString(log) : ""));
            }
        }

        private static Path binaries() throws IOException {
            String given = System.getenv("CHEESESHOP_PG_BIN");
            if (given != null && !given.isBlank()) {
                return Path.of(given);
            }
            Path debian = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(debian)) {
                try (Stream<Path> versions = Files.list(debian)) {
                    Path newest = versions.map(version -> version.resolve("bin"))
                            .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                            .max(Comparator.comparingInt(Server::majorVersion)).orElse(null);
                    if (newest != null) {
                        return newest;
                    }
                }
            }
            return Path.of(""); // on the PATH
        }

        private static int majorVersion(Path bin) {
            try {
                return Integer.parseInt(bin.getParent().getFileName().toString());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
