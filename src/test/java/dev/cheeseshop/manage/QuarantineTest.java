package dev.cheeseshop.manage;

import static dev.cheeseshop.testing.IndexState.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.manage.ManageProblem.Kind;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quarantine, an administrator's: journaled as PyPI does under the administrator; a project in
 * quarantine is gone for installers (the Simple index leaves it out, its Simple page, JSON
 * documents, feed and files answer 404), a release in quarantine is left out of every installer's
 * view of its project; both come back whole when the quarantine is cleared. Everyone else is
 * refused and nothing is written.
 */
class QuarantineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIMPLE_JSON = "application/vnd.pypi.simple.v1+json";
    private static final Pattern ANCHOR = Pattern.compile("<a href=\"[^\"]*\"[^>]*>([^<]*)</a>");
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
    void aProjectInQuarantineIsGoneForInstallersAndComesBackWholeWhenCleared() throws IOException, ManageProblem {
        List<String> files = f.project("q-whole", "1.0", "2.0");
        f.project("q-neighbour", "1.0");
        assertThat(visibleEverywhere("q-whole", files)).as("pages rendered and cached before the change").isTrue();
        IndexState before = f.state();

        Change change = f.quarantine.project(f.root, "Q_Whole");

        IndexState after = f.state();
        assertThat(describe(after.journalSince(before))).containsExactly("q-whole|null|project quarantined|root");
        assertThat(change).isEqualTo(new Change("q-whole", null, "project quarantined", "root",
                after.journal().get(after.journal().size() - 1).serial()));
        assertThat(after.projects()).contains("q-whole serial " + change.serial().value() + " quarantined");
        assertThat(simpleIndex()).contains("q-neighbour").doesNotContain("q-whole");
        assertThat(simpleIndexJson()).contains("q-neighbour").doesNotContain("q-whole");
        assertThat(f.get("/simple/q-whole/").status()).isEqualTo(404);
        assertThat(f.get("/simple/q-whole/", "Accept", SIMPLE_JSON).status()).isEqualTo(404);
        assertThat(f.get("/pypi/q-whole/json").status()).isEqualTo(404);
        assertThat(f.get("/pypi/q-whole/1.0/json").status()).isEqualTo(404);
        assertThat(f.get("/rss/project/q-whole/releases.xml").status()).isEqualTo(404);
        assertThat(f.get("/rss/updates.xml").text()).doesNotContain("q-whole").contains("q-neighbour");
        assertThat(f.get("/rss/packages.xml").text()).doesNotContain("q-whole");
        for (String filename : files) {
            DistFile file = f.file(filename);
            assertThat(f.get("/packages/" + file.path()).status()).as(filename).isEqualTo(404);
            if (file.metadata().isPresent()) {
                assertThat(f.get("/packages/" + file.metadataPath()).status()).as(filename).isEqualTo(404);
            }
        }
        assertThat(f.get("/simple/q-neighbour/").status()).isEqualTo(200);

        IndexState quarantined = f.state();
        Change cleared = f.quarantine.clearProject(f.root, "q-whole");

        assertThat(describe(f.state().journalSince(quarantined)))
                .containsExactly("q-whole|null|project quarantine cleared|root");
        assertThat(cleared.action()).isEqualTo("project quarantine cleared");
        assertThat(visibleEverywhere("q-whole", files)).isTrue();
        assertThat(f.state().files()).isEqualTo(before.files());
        assertThat(f.state().packages()).isEqualTo(before.packages());
    }

    @Test
    void aReleaseInQuarantineIsLeftOutOfEveryInstallersViewOfItsProject() throws IOException, ManageProblem {
        List<String> files = f.project("q-release", "1.0", "2.0");
        assertThat(links("q-release")).containsExactlyElementsOf(files);
        IndexState before = f.state();

        f.quarantine.release(f.root, "q-release", "2.0");

        assertThat(describe(f.state().journalSince(before))).containsExactly("q-release|2.0|release quarantined|root");
        assertThat(f.state().releases()).contains("q-release 1.0", "q-release 2.0 quarantined");
        assertThat(links("q-release")).containsExactly(files.get(0), files.get(1));
        JsonNode simple = JSON.readTree(f.get("/simple/q-release/", "Accept", SIMPLE_JSON).body());
        assertThat(simple.get("versions").toString()).isEqualTo("[\"1.0\"]");
        JsonNode project = JSON.readTree(f.get("/pypi/q-release/json").body());
        assertThat(project.at("/info/version").asText()).isEqualTo("1.0");
        assertThat(fieldNames(project.get("releases"))).containsExactly("1.0");
        assertThat(f.get("/pypi/q-release/2.0/json").status()).isEqualTo(404);
        assertThat(f.get("/pypi/q-release/1.0/json").status()).isEqualTo(200);
        assertThat(f.get("/rss/project/q-release/releases.xml").text()).contains("<title>1.0</title>")
                .doesNotContain("<title>2.0</title>");
        assertThat(f.get("/packages/" + f.file(files.get(2)).path()).status()).isEqualTo(404);
        assertThat(f.get("/packages/" + f.file(files.get(3)).path()).status()).isEqualTo(404);
        assertThat(f.get("/packages/" + f.file(files.get(0)).path()).status()).isEqualTo(200);

        IndexState quarantined = f.state();
        f.quarantine.clearRelease(f.root, "q-release", "2.0.0");

        assertThat(describe(f.state().journalSince(quarantined)))
                .containsExactly("q-release|2.0|release quarantine cleared|root");
        assertThat(links("q-release")).containsExactlyElementsOf(files);
        assertThat(JSON.readTree(f.get("/pypi/q-release/json").body()).at("/info/version").asText()).isEqualTo("2.0");
        assertThat(f.get("/packages/" + f.file(files.get(3)).path()).body())
                .isEqualTo(Files.readAllBytes(f.archive("q-release", "2.0", files.get(3))));
    }

    @Test
    void uploadsToAProjectInQuarantineAreAcceptedAndStayHiddenUntilItIsCleared() throws IOException, ManageProblem {
        f.project("q-upload", "1.0");
        f.quarantine.project(f.root, "q-upload");
        List<String> later = f.uploaded("q-upload", "1.1");

        assertThat(f.state().releases()).contains("q-upload 1.1");
        assertThat(f.get("/simple/q-upload/").status()).isEqualTo(404);
        assertThat(f.get("/packages/" + f.file(later.get(0)).path()).status()).isEqualTo(404);

        f.quarantine.clearProject(f.root, "q-upload");
        assertThat(links("q-upload")).contains(later.get(0), later.get(1));
    }

    @Test
    void onlyAnAdministratorMayQuarantineOrClear() throws ManageProblem {
        f.project("q-refused", "1.0");
        for (var actor : List.of(f.alice, f.bob, f.carol)) {
            assertThat(f.refused(Kind.FORBIDDEN, () -> f.quarantine.project(actor, "q-refused")).getMessage())
                    .isEqualTo("User '" + actor.username() + "' is not an administrator: only an administrator may"
                            + " quarantine or release 'q-refused'.");
            f.refused(Kind.FORBIDDEN, () -> f.quarantine.release(actor, "q-refused", "1.0"));
        }
        f.quarantine.project(f.root, "q-refused");
        f.quarantine.release(f.root, "q-refused", "1.0");
        for (var actor : List.of(f.alice, f.bob, f.carol)) {
            f.refused(Kind.FORBIDDEN, () -> f.quarantine.clearProject(actor, "q-refused"));
            f.refused(Kind.FORBIDDEN, () -> f.quarantine.clearRelease(actor, "q-refused", "1.0"));
        }
    }

    @Test
    void enteringTwiceOrClearingWhatIsNotInQuarantineIsAConflictAndUnknownThingsAreNotFound() throws ManageProblem {
        f.project("q-twice", "1.0");
        f.quarantine.project(f.root, "q-twice");
        assertThat(f.refused(Kind.CONFLICT, () -> f.quarantine.project(f.root, "q-twice")).getMessage())
                .isEqualTo("Project 'q-twice' is already quarantined.");
        f.quarantine.clearProject(f.root, "q-twice");
        assertThat(f.refused(Kind.CONFLICT, () -> f.quarantine.clearProject(f.root, "q-twice")).getMessage())
                .isEqualTo("Project 'q-twice' is not quarantined.");
        f.quarantine.release(f.root, "q-twice", "1.0");
        assertThat(f.refused(Kind.CONFLICT, () -> f.quarantine.release(f.root, "q-twice", "1.0")).getMessage())
                .isEqualTo("Release 1.0 of 'q-twice' is already quarantined.");
        f.quarantine.clearRelease(f.root, "q-twice", "1.0");
        assertThat(f.refused(Kind.CONFLICT, () -> f.quarantine.clearRelease(f.root, "q-twice", "1.0")).getMessage())
                .isEqualTo("Release 1.0 of 'q-twice' is not quarantined.");

        assertThat(f.refused(Kind.NOT_FOUND, () -> f.quarantine.project(f.root, "no-such-project")).getMessage())
                .isEqualTo("Project 'no-such-project' does not exist.");
        assertThat(f.refused(Kind.NOT_FOUND, () -> f.quarantine.release(f.root, "q-twice", "9.9")).getMessage())
                .isEqualTo("Release 9.9 of 'q-twice' does not exist.");
    }

    /** The Simple page (HTML and JSON), the JSON API and every file answer as for a visible project. */
    private static boolean visibleEverywhere(String name, List<String> files) throws IOException {
        assertThat(simpleIndex()).contains(name);
        assertThat(links(name)).containsExactlyElementsOf(files);
        assertThat(f.get("/simple/" + name + "/", "Accept", SIMPLE_JSON).status()).isEqualTo(200);
        assertThat(f.get("/pypi/" + name + "/json").status()).isEqualTo(200);
        assertThat(f.get("/pypi/" + name + "/1.0/json").status()).isEqualTo(200);
        assertThat(f.get("/rss/project/" + name + "/releases.xml").status()).isEqualTo(200);
        for (String filename : files) {
            DistFile file = f.file(filename);
            assertThat(f.get("/packages/" + file.path()).status()).as(filename).isEqualTo(200);
        }
        return true;
    }

    private static String simpleIndex() {
        Http.Response index = f.get("/simple/");
        assertThat(index.status()).isEqualTo(200);
        return index.text();
    }

    private static String simpleIndexJson() {
        Http.Response index = f.get("/simple/", "Accept", SIMPLE_JSON);
        assertThat(index.status()).isEqualTo(200);
        return index.text();
    }

    /** The filenames the project's Simple page links, in page order. */
    private static List<String> links(String name) {
        Http.Response page = f.get("/simple/" + name + "/");
        assertThat(page.status()).as(name).isEqualTo(200);
        List<String> out = new ArrayList<>();
        Matcher m = ANCHOR.matcher(page.text());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
