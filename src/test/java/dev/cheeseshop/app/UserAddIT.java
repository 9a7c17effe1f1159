package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Backend;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cheeseshop user add}, the packaged jar as a process, alone and beside a running server. */
class UserAddIT {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    private Path data() {
        return tmp.resolve("data");
    }

    private Processes.Result userAdd(String stdin, String... args) {
        String[] command = new String[args.length + 4];
        command[0] = "user";
        command[1] = "add";
        System.arraycopy(args, 0, command, 2, args.length);
        command[args.length + 2] = "--data";
        command[args.length + 3] = data().toString();
        return Processes.cheeseshop(command).stdin(stdin).run();
    }

    private ServedJar serve() {
        return ServedJar.start(Processes.cheeseshop("serve", "--data", data().toString(), "--port", "0"));
    }

    /**
     * An empty upload: the endpoint checks credentials before anything else, so 403 means they
     * were refused and any other 4xx that they were accepted (and the form was not).
     */
    private static int uploadStatusAs(ServedJar server, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        int status = Http.send("POST", server.uri("/legacy/"), new byte[0], "Authorization", "Basic " + basic,
                "Content-Type", "multipart/form-data; boundary=x").status();
        assertThat(status).as("an empty upload is a client error").isBetween(400, 499);
        return status;
    }

    /** Exit status 1, nothing on stdout, one line on stderr that is not a stack trace. */
    private static void assertRefusedInOneLine(Processes.Result result, String containing) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).as(result.describe()).isEmpty();
        assertThat(result.stderr().lines()).as(result.describe()).hasSize(1);
        assertThat(result.stderr()).as(result.describe()).startsWith("error: ").contains(containing)
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void readsOneLineAsThePasswordAndTheUserCanAuthenticate() {
        Processes.Result added = userAdd(PASSWORD + "\n", "Carol", "--password-stdin", "--email", "carol@example.org");

        assertThat(added.exitCode()).as(added.describe()).isZero();
        assertThat(added.stdout()).as("names where the index is, as serve does")
                .isEqualTo("created user Carol (" + Backend.selected().forData(data()).where() + ")\n");
        try (ServedJar server = serve()) {
            assertThat(uploadStatusAs(server, "Carol", PASSWORD)).as("the newline is not part of the password")
                    .isNotEqualTo(403);
            assertThat(uploadStatusAs(server, "Carol", PASSWORD + "\n")).isEqualTo(403);
            assertThat(uploadStatusAs(server, "Carol", "correct horse")).isEqualTo(403);
        }
    }

    @Test
    void theDefaultDataDirectoryIsRelativeToTheWorkingDirectoryAndIsNamed() throws Exception {
        Backend.assumeSqliteFiles("finds the default ./data by the SQLite file written there");
        Path workdir = java.nio.file.Files.createDirectories(tmp.resolve("somewhere"));
        Processes.Result added = Processes.cheeseshop("user", "add", "erin", "--password-stdin")
                .withoutEnvPrefix("CHEESESHOP_").directory(workdir).stdin(PASSWORD + "\n").run();

        assertThat(added.exitCode()).as(added.describe()).isZero();
        Path expected = workdir.resolve("data").toRealPath();
        assertThat(added.stdout()).isEqualTo("created user erin (data in " + expected + ")\n");
        assertThat(expected.resolve("cheeseshop.db")).isRegularFile();
    }

    @Test
    void onlyTheFirstLineIsRead() {
        Processes.Result added = userAdd("first-line-password\r\nsecond-line\n", "dave", "--password-stdin", "--admin");

        assertThat(added.exitCode()).as(added.describe()).isZero();
        try (ServedJar server = serve()) {
            assertThat(uploadStatusAs(server, "dave", "first-line-password")).isNotEqualTo(403);
        }
    }

    @Test
    void anExistingNameInAnyCaseIsRefused() {
        Processes.Result first = userAdd(PASSWORD + "\n", "Erin", "--password-stdin");
        assertThat(first.exitCode()).as(first.describe()).isZero();

        assertRefusedInOneLine(userAdd("another password\n", "ERIN", "--password-stdin"), "already exists");
        assertRefusedInOneLine(userAdd("another password\n", "erin", "--password-stdin"), "already exists");
    }

    @Test
    void anInvalidNameIsRefused() {
        assertRefusedInOneLine(userAdd(PASSWORD + "\n", "not a name!", "--password-stdin"), "invalid username");
        assertRefusedInOneLine(userAdd(PASSWORD + "\n", "trailing-", "--password-stdin"), "invalid username");
    }

    @Test
    void withoutPasswordStdinItRefusesAndCreatesNoOne() {
        assertRefusedInOneLine(userAdd(PASSWORD + "\n", "frank"), "--password-stdin");

        Processes.Result later = userAdd(PASSWORD + "\n", "frank", "--password-stdin");
        assertThat(later.exitCode()).as("frank was not created by the refused command: " + later.describe()).isZero();
    }

    @Test
    void anEmptyStandardInputIsRefused() {
        assertRefusedInOneLine(userAdd("", "gina", "--password-stdin"), "password");
    }

    @Test
    void worksBesideARunningServerAndTheNewUserCanUploadThroughIt() throws Exception {
        try (ServedJar server = serve()) {
            assertThat(uploadStatusAs(server, "harriet", PASSWORD)).isEqualTo(403);

            Processes.Result added = userAdd(PASSWORD + "\n", "harriet", "--password-stdin");
            assertThat(added.exitCode()).as(added.describe()).isZero();

            Path wheel = TestArchives.wheel("harriets-pkg", "1.0").writeTo(tmp);
            Http.Response upload = RawUpload.wheel(server.url.toString(), "harriet", PASSWORD, wheel, "harriets-pkg", "1.0");
            assertThat(upload.status()).as(upload.reason() + "\n" + upload.text()).isEqualTo(200);
            Http.Response page = Http.get(server.uri("/simple/harriets-pkg/"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("harriets_pkg-1.0-py3-none-any.whl");
        }
    }
}
