package dev.cheeseshop.manage;

import static dev.cheeseshop.testing.IndexState.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.manage.ManageProblem.Kind;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.Reconciler;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Removing a file, a release or a project: an Owner's or an administrator's change, journaled as
 * PyPI does under the acting user; what is removed is gone from every API at once (Simple, JSON
 * API, downloads, XML-RPC listing, RSS) and its blobs from the blob store; its filenames are never
 * accepted again, while a removed project's name may be registered again. Everyone else is refused
 * and nothing is written.
 */
class RemovalTest {
    private static final String REUSED = "This filename was previously used by a file that has since been deleted. "
            + "Use a different version. See https://pypi.org/help/#file-name-reuse for more information.";
    private static ManageFixture f;

    @BeforeAll
    static void start() {
        f = ManageFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aRemovedFileIsGoneEverywhereAtOnceAndItsNameIsNeverAcceptedAgain() throws Exception {
        List<String> files = f.project("rm-file", "1.0");
        String wheel = files.get(0);
        String sdist = files.get(1);
        DistFile stored = f.file(wheel);
        assertThat(f.get("/simple/rm-file/").text()).contains(wheel);
        assertThat(f.get("/pypi/rm-file/1.0/json").text()).contains(wheel);
        assertThat(f.get("/packages/" + stored.path()).status()).isEqualTo(200);
        IndexState before = f.state();
        assertThat(before.packages()).contains(stored.path(), stored.metadataPath());

        Change change = f.releases.removeFile(f.alice, "RM.File", "1.0", wheel);

        IndexState after = f.state();
        assertThat(describe(after.journalSince(before))).containsExactly("rm-file|1.0|remove file " + wheel + "|alice");
        assertThat(change.action()).isEqualTo("remove file " + wheel);
        assertThat(after.files()).extracting(DistFile::filename).doesNotContain(wheel).contains(sdist);
        assertThat(after.releases()).contains("rm-file 1.0");
        assertThat(f.get("/simple/rm-file/").text()).doesNotContain(wheel).contains(sdist);
        assertThat(f.get("/simple/rm-file/", "Accept", "application/vnd.pypi.simple.v1+json").text())
                .doesNotContain(wheel).contains(sdist);
        assertThat(f.get("/pypi/rm-file/1.0/json").text()).doesNotContain(wheel).contains(sdist);
        assertThat(f.get("/pypi/rm-file/json").text()).doesNotContain(wheel);
        assertThat(f.get("/packages/" + stored.path()).status()).isEqualTo(404);
        assertThat(f.get("/packages/" + stored.metadataPath()).status()).isEqualTo(404);
        assertThat(after.packages()).doesNotContain(stored.path(), stored.metadataPath())
                .contains(f.file(sdist).path());

        Http.Response again = Uploads.wheel(f.archive("rm-file", "1.0", wheel), "rm-file", "1.0").to(f.server);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.reason()).isEqualTo(REUSED);
    }

    @Test
    void aRemovedReleaseTakesAllItsFilesAndLeavesTheOthers() throws Exception {
        List<String> files = f.project("rm-release", "1.0", "2.0");
        List<DistFile> gone = List.of(f.file(files.get(0)), f.file(files.get(1)));
        assertThat(f.get("/rss/project/rm-release/releases.xml").text()).contains("<title>1.0</title>");
        IndexState before = f.state();

        f.releases.removeRelease(f.alice, "rm-release", "1.0");

        IndexState after = f.state();
        assertThat(describe(after.journalSince(before))).containsExactly("rm-release|1.0|remove release|alice");
        assertThat(after.releases()).filteredOn(r -> r.startsWith("rm-release ")).containsExactly("rm-release 2.0");
        assertThat(f.get("/simple/rm-release/").text()).doesNotContain(files.get(0), files.get(1))
                .contains(files.get(2), files.get(3));
        assertThat(f.get("/pypi/rm-release/1.0/json").status()).isEqualTo(404);
        assertThat(f.get("/pypi/rm-release/json").text()).doesNotContain("\"1.0\"").contains("\"2.0\"");
        assertThat(f.get("/rss/project/rm-release/releases.xml").text()).doesNotContain("<title>1.0</title>")
                .contains("<title>2.0</title>");
        assertThat(f.get("/rss/updates.xml").text()).doesNotContain("<title>rm-release 1.0</title>")
                .contains("<title>rm-release 2.0</title>");
        for (DistFile file : gone) {
            assertThat(f.get("/packages/" + file.path()).status()).isEqualTo(404);
            assertThat(after.packages()).doesNotContain(file.path());
        }
        Http.Response again = Uploads.sdist(f.archive("rm-release", "1.0", files.get(1)), "rm-release", "1.0")
                .to(f.server);
        assertThat(again.reason()).isEqualTo(REUSED);
    }

    @Test
    void aRemovedProjectIsGoneFromEveryApiAndItsNameMayBeRegisteredAgainButNotItsFilenames() throws Exception {
        List<String> files = f.project("Rm.Project", "1.0");
        DistFile wheel = f.file(files.get(0));
        assertThat(packagesWithSerial()).contains("<name>Rm.Project</name>");
        assertThat(f.get("/simple/").text()).contains("rm-project");
        IndexState before = f.state();

        f.releases.removeProject(f.alice, "rm-project");

        IndexState after = f.state();
        assertThat(describe(after.journalSince(before))).containsExactly("Rm.Project|null|remove project|alice");
        assertThat(after.projects()).noneMatch(p -> p.startsWith("Rm.Project "));
        assertThat(after.roles()).noneMatch(r -> r.startsWith("Rm.Project "));
        assertThat(packagesWithSerial()).doesNotContain("Rm.Project");
        assertThat(f.get("/simple/rm-project/").status()).isEqualTo(404);
        assertThat(f.get("/simple/rm-project/", "Accept", "application/vnd.pypi.simple.v1+json").status()).isEqualTo(404);
        assertThat(f.get("/simple/").text()).doesNotContain("rm-project");
        assertThat(f.get("/pypi/rm-project/json").status()).isEqualTo(404);
        assertThat(f.get("/pypi/rm-project/1.0/json").status()).isEqualTo(404);
        assertThat(f.get("/rss/project/rm-project/releases.xml").status()).isEqualTo(404);
        assertThat(f.get("/rss/updates.xml").text()).doesNotContain("Rm.Project");
        assertThat(f.get("/packages/" + wheel.path()).status()).isEqualTo(404);
        assertThat(after.packages()).doesNotContain(wheel.path(), wheel.metadataPath());

        Http.Response reused = Uploads.wheel(f.archive("Rm.Project", "1.0", files.get(0)), "rm-project", "1.0")
                .credentials(ManageFixture.CAROL, ManageFixture.CAROL_PASSWORD).to(f.server);
        assertThat(reused.reason()).isEqualTo(REUSED);
        Path dir = Files.createDirectories(f.server.data().resolve("archives/again"));
        IndexState beforeAgain = f.state();
        f.accepted(Uploads.wheel(TestArchives.wheel("rm-project", "2.0").writeTo(dir), "rm-project", "2.0")
                .credentials(ManageFixture.CAROL, ManageFixture.CAROL_PASSWORD));
        assertThat(describe(f.state().journalSince(beforeAgain))).containsExactly("rm-project|null|create|carol",
                "rm-project|null|add Owner carol|carol", "rm-project|2.0|new release|carol",
                "rm-project|2.0|add py3 file rm_project-2.0-py3-none-any.whl|carol");
        assertThat(f.state().roles()).filteredOn(r -> r.startsWith("rm-project "))
                .containsExactly("rm-project Owner carol");
    }

    @Test
    void anAdministratorRemovesAnythingUnderTheirOwnName() throws ManageProblem {
        List<String> files = f.project("rm-admin", "1.0", "2.0");
        IndexState before = f.state();
        f.releases.removeFile(f.root, "rm-admin", "2.0", files.get(2));
        f.releases.removeRelease(f.root, "rm-admin", "1.0");
        f.releases.removeProject(f.root, "rm-admin");
        assertThat(describe(f.state().journalSince(before))).containsExactly(
                "rm-admin|2.0|remove file " + files.get(2) + "|root", "rm-admin|1.0|remove release|root",
                "rm-admin|null|remove project|root");
    }

    @Test
    void aMaintainerOrAStrangerMayRemoveNothing() {
        List<String> files = f.project("rm-refused", "1.0");
        for (User actor : List.of(f.bob, f.carol)) {
            f.refused(Kind.FORBIDDEN, () -> f.releases.removeFile(actor, "rm-refused", "1.0", files.get(0)));
            f.refused(Kind.FORBIDDEN, () -> f.releases.removeRelease(actor, "rm-refused", "1.0"));
            f.refused(Kind.FORBIDDEN, () -> f.releases.removeProject(actor, "rm-refused"));
        }
        assertThat(f.get("/packages/" + f.file(files.get(0)).path()).status()).isEqualTo(200);
    }

    @Test
    void whatDoesNotExistIsNotFound() {
        List<String> files = f.project("rm-missing", "1.0", "2.0");
        assertThat(f.refused(Kind.NOT_FOUND, () -> f.releases.removeFile(f.alice, "rm-missing", "2.0", files.get(0)))
                .getMessage()).isEqualTo("File '" + files.get(0) + "' does not exist in release 2.0 of 'rm-missing'.");
        f.refused(Kind.NOT_FOUND, () -> f.releases.removeFile(f.alice, "rm-missing", "1.0", "rm_missing-9.whl"));
        f.refused(Kind.NOT_FOUND, () -> f.releases.removeRelease(f.alice, "rm-missing", "3.0"));
        f.refused(Kind.NOT_FOUND, () -> f.releases.removeProject(f.root, "rm-nothing"));
        f.refused(Kind.NOT_FOUND, () -> f.releases.removeProject(f.alice, ""));
    }

    @Test
    void blobCleanupNeverTakesABlobThatAFileRowNames() throws Exception {
        List<String> files = f.project("rm-blob", "1.0");
        DistFile live = f.file(files.get(0));
        Reconciler reconciler = new Reconciler(f.server.app().store(), f.server.app().blobs(), f.server.clock(),
                Duration.ofHours(1));
        f.server.app().blobs().put("ab/cd/orphan/x.whl", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(reconciler.removeUnreferenced(List.of(live.path(), live.metadataPath(), "ab/cd/orphan/x.whl",
                "ab/cd/never/written.whl"))).containsExactly("ab/cd/orphan/x.whl");
        assertThat(f.get("/packages/" + live.path()).status()).isEqualTo(200);
        assertThat(f.state().packages()).contains(live.path(), live.metadataPath()).doesNotContain("ab/cd/orphan/x.whl");
    }

    /** {@code list_packages_with_serial} over XML-RPC, as the raw response. */
    private static String packagesWithSerial() {
        String call = "<?xml version='1.0'?><methodCall><methodName>list_packages_with_serial</methodName>"
                + "<params></params></methodCall>";
        Http.Response response = Http.send("POST", f.server.uri("/pypi"), call.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/xml");
        assertThat(response.text()).contains("<methodResponse>").doesNotContain("<fault>");
        return response.text();
    }
}
