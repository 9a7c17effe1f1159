package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheeseshop token create|list|revoke}, the packaged jar as a process, beside a running
 * server on the same data: what the command does, the server sees at its next request.
 */
class TokenCommandIT {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    private Processes.Result cheeseshop(String... args) {
        String[] command = new String[args.length + 2];
        System.arraycopy(args, 0, command, 0, args.length);
        command[args.length] = "--data";
        command[args.length + 1] = tmp.resolve("data").toString();
        return Processes.cheeseshop(command).withoutEnvPrefix("CHEESESHOP_").run();
    }

    private static void assertRefusedInOneLine(Processes.Result result, String containing) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).as(result.describe()).isEmpty();
        assertThat(result.stderr().lines()).as(result.describe()).hasSize(1);
        assertThat(result.stderr()).as(result.describe()).startsWith("error: ").contains(containing)
                .doesNotContain("Exception", "\tat ");
    }

    private static Http.Response tokenUpload(ServedJar server, String token, Path wheel, String name)
            throws java.io.IOException {
        return RawUpload.wheel(server.url.toString(), "__token__", token, wheel, name, "1.0");
    }

    @Test
    void createListAndRevokeBesideARunningServer() throws Exception {
        Processes.Result added = Processes.cheeseshop("user", "add", "ivy", "--password-stdin", "--data",
                tmp.resolve("data").toString()).withoutEnvPrefix("CHEESESHOP_").stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
        try (ServedJar server = ServedJar.start(Processes.cheeseshop("serve", "--data", tmp.resolve("data").toString(),
                "--port", "0"))) {
            Processes.Result created = cheeseshop("token", "create", "ivy", "--name", "laptop", "--expires", "86400");

            assertThat(created.exitCode()).as(created.describe()).isZero();
            List<String> lines = created.stdout().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).matches("created token 1 'laptop' \\(all projects, expires \\S+Z\\) for user ivy");
            String token = lines.get(1);
            assertThat(token).matches("pypi-[A-Za-z0-9_-]{43}");

            Path wheel = TestArchives.wheel("ivys-pkg", "1.0").writeTo(Files.createDirectories(tmp.resolve("w")));
            Http.Response upload = tokenUpload(server, token, wheel, "ivys-pkg");
            assertThat(upload.status()).as(upload.reason()).isEqualTo(200);

            Processes.Result listed = cheeseshop("token", "list", "ivy");
            assertThat(listed.exitCode()).as(listed.describe()).isZero();
            assertThat(listed.stdout()).doesNotContain(token).doesNotContain("pypi-");
            List<String> rows = listed.stdout().lines().toList();
            assertThat(rows.get(0)).isEqualTo("id\tname\tprojects\tcreated\texpires\tlast-used\trevoked");
            assertThat(rows).hasSize(2);
            String[] row = rows.get(1).split("\t");
            assertThat(row[0]).isEqualTo("1");
            assertThat(row[1]).isEqualTo("laptop");
            assertThat(row[2]).isEqualTo("*");
            assertThat(row[5]).as("the upload was recorded as its last use").isNotEqualTo("-");
            assertThat(row[6]).isEqualTo("-");

            Processes.Result revoked = cheeseshop("token", "revoke", "1");
            assertThat(revoked.exitCode()).as(revoked.describe()).isZero();
            assertThat(revoked.stdout()).startsWith("revoked token 1 'laptop' (all projects, expires ");

            Path again = TestArchives.wheel("ivys-pkg", "2.0").writeTo(Files.createDirectories(tmp.resolve("w2")));
            Http.Response refused = RawUpload.wheel(server.url.toString(), "__token__", token, again, "ivys-pkg", "2.0");
            assertThat(refused.status()).as("revoked: the server refuses it at once").isEqualTo(403);
            assertThat(cheeseshop("token", "list", "ivy").stdout().lines().toList().get(1).split("\t")[6])
                    .isNotEqualTo("-");

            Processes.Result scoped = cheeseshop("token", "create", "ivy", "--name", "ci", "--project", "Ivys_Pkg");
            assertThat(scoped.exitCode()).as(scoped.describe()).isZero();
            assertThat(scoped.stdout().lines().toList().get(0))
                    .isEqualTo("created token 2 'ci' (projects ivys-pkg) for user ivy");
        }
    }

    @Test
    void badInputIsOneErrorLineAndExitStatus1() {
        Processes.Result added = Processes.cheeseshop("user", "add", "jo", "--password-stdin", "--data",
                tmp.resolve("data").toString()).withoutEnvPrefix("CHEESESHOP_").stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();

        assertRefusedInOneLine(cheeseshop("token", "create", "nobody", "--name", "x"), "no user 'nobody'");
        assertRefusedInOneLine(cheeseshop("token", "create", "jo"), "--name");
        assertRefusedInOneLine(cheeseshop("token", "create", "jo", "--name", " "), "name");
        assertRefusedInOneLine(cheeseshop("token", "create", "jo", "--name", "x", "--project", "nope"),
                "'nope' is not a project on which user 'jo' has a role");
        assertRefusedInOneLine(cheeseshop("token", "create", "jo", "--name", "x", "--expires", "yesterday"), "expires");
        assertRefusedInOneLine(cheeseshop("token", "create", "jo", "--name", "x", "--expires", "2001-01-01"),
                "not in the future");
        assertRefusedInOneLine(cheeseshop("token", "list", "nobody"), "no user 'nobody'");
        assertRefusedInOneLine(cheeseshop("token", "revoke", "42"), "no token with id 42");
        assertRefusedInOneLine(cheeseshop("token", "revoke", "x"), "ID");
        assertRefusedInOneLine(Processes.cheeseshop("token").run(), "subcommand");

        Processes.Result empty = cheeseshop("token", "list", "jo");
        assertThat(empty.stdout().lines().toList()).as("the refused commands created nothing").hasSize(1);
    }
}
