package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cheeseshop bench-data}: the packaged jar fills a data directory that {@code serve} serves. */
class BenchDataIT {
    @TempDir
    Path tmp;

    private static Processes.Result benchData(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "bench-data";
        System.arraycopy(args, 0, command, 1, args.length);
        return Processes.cheeseshop(command).run();
    }

    private static String call(ServedJar server, String method) {
        String body = "<?xml version='1.0'?><methodCall><methodName>" + method + "</methodName><params/></methodCall>";
        Http.Response response = Http.send("POST", server.uri("/pypi"), body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/xml");
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    private static void assertRefusedInOneLine(Processes.Result result, String containing) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr().lines()).as(result.describe()).hasSize(1);
        assertThat(result.stderr()).as(result.describe()).startsWith("error: ").contains(containing)
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void generatesAnIndexThatServeServes() {
        Backend.assumeSqliteFiles("bench-data loads only the SQLite file of the data directory (issue 10 item 6)");
        Path data = tmp.resolve("data");

        Processes.Result result = benchData("--data", data.toString(), "--projects", "150", "--journal", "3000",
                "--seed", "9");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).contains("done");
        assertThat(data.resolve("packages")).isDirectory();
        try (ServedJar server = ServedJar.start(Processes.cheeseshop("serve", "--data", data.toString(), "--port", "0"))) {
            assertThat(call(server, "changelog_last_serial")).contains("<int>3000</int>");
            String listing = call(server, "list_packages_with_serial");
            assertThat(Pattern.compile("<member>").matcher(listing).results().count()).isEqualTo(150);
        }
    }

    @Test
    void aDirectoryThatIsNotEmptyIsRefused() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("keep.txt"), "mine");

        assertRefusedInOneLine(benchData("--data", data.toString(), "--projects", "10", "--journal", "100"),
                "not empty");
        assertThat(data.resolve("cheeseshop.db")).doesNotExist();
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertRefusedInOneLine(benchData("--data", file.toString(), "--projects", "10", "--journal", "100"),
                "not a directory");
    }

    @Test
    void impossibleSizesAreRefused() {
        Path data = tmp.resolve("data");

        assertRefusedInOneLine(benchData("--data", data.toString(), "--projects", "0", "--journal", "100"),
                "--projects");
        assertRefusedInOneLine(benchData("--data", data.toString(), "--projects", "100", "--journal", "150"),
                "--journal");
        assertRefusedInOneLine(benchData("--data", data.toString(), "--projects", "10", "--journal", "-5"),
                "--journal");
        assertRefusedInOneLine(benchData("--data", data.toString(), "--projects", "ten", "--journal", "100"),
                "--projects must be a whole number");
        assertRefusedInOneLine(benchData("--data", data.toString(), "--projects", "10", "--journal", "100",
                "--seed", "0x1f"), "--seed must be a whole number");
        assertThat(data).doesNotExist();
    }
}
