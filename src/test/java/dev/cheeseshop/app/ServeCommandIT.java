package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cheeseshop serve}, the packaged jar as a process. */
class ServeCommandIT {
    @TempDir
    Path tmp;

    private static ServedJar serve(Path data) {
        return ServedJar.start(Processes.cheeseshop("serve", "--data", data.toString(), "--host", "127.0.0.1",
                "--port", "0"));
    }

    @Test
    void printsTheUrlOnceReadyAndAnswersOnIt() {
        Path data = tmp.resolve("data");
        try (ServedJar server = serve(data)) {
            assertThat(server.port).isPositive();
            // On the default backend "data in DIR"; on another, the database and the bucket instead.
            assertThat(server.readyLine).isEqualTo("Cheeseshop is serving http://127.0.0.1:" + server.port + "/ ("
                    + Backend.selected().forData(data).where() + ")");

            Http.Response index = Http.get(server.uri("/simple/"));

            assertThat(index.status()).isEqualTo(200);
            assertThat(index.header("Content-Type")).startsWith("text/html");
            assertThat(index.header("X-PyPI-Last-Serial")).isEqualTo("0");
        }
    }

    @Test
    void environmentVariablesStandInForTheOptions() throws Exception {
        Backend.assumeSqliteFiles("finds the data directory from CHEESESHOP_DATA by the SQLite file it writes there");
        Path data = tmp.resolve("from-env");
        Path workdir = Files.createDirectories(tmp.resolve("cwd"));
        Processes.Command serve = Processes.cheeseshop("serve").directory(workdir)
                .env("CHEESESHOP_DATA", data.toString()).env("CHEESESHOP_PORT", "0");

        try (ServedJar server = ServedJar.start(serve)) {
            assertThat(server.port).as("port 0 from the environment, not the default 8080").isNotEqualTo(8080);
            assertThat(Http.get(server.uri("/simple/")).status()).isEqualTo(200);
            assertThat(data.resolve("cheeseshop.db")).isRegularFile();
            assertThat(workdir.resolve("data")).as("the default ./data is not used").doesNotExist();
        }
    }

    @Test
    void theDataDirectoryGetsAWalDatabaseAndPackages() throws Exception {
        Backend.assumeSqliteFiles("checks the SQLite file's WAL mode and the packages/ folder");
        Path data = tmp.resolve("data");
        try (ServedJar server = serve(data)) {
            assertThat(data.resolve("cheeseshop.db")).isRegularFile();
            assertThat(data.resolve("packages")).isDirectory();
            // A plain connection, no pragmas of its own: WAL mode is a property of the file.
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("cheeseshop.db"));
                    Statement statement = db.createStatement();
                    ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.next()).isTrue();
                assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
            }
            assertThat(Http.get(server.uri("/simple/")).status()).as("still serving").isEqualTo(200);
        }
    }

    @Test
    void destroyingTheProcessStopsTheServer() {
        try (ServedJar server = serve(tmp.resolve("data"))) {
            assertThat(Http.get(server.uri("/simple/")).status()).isEqualTo(200);

            server.process.stop();

            assertThat(server.process.process().isAlive()).isFalse();
            assertThatThrownBy(() -> Http.get(server.uri("/simple/")))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void feedLinksNameTheAddressServedUnlessAPublicUrlIsGiven() {
        try (ServedJar server = serve(tmp.resolve("data"))) {
            assertThat(Http.get(server.uri("/rss/updates.xml")).text())
                    .contains("<link>http://127.0.0.1:" + server.port + "/</link>");
        }
        Processes.Command fromEnv = Processes.cheeseshop("serve", "--data", tmp.resolve("env").toString(),
                "--host", "127.0.0.1", "--port", "0").env("CHEESESHOP_PUBLIC_URL", "https://pypi.example.org/mirror");
        try (ServedJar server = ServedJar.start(fromEnv)) {
            assertThat(Http.get(server.uri("/rss/packages.xml")).text())
                    .contains("<link>https://pypi.example.org/mirror/</link>");
        }
        Processes.Command option = Processes.cheeseshop("serve", "--data", tmp.resolve("option").toString(),
                "--host", "127.0.0.1", "--port", "0", "--public-url", "http://index.internal:8080")
                .env("CHEESESHOP_PUBLIC_URL", "https://ignored.example.org/");
        try (ServedJar server = ServedJar.start(option)) {
            assertThat(Http.get(server.uri("/rss/updates.xml")).text())
                    .contains("<link>http://index.internal:8080/</link>");
        }
    }

    @Test
    void anInvalidPublicUrlIsOneLineOnStderrAndExitStatus1() {
        for (String bad : List.of("ftp://example.org/", "https://example.org/?page=1", "example.org",
                "https://user:pw@example.org/")) {
            Path data = tmp.resolve("never");
            Processes.Result run = Processes.cheeseshop("serve", "--data", data.toString(), "--port", "0",
                    "--public-url", bad).run();

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
            assertThat(run.stderr().lines()).as(run.describe()).hasSize(1)
                    .allSatisfy(line -> assertThat(line).startsWith("error: invalid --public-url '" + bad + "': "));
            assertThat(data).as("nothing created").doesNotExist();
        }
    }

    @Test
    void aPortInUseIsOneLineOnStderrAndExitStatus1() {
        Path data = tmp.resolve("data");
        try (ServedJar first = serve(data)) {
            Processes.Result second = Processes.cheeseshop("serve", "--data", tmp.resolve("other").toString(),
                    "--port", Integer.toString(first.port)).run();

            assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
            assertThat(second.stderr().lines()).as(second.describe()).hasSize(1)
                    .allSatisfy(line -> assertThat(line).startsWith("error: ").contains(Integer.toString(first.port)));
            assertThat(Http.get(first.uri("/simple/")).status()).as("the first server is unharmed").isEqualTo(200);
        }
    }
}
