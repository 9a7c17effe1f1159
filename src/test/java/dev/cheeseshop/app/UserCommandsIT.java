package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import dev.cheeseshop.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheeseshop user passwd|disable|enable|list}, the packaged jar as a process, alone and
 * beside a running server on the same data: what the command does, the server sees at its next
 * request.
 */
class UserCommandsIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new password";

    @TempDir
    Path tmp;

    private Processes.Result cheeseshop(String stdin, String... args) {
        String[] command = new String[args.length + 2];
        System.arraycopy(args, 0, command, 0, args.length);
        command[args.length] = "--data";
        command[args.length + 1] = tmp.resolve("data").toString();
        Processes.Command run = Processes.cheeseshop(command).withoutEnvPrefix("CHEESESHOP_");
        return (stdin == null ? run : run.stdin(stdin)).run();
    }

    private Processes.Result ok(String stdin, String... args) {
        Processes.Result result = cheeseshop(stdin, args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as(result.describe()).isEmpty();
        return result;
    }

    private static void assertRefusedInOneLine(Processes.Result result, String containing) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).as(result.describe()).isEmpty();
        assertThat(result.stderr().lines()).as(result.describe()).hasSize(1);
        assertThat(result.stderr()).as(result.describe()).startsWith("error: ").contains(containing)
                .doesNotContain("Exception", "\tat ");
    }

    private static int apiStatus(ServedJar server, String user, String password) {
        return Http.get(server.uri("/api/v1/users/" + user), "Authorization", Uploads.basic(user, password)).status();
    }

    @Test
    void disableEnableAndPasswdTakeEffectOnARunningServerAtOnce() throws Exception {
        ok(PASSWORD + "\n", "user", "add", "ivy", "--password-stdin", "--email", "ivy@example.org");
        try (ServedJar server = ServedJar.start(Processes.cheeseshop("serve", "--data", tmp.resolve("data").toString(),
                "--port", "0"))) {
            String token = ok(null, "token", "create", "ivy", "--name", "ci").stdout().lines().toList().get(1);
            Path w1 = TestArchives.wheel("ivys-pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("w1")));
            assertThat(RawUpload.wheel(server.url.toString(), "__token__", token, w1, "ivys-pkg", "1.0").status())
                    .isEqualTo(200);
            assertThat(apiStatus(server, "ivy", PASSWORD)).isEqualTo(200);

            assertThat(ok(null, "user", "disable", "ivy").stdout()).isEqualTo("disabled user ivy\n");

            Path w2 = TestArchives.wheel("ivys-pkg", "2.0").writeTo(Files.createDirectories(tmp.resolve("w2")));
            assertThat(RawUpload.wheel(server.url.toString(), "__token__", token, w2, "ivys-pkg", "2.0").status())
                    .as("the token, at once").isEqualTo(403);
            assertThat(RawUpload.wheel(server.url.toString(), "ivy", PASSWORD, w2, "ivys-pkg", "2.0").status())
                    .as("the password, at once").isEqualTo(403);
            assertThat(apiStatus(server, "ivy", PASSWORD)).isEqualTo(401);
            List<String> listed = ok(null, "user", "list").stdout().lines().toList();
            assertThat(listed.get(1)).matches("ivy\tivy@example\\.org\tno\t\\d{4}-\\d\\d-\\d\\dT\\S+Z");

            assertThat(ok(null, "user", "enable", "ivy").stdout()).isEqualTo("enabled user ivy\n");
            assertThat(RawUpload.wheel(server.url.toString(), "__token__", token, w2, "ivys-pkg", "2.0").status())
                    .as("enabled again, the token and its user's role work").isEqualTo(200);
            assertThat(ok(null, "user", "list").stdout().lines().toList().get(1)).isEqualTo("ivy\tivy@example.org\tno\t-");

            assertThat(ok(NEW_PASSWORD + "\n", "user", "passwd", "ivy", "--password-stdin").stdout())
                    .isEqualTo("changed the password of user ivy\n");
            assertThat(apiStatus(server, "ivy", PASSWORD)).as("the old password, at once").isEqualTo(401);
            assertThat(apiStatus(server, "ivy", NEW_PASSWORD)).isEqualTo(200);
        }
    }

    @Test
    void listShowsEveryUserAndNoSecret() {
        ok(PASSWORD + "\n", "user", "add", "Zed", "--password-stdin", "--admin");
        ok(PASSWORD + "\n", "user", "add", "amy", "--password-stdin", "--email", "amy@example.org");

        Processes.Result listed = ok(null, "user", "list");

        assertThat(listed.stdout().lines().toList()).containsExactly("name\temail\tadmin\tdisabled",
                "amy\tamy@example.org\tno\t-", "Zed\t-\tyes\t-");
        assertThat(listed.stdout()).doesNotContain(PASSWORD).doesNotContain("argon2");
    }

    @Test
    void badInputIsOneErrorLineAndExitStatus1() {
        ok(PASSWORD + "\n", "user", "add", "jo", "--password-stdin");

        assertRefusedInOneLine(cheeseshop(NEW_PASSWORD + "\n", "user", "passwd", "jo"), "--password-stdin");
        assertRefusedInOneLine(cheeseshop(NEW_PASSWORD + "\n", "user", "passwd", "nobody", "--password-stdin"),
                "no user 'nobody'");
        assertRefusedInOneLine(cheeseshop("short\n", "user", "passwd", "jo", "--password-stdin"),
                "at least 8 characters");
        assertRefusedInOneLine(cheeseshop("", "user", "passwd", "jo", "--password-stdin"), "no password");
        assertRefusedInOneLine(cheeseshop(null, "user", "disable", "nobody"), "no user 'nobody'");
        assertRefusedInOneLine(cheeseshop(null, "user", "enable", "jo"), "user 'jo' is not disabled");
        ok(null, "user", "disable", "jo");
        assertRefusedInOneLine(cheeseshop(null, "user", "disable", "JO"), "user 'jo' is already disabled");
        assertRefusedInOneLine(Processes.cheeseshop("user").run(), "user passwd");

        assertThat(ok(null, "user", "list").stdout().lines().toList().get(1)).startsWith("jo\t-\tno\t2");
        assertThat(ok(null, "user", "enable", "jo").stdout()).isEqualTo("enabled user jo\n");
    }
}
