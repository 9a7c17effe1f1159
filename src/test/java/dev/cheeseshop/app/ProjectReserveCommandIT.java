package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.Changelog;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Processes;
import dev.cheeseshop.testing.RawUpload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheeseshop project reserve NAME --owner USER}, the packaged jar as a process, beside a
 * running server on the same data: the server serves the reserved name at its next request (a
 * page with no files), a follower of the changelog sees {@code create} and {@code add Owner}, only
 * the Owner may upload to it, and each refusal is one {@code error:} line with exit status 1.
 */
class ProjectReserveCommandIT {
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

    private void addUser(String name) {
        Processes.Result added = Processes.cheeseshop("user", "add", name, "--password-stdin", "--data",
                tmp.resolve("data").toString()).withoutEnvPrefix("CHEESESHOP_").stdin(PASSWORD + "\n").run();
        assertThat(added.exitCode()).as(added.describe()).isZero();
    }

    private static void assertRefusedInOneLine(Processes.Result result, String line) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).as(result.describe()).isEmpty();
        assertThat(result.stderr().lines().toList()).as(result.describe()).containsExactly(line);
    }

    @Test
    void reserveBesideARunningServerAndOnlyTheOwnerUploads() throws Exception {
        addUser("ivy");
        addUser("jo");
        try (ServedJar server = ServedJar.start(Processes.cheeseshop("serve", "--data", tmp.resolve("data").toString(),
                "--port", "0"))) {
            Processes.Result reserved = cheeseshop("project", "reserve", "Ivy.Held", "--owner", "ivy");

            assertThat(reserved.exitCode()).as(reserved.describe()).isZero();
            List<List<?>> changelog = Changelog.since(server.url, 0);
            assertThat(changelog).extracting(row -> row.get(0) + "|" + row.get(1) + "|" + row.get(3))
                    .containsExactly("Ivy.Held|null|create", "Ivy.Held|null|add Owner ivy");
            Object serial = changelog.get(1).get(4);
            assertThat(reserved.stdout()).isEqualTo("reserved project Ivy.Held for owner ivy (serial " + serial + ")\n");
            Http.Response page = Http.get(server.uri("/simple/ivy-held/"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("<h1>Links for ivy-held</h1>").doesNotContain("<a ")
                    .endsWith("<!--SERIAL " + serial + "-->");
            assertThat(Http.get(server.uri("/simple/")).text()).contains("<a href=\"/simple/ivy-held/\">Ivy.Held</a>");
            assertThat(Http.get(server.uri("/pypi/ivy-held/json")).status()).isEqualTo(404);

            Path wheel = TestArchives.wheel("Ivy.Held", "1.0").writeTo(Files.createDirectories(tmp.resolve("w")));
            Http.Response stranger = RawUpload.wheel(server.url.toString(), "jo", PASSWORD, wheel, "Ivy.Held", "1.0");
            assertThat(stranger.status()).isEqualTo(403);
            assertThat(stranger.reason()).isEqualTo("The user 'jo' isn't allowed to upload to project 'Ivy.Held'. "
                    + "See https://pypi.org/help/#project-name for more information.");
            Http.Response owner = RawUpload.wheel(server.url.toString(), "ivy", PASSWORD, wheel, "Ivy.Held", "1.0");
            assertThat(owner.status()).as(owner.reason()).isEqualTo(200);
            assertThat(Changelog.since(server.url, 0)).extracting(row -> (Object) String.valueOf(row.get(3))).containsExactly("create",
                    "add Owner ivy", "new release", "add py3 file ivy_held-1.0-py3-none-any.whl");
            assertThat(Http.get(server.uri("/pypi/ivy-held/json")).status()).isEqualTo(200);
        }
    }

    @Test
    void refusalsAreOneErrorLineAndExitStatus1() {
        addUser("kim");
        Processes.Result first = cheeseshop("project", "reserve", "kims-name", "--owner", "kim");
        assertThat(first.exitCode()).as(first.describe()).isZero();

        assertRefusedInOneLine(cheeseshop("project", "reserve", "Kims_Name", "--owner", "kim"),
                "error: The name 'Kims_Name' conflicts with the existing project 'kims-name'.");
        assertRefusedInOneLine(cheeseshop("project", "reserve", "bad_", "--owner", "kim"),
                "error: 'bad_' is an invalid value for Name. Error: Start and end with a letter or numeral containing "
                        + "only ASCII numeric and '.', '_' and '-'. See "
                        + "https://packaging.python.org/specifications/core-metadata for more information.");
        assertRefusedInOneLine(cheeseshop("project", "reserve", "free-name", "--owner", "nobody"),
                "error: User 'nobody' does not exist.");
        Processes.Result noOwner = cheeseshop("project", "reserve", "free-name");
        assertThat(noOwner.exitCode()).as(noOwner.describe()).isEqualTo(1);
        assertThat(noOwner.stderr().lines().toList()).as(noOwner.describe()).hasSize(1);
        assertThat(noOwner.stderr()).startsWith("error: ").contains("--owner").doesNotContain("Exception");
    }
}
