package dev.cheeseshop.web;

import static dev.cheeseshop.testing.IndexState.describe;
import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static dev.cheeseshop.testing.TestServer.BOB;
import static dev.cheeseshop.testing.TestServer.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.testing.SignedIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management pages over HTTP: each form's change is the use case's, journaled under the
 * signed-in user; a Maintainer, a stranger, a wrong CSRF token and a mistyped confirmation are
 * refused with nothing written. Expectations are PyPI's journal texts, written out here.
 */
class ManagePagesTest {
    @TempDir
    static Path tmp;

    static TestServer server;
    static SignedIn alice;
    static SignedIn bob;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        alice = SignedIn.logIn(server, ALICE, ALICE_PASSWORD);
        bob = SignedIn.logIn(server, BOB, BOB_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Uploads a wheel and an sdist of each version as alice, its Owner; answers their filenames in order. */
    static List<String> project(TestServer server, Path tmp, String name, String... versions) throws IOException {
        List<String> filenames = new ArrayList<>();
        for (String version : versions) {
            Path dir = Files.createDirectories(tmp.resolve(name + "-" + version));
            Path wheel = TestArchives.wheel(name, version).writeTo(dir);
            Path sdist = TestArchives.sdist(name, version).writeTo(dir);
            assertThat(Uploads.wheel(wheel, name, version).to(server).status()).isEqualTo(200);
            assertThat(Uploads.sdist(sdist, name, version).to(server).status()).isEqualTo(200);
            filenames.add(wheel.getFileName().toString());
            filenames.add(sdist.getFileName().toString());
        }
        return filenames;
    }

    private static IndexState state() {
        return IndexState.of(server);
    }

    /** A change by form: 303 to the project's page with the notice, and exactly {@code entry} journaled. */
    private static void changed(Supplier<Http.Response> call, String location, String entry) {
        IndexState before = state();
        Http.Response response = call.get();
        assertThat(response.status()).as(response.text()).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo(location);
        assertThat(describe(state().journalSince(before))).containsExactly(entry);
    }

    /** A refusal: the status, the page valid with the reason in an alert, and nothing written. */
    private static String refused(Supplier<Http.Response> call, int status) {
        IndexState before = state();
        Http.Response response = call.get();
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        Document page = HtmlChecks.valid(response.text());
        assertThat(state()).isEqualTo(before);
        return page.selectFirst("[role=alert]").text();
    }

    private static Map<String, String> form(SignedIn who, String... fields) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("csrf_token", who.token("/manage/projects/"));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            out.put(fields[i], fields[i + 1]);
        }
        return out;
    }

    @Test
    void anAnonymousVisitorIsSentToLogInAndBack() {
        Http.Response page = Http.get(server.uri("/manage/project/anything/"));
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/account/login/?next=%2Fmanage%2Fproject%2Fanything%2F");
        assertThat(Http.get(server.uri("/manage/projects/")).header("Location"))
                .isEqualTo("/account/login/?next=%2Fmanage%2Fprojects%2F");
        IndexState before = state();
        Http.Response post = Http.send("POST", server.uri("/manage/project/Anything/release/1.0/yank/"),
                "csrf_token=x".getBytes(), "Content-Type", "application/x-www-form-urlencoded");
        assertThat(post.status()).isEqualTo(303);
        assertThat(post.header("Location")).isEqualTo("/account/login/?next=%2Fmanage%2Fproject%2Fanything%2F");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theOwnerSeesReleasesNewestFirstWithFilesAndRolesAndAStrangerIsRefused() throws IOException {
        List<String> files = project(server, tmp, "mp-view", "1.0", "2.0");
        Http.Response response = alice.get("/manage/project/mp-view/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        Document page = HtmlChecks.valid(response.text());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Manage mp-view");
        assertThat(page.select("article.release h3 a").eachText()).containsExactly("2.0", "1.0");
        assertThat(page.select("article.release ul.files li > a:first-child").eachText())
                .containsExactly(files.get(2), files.get(3), files.get(0), files.get(1));
        assertThat(page.select("section[aria-labelledby=roles] tbody tr td:nth-child(2)").eachText())
                .containsExactly("Owner");
        assertThat(page.select("nav.account a").eachText()).containsExactly("alice", "Account");

        assertThat(alice.get("/manage/project/MP_View/").header("Location")).isEqualTo("/manage/project/mp-view/");
        String why = refused(() -> bob.get("/manage/project/mp-view/"), 403);
        assertThat(why).isEqualTo("User 'bob' has no role on project 'mp-view'.");
        assertThat(refused(() -> alice.get("/manage/project/no-such/"), 404))
                .isEqualTo("Project 'no-such' does not exist.");

        Document mine = HtmlChecks.valid(alice.get("/manage/projects/").text());
        assertThat(mine.select("ul.packages a[href=/manage/project/mp-view/]").eachText()).containsExactly("mp-view");
        assertThat(HtmlChecks.valid(bob.get("/manage/projects/").text()).select("main p").text())
                .isEqualTo("bob has no role on any project.");
    }

    @Test
    void rolesAreGivenChangedAndTakenAwayAndAMaintainerMayChangeNothing() throws IOException {
        List<String> files = project(server, tmp, "mp-roles", "1.0");
        String page = "/manage/project/mp-roles/";
        changed(() -> alice.post(page + "roles/add/", form(alice, "username", "BOB", "role", "Maintainer")), page + "?done=role-added", "mp-roles|null|add Maintainer bob|alice");
        Document shown = HtmlChecks.valid(alice.get(page + "?done=role-added").text());
        assertThat(shown.selectFirst("[role=status]").text()).isEqualTo("The role was given.");

        // bob, a Maintainer, sees the page with the use case's reason and no forms, and every change is refused.
        Document asMaintainer = HtmlChecks.valid(bob.get(page).text());
        assertThat(asMaintainer.selectFirst("[role=note]").text()).startsWith(
                "User 'bob' is a Maintainer of project 'mp-roles': only an Owner may manage it.");
        assertThat(asMaintainer.select("main form")).isEmpty();
        String refusal = "User 'bob' is a Maintainer of project 'mp-roles': only an Owner may manage it.";
        assertThat(refused(() -> bob.post(page + "release/1.0/yank/", form(bob, "reason", "x")), 403))
                .isEqualTo(refusal);
        assertThat(refused(() -> bob.post(page + "roles/change/", form(bob, "username", "bob", "role", "Owner")), 403)).isEqualTo(refusal);
        assertThat(refused(() -> bob.get(page + "release/1.0/files/" + files.get(0) + "/delete/"), 403))
                .isEqualTo(refusal);
        assertThat(refused(() -> bob.post(page + "delete/", form(bob, "confirm", "mp-roles")), 403))
                .isEqualTo(refusal);

        changed(() -> alice.post(page + "roles/change/", form(alice, "username", "bob", "role", "Owner")), page + "?done=role-changed", "mp-roles|null|change Maintainer bob to Owner|alice");
        changed(() -> alice.post(page + "roles/remove/", form(alice, "username", "bob")), page + "?done=role-removed", "mp-roles|null|remove Owner bob|alice");
        assertThat(refused(() -> alice.post(page + "roles/remove/", form(alice, "username", "alice")), 409))
                .isEqualTo("Cannot remove the last Owner of project 'mp-roles': make another user an Owner first.");
        assertThat(refused(() -> alice.post(page + "roles/add/", form(alice, "username", "carol", "role", "Owner")), 404)).isEqualTo("User 'carol' does not exist.");
        assertThat(refused(() -> alice.post(page + "roles/add/", form(alice, "username", "bob", "role", "King")), 400)).isEqualTo("Unknown role 'King': a role is Owner or Maintainer.");
    }

    @Test
    void aReleaseIsYankedWithAReasonShownOnItsPublicPageThenUnyanked() throws IOException {
        project(server, tmp, "mp-yank", "1.0");
        String page = "/manage/project/mp-yank/";
        changed(() -> alice.post(page + "release/1.0/yank/", form(alice, "reason", "  broken build ")), page + "?done=yanked", "mp-yank|1.0|yank release|alice");
        assertThat(state().releases()).contains("mp-yank 1.0 yanked: broken build");
        Document manage = HtmlChecks.valid(alice.get(page).text());
        assertThat(manage.selectFirst("article.release h3 .badge").text()).isEqualTo("Yanked");
        assertThat(manage.select("article.release p").eachText()).contains("Yank reason: broken build");
        Document public_ = HtmlChecks.valid(Http.get(server.uri("/project/mp-yank/1.0/")).text());
        assertThat(public_.selectFirst("h1 .badge.yanked").text()).isEqualTo("Yanked");
        assertThat(public_.select(".notice p").eachText()).contains("Reason: broken build");

        assertThat(refused(() -> alice.post(page + "release/1.0/yank/", form(alice)), 409))
                .isEqualTo("Release 1.0 of 'mp-yank' is already yanked.");
        changed(() -> alice.post(page + "release/1.0/unyank/", form(alice)), page + "?done=unyanked", "mp-yank|1.0|unyank release|alice");
        assertThat(state().releases()).contains("mp-yank 1.0");
        changed(() -> alice.post(page + "release/1.0/yank/", form(alice, "reason", "")), page + "?done=yanked", "mp-yank|1.0|yank release|alice");
        assertThat(state().releases()).contains("mp-yank 1.0 yanked: null");
    }

    @Test
    void aPostWithoutTheSessionsTokenIsRefusedAndChangesNothing() throws IOException {
        List<String> files = project(server, tmp, "mp-csrf", "1.0");
        String page = "/manage/project/mp-csrf/";
        String bobs = bob.token("/manage/projects/");
        for (Map<String, String> fields : List.of(Map.of("reason", "x"), Map.of("csrf_token", "wrong", "reason", "x"),
                Map.of("csrf_token", bobs, "reason", "x"))) {
            assertThat(refused(() -> alice.post(page + "release/1.0/yank/", fields), 403))
                    .startsWith("The form was not sent from a page of this site");
        }
        refused(() -> alice.post(page + "roles/add/", Map.of("username", "bob", "role", "Owner")), 403);
        refused(() -> alice.post(page + "delete/", Map.of("confirm", "mp-csrf")), 403);
        refused(() -> alice.post(page + "release/1.0/files/" + files.get(0) + "/delete/",
                Map.of("csrf_token", "", "confirm", files.get(0))), 403);
    }

    @Test
    void aFileAReleaseAndTheProjectAreDeletedOnlyWhenTheirNameIsTypedExactly() throws IOException {
        List<String> files = project(server, tmp, "MP_Delete", "1.0", "2.0");
        String page = "/manage/project/mp-delete/";
        String fileForm = page + "release/1.0/files/" + files.get(0) + "/delete/";
        Http.Response confirm = alice.get(fileForm);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.header("Cache-Control")).isEqualTo("no-store");
        Document form = HtmlChecks.valid(confirm.text());
        assertThat(form.selectFirst("h1").text()).isEqualTo("Delete file " + files.get(0) + " of MP_Delete");
        assertThat(form.selectFirst("main form").attr("action")).isEqualTo(fileForm);

        assertThat(refused(() -> alice.post(fileForm, form(alice, "confirm", files.get(1))), 400))
                .isEqualTo("“" + files.get(1) + "” is not “" + files.get(0) + "”: nothing was deleted.");
        assertThat(refused(() -> alice.post(fileForm, form(alice, "confirm", "")), 400))
                .isEqualTo("Type the file's name to confirm: nothing was deleted.");
        assertThat(refused(() -> alice.get(page + "release/1.0/files/nope.whl/delete/"), 404))
                .isEqualTo("File 'nope.whl' does not exist in release 1.0 of 'MP_Delete'.");
        changed(() -> alice.post(fileForm, form(alice, "confirm", files.get(0))), page + "?done=file-deleted", "MP_Delete|1.0|remove file " + files.get(0) + "|alice");
        assertThat(state().files()).extracting(f -> f.filename()).doesNotContain(files.get(0)).contains(files.get(1));

        String releaseForm = page + "release/1.0/delete/";
        assertThat(HtmlChecks.valid(alice.get(releaseForm).text()).selectFirst("h1").text())
                .isEqualTo("Delete release 1.0 of MP_Delete");
        assertThat(refused(() -> alice.post(releaseForm, form(alice, "confirm", "2.0")), 400))
                .isEqualTo("“2.0” is not “1.0”: nothing was deleted.");
        changed(() -> alice.post(releaseForm, form(alice, "confirm", "1.0")), page + "?done=release-deleted", "MP_Delete|1.0|remove release|alice");
        assertThat(refused(() -> alice.get(releaseForm), 404)).isEqualTo("Release 1.0 of 'MP_Delete' does not exist.");

        String projectForm = page + "delete/";
        assertThat(HtmlChecks.valid(alice.get(projectForm).text()).selectFirst("h1").text())
                .isEqualTo("Delete project MP_Delete");
        assertThat(refused(() -> alice.post(projectForm, form(alice, "confirm", "mp-delete")), 400))
                .isEqualTo("“mp-delete” is not “MP_Delete”: nothing was deleted.");
        changed(() -> alice.post(projectForm, form(alice, "confirm", "MP_Delete")), "/manage/projects/?done=project-deleted", "MP_Delete|null|remove project|alice");
        assertThat(state().projects()).noneMatch(p -> p.startsWith("MP_Delete"));
        Document mine = HtmlChecks.valid(alice.get("/manage/projects/?done=project-deleted").text());
        assertThat(mine.selectFirst("[role=status]").text()).isEqualTo("The project was deleted.");
    }
}
