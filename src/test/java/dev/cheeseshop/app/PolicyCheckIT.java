package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cheeseshop policy check FILE} of the packaged jar: the policy printed, or one error line and status 1. */
class PolicyCheckIT {
    @TempDir
    Path dir;

    @Test
    void aGoodFileIsPrintedEntryByEntry() throws Exception {
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, """
                allow = ["requests", "urllib3 >= 2", "numpy"]
                deny = ["evilpkg", "requests<2.20"]
                min-age = "3d"
                """);

        Processes.Result result = Processes.cheeseshop("policy", "check", file.toString()).run();

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as(result.describe()).isEmpty();
        assertThat(result.stdout().lines()).containsExactly(
                "allow: 3 entries, only these come from the upstream:",
                "  requests",
                "  urllib3>=2",
                "  numpy",
                "deny: 2 entries:",
                "  evilpkg",
                "  requests<2.20",
                "min-age: 3d");
    }

    @Test
    void aBadFileIsOneErrorLineAndStatusOne() throws Exception {
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, "# secret: hunter2\nallow = [\"requests\"]\ndeny = [\"evilpkg\", \"requests<<2\"]\n");

        Processes.Result result = Processes.cheeseshop("policy", "check", file.toString()).run();

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).as(result.describe()).isEmpty();
        assertThat(result.stderr().lines()).as(result.describe()).containsExactly("error: " + file
                + ":3: deny entry \"requests<<2\": '<<2' is not a valid PEP 440 version specifier");
    }

    @Test
    void notTomlAndNoFileAreErrorsToo() throws Exception {
        Path file = dir.resolve("policy.toml");
        Files.writeString(file, "allow = [\"requests\"\n");

        Processes.Result bad = Processes.cheeseshop("policy", "check", file.toString()).run();
        Processes.Result missing = Processes.cheeseshop("policy", "check", dir.resolve("none.toml").toString()).run();

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr().lines()).as(bad.describe()).singleElement().asString()
                .startsWith("error: " + file + ":2:1: not valid TOML: ");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(1);
        assertThat(missing.stderr().lines()).as(missing.describe())
                .containsExactly("error: " + dir.resolve("none.toml") + ": no such file");
    }

    @Test
    void withoutAFileItIsAUsageError() {
        Processes.Result noFile = Processes.cheeseshop("policy", "check").run();
        Processes.Result noSubcommand = Processes.cheeseshop("policy").run();

        assertThat(noFile.exitCode()).as(noFile.describe()).isEqualTo(1);
        assertThat(noFile.stderr().lines()).as(noFile.describe()).singleElement().asString().startsWith("error: ")
                .contains("FILE");
        assertThat(noSubcommand.exitCode()).as(noSubcommand.describe()).isEqualTo(1);
        assertThat(noSubcommand.stderr().lines()).as(noSubcommand.describe()).singleElement().asString()
                .startsWith("error: a subcommand is required: policy check");
    }
}
