package dev.cheeseshop.web;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.testing.HtmlChecks;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.testing.WebForms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account page over HTTP, as a browser uses it: tokens created in the page work for uploads
 * until revoked there, their secret shown on the creation answer only; the CSRF token guards every
 * form. (Password changes: {@link AccountPasswordTest}, on a server of their own.)
 */
class AccountPageTest {
    private static final Pattern SECRET = Pattern.compile("TWINE_PASSWORD=(\\S+)");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));

    @TempDir
    static Path tmp;

    private static TestServer server;
    private static int count;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(UnaryOperator.identity(), CLOCK);
        Http.Response first = Uploads.wheel(wheel("alices-one", "0.1"), "alices-one", "0.1").to(server);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAnonymousVisitorIsSentToTheLoginPageAndBack() {
        Http.Response page = Http.get(server.uri("/account/"));
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/account/login/?next=/account/");
        assertThat(Http.get(server.uri("/account")).header("Location")).isEqualTo("/account/");
    }

    @Test
    void thePageShowsWhoIsSignedInWithTheirLinksAndIsNeverStored() {
        String session = WebForms.logIn(server, ALICE, ALICE_PASSWORD);
        Http.Response page = Http.get(server.uri("/account/"), "Cookie", session);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self'");
        Document doc = HtmlChecks.valid(page.text());
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Your account");
        assertThat(doc.selectFirst("main p").text()).isEqualTo("Signed in as alice (alice@example.org). Your public page · Manage your projects");
        assertThat(doc.select("main a[href=/manage/projects/]").eachText()).containsExactly("Manage your projects");
        assertThat(doc.select("main a[href=/user/alice/]").eachText()).containsExactly("Your public page");
        assertThat(doc.select("nav.account a").eachText()).containsExactly("alice", "Account");
        assertThat(doc.select("main form")).allSatisfy(form -> assertThat(
                form.selectFirst("input[name=csrf_token]").attr("value")).isNotBlank());
    }

    @Test
    void aTokenMadeInThePageUploadsItsSecretIsShownOnceAndOnceRevokedItUploadsNothing() throws IOException {
        String session = WebForms.logIn(server, ALICE, ALICE_PASSWORD);
        Http.Response made = create(session, "laptop", "", "never");
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        assertThat(made.header("Cache-Control")).isEqualTo("no-store");
        assertThat(made.header("Location")).isNull();
        Document answer = HtmlChecks.valid(made.text());
        String shown = answer.selectFirst("pre[data-copy]").text();
        Matcher secret = SECRET.matcher(shown);
        assertThat(secret.find()).as(shown).isTrue();
        String token = secret.group(1);
        assertThat(shown).contains("TWINE_USERNAME=__token__")
                .contains("TWINE_REPOSITORY_URL=" + server.url() + "/legacy/");
        assertThat(answer.selectFirst("#new-token").text()).isEqualTo("Your new token “laptop”");

        Http.Response upload = Uploads.wheel(wheel("made-in-page", "1.0"), "made-in-page", "1.0")
                .authorization(Uploads.basic("__token__", token)).to(server);
        assertThat(upload.status()).as(upload.text()).isEqualTo(200);

        Http.Response later = Http.get(server.uri("/account/"), "Cookie", session);
        assertThat(later.text()).doesNotContain(token);
        Element row = row(HtmlChecks.valid(later.text()), "laptop");
        assertThat(row.select("td").eachText()).startsWith("laptop", "All your projects", "6 May 2026, 07:08 UTC",
                "Never", "6 May 2026, 07:08 UTC", "Live");
        String id = row.selectFirst("input[name=id]").attr("value");

        Http.Response revoked = WebForms.post(server, "/account/tokens/revoke/",
                Map.of("csrf_token", csrf(session), "id", id), session);
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(revoked.header("Location")).isEqualTo("/account/?done=revoked");
        Document after = HtmlChecks.valid(Http.get(server.uri(revoked.header("Location")), "Cookie", session).text());
        assertThat(after.selectFirst("[role=status]").text())
                .isEqualTo("The token was revoked: it authenticates nothing from now on.");
        assertThat(row(after, "laptop").select("td").get(5).text()).isEqualTo("Revoked 6 May 2026, 07:08 UTC");
        assertThat(row(after, "laptop").select("button")).isEmpty();

        Http.Response refused = Uploads.wheel(wheel("made-in-page", "2.0"), "made-in-page", "2.0")
                .authorization(Uploads.basic("__token__", token)).to(server);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);

        Http.Response again = WebForms.post(server, "/account/tokens/revoke/",
                Map.of("csrf_token", csrf(session), "id", id), session);
        assertThat(again.status()).isEqualTo(409);
        assertThat(HtmlChecks.valid(again.text()).selectFirst("[role=alert]").text())
                .isEqualTo("Token " + id + " is already revoked");
    }

    @Test
    void aScopedTokenWithAnExpiryListsItsProjectsAndTheDayItEnds() {
        String session = WebForms.logIn(server, ALICE, ALICE_PASSWORD);
        Http.Response made = create(session, "ci", " Alices_One, ", "30d");
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        Element row = row(HtmlChecks.valid(made.text()), "ci");
        // 6 May + 30 days = 5 June, at the clock's time of day
        assertThat(row.select("td").eachText()).startsWith("ci", "alices-one", "6 May 2026, 07:08 UTC",
                "5 Jun 2026, 07:08 UTC", "Never", "Live");
        assertThat(row.select("td time").get(1).attr("datetime")).isEqualTo("2026-06-05T07:08:09Z");
        assertThat(Tokens.json(Http.get(server.uri("/api/v1/tokens"), "Authorization",
                Uploads.basic(ALICE, ALICE_PASSWORD))).get("tokens").findValuesAsText("expires"))
                .contains("2026-06-05T07:08:09Z");
    }

    @Test
    void aRefusedTokenShowsTheUseCasesMessageWithItsStatusAndKeepsWhatWasTyped() {
        String session = WebForms.logIn(server, ALICE, ALICE_PASSWORD);
        int before = tokenCount();
        Http.Response notHers = create(session, "other", "someone-elses", "90d");
        assertThat(notHers.status()).isEqualTo(400);
        assertThat(notHers.header("Cache-Control")).isEqualTo("no-store");
        Document page = HtmlChecks.valid(notHers.text());
        assertThat(page.selectFirst("[role=alert]").text())
                .isEqualTo("Projects: 'someone-elses' is not a project on which user 'alice' has a role");
        assertThat(page.selectFirst("#token-name").attr("value")).isEqualTo("other");
        assertThat(page.selectFirst("#token-projects").attr("value")).isEqualTo("someone-elses");
        assertThat(page.selectFirst("#token-expires option[selected]").attr("value")).isEqualTo("90d");
        assertThat(page.selectFirst("#token-name").attr("aria-describedby")).isEqualTo("token-error");
        assertThat(page.select("pre[data-copy]")).isEmpty();

        assertThat(create(session, "", "", "never").status()).isEqualTo(400);
        assertThat(create(session, "odd", "", "2d").status()).as("an expiry not offered").isEqualTo(400);
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void anotherUsersTokenIsNotRevokedThroughThisPage() {
        String bobs = Tokens.secret(server, TestServer.BOB, TestServer.BOB_PASSWORD, "{\"name\": \"bobs\"}");
        long id = Tokens.json(Http.get(server.uri("/api/v1/tokens"), "Authorization",
                Uploads.basic(TestServer.BOB, TestServer.BOB_PASSWORD))).get("tokens").get(0).get("id").asLong();
        String session = WebForms.logIn(server, ALICE, ALICE_PASSWORD);
        Http.Response refused = WebForms.post(server, "/account/tokens/revoke/",
                Map.of("csrf_token", csrf(session), "id", Long.toString(id)), session);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(HtmlChecks.valid(refused.text()).selectFirst("[role=alert]").text())
                .isEqualTo("Token " + id + " belongs to another user");
        assertThat(refused.text()).doesNotContain("bobs");
        Http.Response stillValid = Http.get(server.uri("/api/v1/tokens"), "Authorization", Tokens.bearer(bobs));
        assertThat(stillValid.status()).as("bob's token still authenticates").isEqualTo(200);
    }

    @Test
    void everyFormIsRefusedWithoutTheSessionsTokenAndChangesNothing() {
        String session = WebForms.logIn(server, ALICE, ALICE_PASSWORD);
        Http.Response made = create(session, "kept", "", "never");
        String id = row(HtmlChecks.valid(made.text()), "kept").selectFirst("input[name=id]").attr("value");
        int before = tokenCount();
        String other = csrf(WebForms.logIn(server, ALICE, ALICE_PASSWORD));
        for (Map<String, String> csrf : java.util.List.of(Map.<String, String>of(), Map.of("csrf_token", "wrong"),
                Map.of("csrf_token", other))) {
            assertThat(post(session, "/account/tokens/", csrf, Map.of("name", "sneaky", "expires", "never")).status())
                    .as("create with %s", csrf).isEqualTo(403);
            assertThat(post(session, "/account/tokens/revoke/", csrf, Map.of("id", id)).status())
                    .as("revoke with %s", csrf).isEqualTo(403);
            assertThat(post(session, "/account/password/", csrf, Map.of("current", ALICE_PASSWORD,
                    "new", "changed-by-a-forger", "repeat", "changed-by-a-forger")).status())
                    .as("password with %s", csrf).isEqualTo(403);
        }
        Http.Response anonymous = WebForms.post(server, "/account/tokens/", Map.of("csrf_token", csrf(session),
                "name", "anonymous"), null);
        assertThat(anonymous.status()).isEqualTo(403);
        HtmlChecks.valid(anonymous.text());

        assertThat(tokenCount()).isEqualTo(before);
        assertThat(row(HtmlChecks.valid(Http.get(server.uri("/account/"), "Cookie", session).text()), "kept")
                .select("td").get(5).text()).isEqualTo("Live");
        assertThat(WebForms.tryLogIn(server, ALICE, ALICE_PASSWORD)).as("the password is unchanged").isPresent();
    }

    private static Http.Response create(String session, String name, String projects, String expires) {
        return WebForms.post(server, "/account/tokens/", Map.of("csrf_token", csrf(session), "name", name,
                "projects", projects, "expires", expires), session);
    }

    private static Http.Response post(String session, String path, Map<String, String> csrf,
            Map<String, String> fields) {
        Map<String, String> all = new java.util.LinkedHashMap<>(csrf);
        all.putAll(fields);
        return WebForms.post(server, path, all, session);
    }

    private static String csrf(String session) {
        return csrfOn(server, session);
    }

    /** The session's CSRF token, as its account page carries it. */
    static String csrfOn(TestServer server, String session) {
        Http.Response page = Http.get(server.uri("/account/"), "Cookie", session);
        return HtmlChecks.valid(page.text()).selectFirst("main form input[name=csrf_token]").attr("value");
    }

    private static Element row(Document page, String name) {
        return page.select("main tbody tr").stream().filter(tr -> tr.selectFirst("td").text().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + name));
    }

    private static int tokenCount() {
        return Tokens.json(Http.get(server.uri("/api/v1/tokens"), "Authorization",
                Uploads.basic(ALICE, ALICE_PASSWORD))).get("tokens").size();
    }

    private static Path wheel(String name, String version) throws IOException {
        return TestArchives.wheel(name, version).writeTo(Files.createDirectories(tmp.resolve("w" + count++)));
    }
}
