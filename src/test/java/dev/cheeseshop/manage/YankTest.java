package dev.cheeseshop.manage;

import static dev.cheeseshop.testing.IndexState.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.manage.ManageProblem.Kind;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Yank and unyank (PEP 592): an Owner's or an administrator's change, journaled as PyPI does under
 * the acting user, shown at once by the Simple API (HTML {@code data-yanked}, JSON {@code yanked})
 * and the JSON API ({@code info.yanked}, {@code yanked_reason}, each file's); everyone else is
 * refused and nothing is written.
 */
class YankTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIMPLE_JSON = "application/vnd.pypi.simple.v1+json";
    private static final Pattern ANCHOR = Pattern.compile("<a href=\"[^\"]*\"([^>]*)>([^<]*)</a>");
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
    void anOwnersYankShowsAtOnceInTheSimpleAndJsonApisAndAnUnyankTakesItBack() throws IOException, ManageProblem {
        List<String> files = f.project("yank-shown", "1.0", "2.0");
        assertThat(yankedAttributes("yank-shown")).as("pages rendered and cached before the change")
                .containsExactly(files.get(0) + " -", files.get(1) + " -", files.get(2) + " -", files.get(3) + " -");
        assertThat(release("yank-shown", "1.0").at("/info/yanked").asBoolean()).isFalse();
        IndexState before = f.state();

        Change change = f.releases.yank(f.alice, "Yank_Shown", "1.0", "broken \"build\" & <stuff>");

        IndexState after = f.state();
        assertThat(describe(after.journalSince(before))).containsExactly("yank-shown|1.0|yank release|alice");
        assertThat(change).isEqualTo(new Change("yank-shown", "1.0", "yank release", "alice",
                after.journal().get(after.journal().size() - 1).serial()));
        assertThat(yankedAttributes("yank-shown")).containsExactly(
                files.get(0) + " data-yanked=\"broken &#34;build&#34; &amp; &lt;stuff&gt;\"",
                files.get(1) + " data-yanked=\"broken &#34;build&#34; &amp; &lt;stuff&gt;\"",
                files.get(2) + " -", files.get(3) + " -");
        assertThat(simpleJsonYanked("yank-shown")).containsExactly(
                files.get(0) + " \"broken \\\"build\\\" & <stuff>\"", files.get(1) + " \"broken \\\"build\\\" & <stuff>\"",
                files.get(2) + " false", files.get(3) + " false");
        JsonNode one = release("yank-shown", "1.0");
        assertThat(one.at("/info/yanked").asBoolean()).isTrue();
        assertThat(one.at("/info/yanked_reason").asText()).isEqualTo("broken \"build\" & <stuff>");
        assertThat(one.get("urls")).hasSize(2).allSatisfy(file -> {
            assertThat(file.get("yanked").asBoolean()).isTrue();
            assertThat(file.get("yanked_reason").asText()).isEqualTo("broken \"build\" & <stuff>");
        });
        JsonNode project = JSON.readTree(f.get("/pypi/yank-shown/json").body());
        assertThat(project.at("/info/version").asText()).isEqualTo("2.0");
        assertThat(project.at("/releases/1.0/0/yanked").asBoolean()).isTrue();
        assertThat(project.at("/releases/2.0/0/yanked").asBoolean()).isFalse();

        IndexState yanked = f.state();
        f.releases.unyank(f.alice, "yank-shown", "1.0");

        assertThat(describe(f.state().journalSince(yanked))).containsExactly("yank-shown|1.0|unyank release|alice");
        assertThat(yankedAttributes("yank-shown"))
                .containsExactly(files.get(0) + " -", files.get(1) + " -", files.get(2) + " -", files.get(3) + " -");
        assertThat(simpleJsonYanked("yank-shown")).containsOnly(
                files.get(0) + " false", files.get(1) + " false", files.get(2) + " false", files.get(3) + " false");
        JsonNode back = release("yank-shown", "1.0");
        assertThat(back.at("/info/yanked").asBoolean()).isFalse();
        assertThat(back.at("/info/yanked_reason").isNull()).isTrue();
    }

    @Test
    void aYankWithoutAReasonIsAnEmptyDataYankedAndTrue() throws IOException, ManageProblem {
        List<String> files = f.project("yank-bare", "1.0");
        f.releases.yank(f.alice, "yank-bare", "1.0", null);
        assertThat(yankedAttributes("yank-bare")).containsExactly(files.get(0) + " data-yanked=\"\"",
                files.get(1) + " data-yanked=\"\"");
        assertThat(simpleJsonYanked("yank-bare")).containsExactly(files.get(0) + " true", files.get(1) + " true");
        assertThat(release("yank-bare", "1.0").at("/info/yanked").asBoolean()).isTrue();
    }

    @Test
    void anAdministratorYanksAndUnyanksAnyProjectUnderTheirOwnName() throws ManageProblem {
        f.project("yank-admin", "1.0");
        IndexState before = f.state();
        f.releases.yank(f.root, "yank-admin", "1.0", "security");
        f.releases.unyank(f.root, "yank-admin", "1.0");
        assertThat(describe(f.state().journalSince(before)))
                .containsExactly("yank-admin|1.0|yank release|root", "yank-admin|1.0|unyank release|root");
    }

    @Test
    void aMaintainerOrAStrangerMayNeitherYankNorUnyank() throws ManageProblem {
        f.project("yank-refused", "1.0", "2.0");
        f.releases.yank(f.alice, "yank-refused", "2.0", "old");
        for (var actor : List.of(f.bob, f.carol)) {
            ManageProblem problem = f.refused(Kind.FORBIDDEN, () -> f.releases.yank(actor, "yank-refused", "1.0", "x"));
            assertThat(problem.getMessage()).contains(actor.username(), "yank-refused");
            f.refused(Kind.FORBIDDEN, () -> f.releases.unyank(actor, "yank-refused", "2.0"));
        }
        assertThat(f.refused(Kind.FORBIDDEN, () -> f.releases.yank(f.bob, "yank-refused", "1.0", "x")).getMessage())
                .isEqualTo("User 'bob' is a Maintainer of project 'yank-refused': only an Owner may manage it.");
        assertThat(f.refused(Kind.FORBIDDEN, () -> f.releases.yank(f.carol, "yank-refused", "1.0", "x")).getMessage())
                .isEqualTo("User 'carol' has no role on project 'yank-refused'.");
    }

    @Test
    void yankingTwiceOrUnyankingWhatIsNotYankedIsAConflictAndWritesNothing() throws ManageProblem {
        f.project("yank-twice", "1.0");
        f.releases.yank(f.alice, "yank-twice", "1.0", "first");
        assertThat(f.refused(Kind.CONFLICT, () -> f.releases.yank(f.alice, "yank-twice", "1.0", "second")).getMessage())
                .isEqualTo("Release 1.0 of 'yank-twice' is already yanked.");
        f.releases.unyank(f.alice, "yank-twice", "1.0");
        assertThat(f.refused(Kind.CONFLICT, () -> f.releases.unyank(f.alice, "yank-twice", "1.0")).getMessage())
                .isEqualTo("Release 1.0 of 'yank-twice' is not yanked.");
    }

    @Test
    void anUnknownProjectOrReleaseIsNotFoundForAnyone() {
        f.project("yank-missing", "1.0");
        assertThat(f.refused(Kind.NOT_FOUND, () -> f.releases.yank(f.alice, "no-such-project", "1.0", "x")).getMessage())
                .isEqualTo("Project 'no-such-project' does not exist.");
        f.refused(Kind.NOT_FOUND, () -> f.releases.yank(f.carol, "no-such-project", "1.0", "x"));
        assertThat(f.refused(Kind.NOT_FOUND, () -> f.releases.yank(f.alice, "yank-missing", "3.0", "x")).getMessage())
                .isEqualTo("Release 3.0 of 'yank-missing' does not exist.");
        f.refused(Kind.NOT_FOUND, () -> f.releases.unyank(f.root, "yank-missing", "not a version"));
        f.refused(Kind.NOT_FOUND, () -> f.releases.yank(f.alice, "yank-missing", null, "x"));
    }

    @Test
    void aReleaseIsFoundByAnySpellingOfItsVersion() throws ManageProblem {
        f.project("yank-spelling", "1.0");
        IndexState before = f.state();
        f.releases.yank(f.alice, "YANK.spelling", "1.0.0", "x");
        assertThat(describe(f.state().journalSince(before))).containsExactly("yank-spelling|1.0|yank release|alice");
    }

    /** Each anchor of the project's Simple HTML page as {@code filename data-yanked="..."}, or {@code filename -}. */
    private static List<String> yankedAttributes(String project) {
        Http.Response page = f.get("/simple/" + project + "/");
        assertThat(page.status()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        Matcher anchor = ANCHOR.matcher(page.text());
        while (anchor.find()) {
            Matcher yanked = Pattern.compile("data-yanked=\"[^\"]*\"").matcher(anchor.group(1));
            out.add(anchor.group(2) + " " + (yanked.find() ? yanked.group() : "-"));
        }
        return out;
    }

    /** Each file of the project's PEP 691 page as {@code filename <yanked as JSON>}. */
    private static List<String> simpleJsonYanked(String project) throws IOException {
        Http.Response page = f.get("/simple/" + project + "/", "Accept", SIMPLE_JSON);
        assertThat(page.header("Content-Type")).startsWith(SIMPLE_JSON);
        List<String> out = new ArrayList<>();
        for (JsonNode file : JSON.readTree(page.body()).get("files")) {
            out.add(file.get("filename").asText() + " " + file.get("yanked").toString());
        }
        return out;
    }

    private static JsonNode release(String project, String version) throws IOException {
        Http.Response response = f.get("/pypi/" + project + "/" + version + "/json");
        assertThat(response.status()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
