package dev.cheeseshop.web;

import static dev.cheeseshop.testing.TestServer.ALICE;
import static dev.cheeseshop.testing.TestServer.ALICE_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.testing.ApiCalls;
import dev.cheeseshop.testing.Changelog;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.testing.SignedIn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Journaled exactly as through the API": one sequence of changes made once through the JSON
 * API on one project and once through the management pages on a twin of it, whose journal
 * entries, as the store keeps them (with who submitted them) and as a mirror reads them
 * ({@code changelog_since_serial}), are the same but for the project's name.
 */
class ManageJournalTest {
    private static final String OWNER = Uploads.basic(ALICE, ALICE_PASSWORD);

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSameChangesThroughThePagesAreJournaledAsThroughTheApi() throws IOException {
        List<String> apiFiles = ManagePagesTest.project(server, tmp, "jr-api", "1.0", "2.0");
        List<String> webFiles = ManagePagesTest.project(server, tmp, "jr-web", "1.0", "2.0");

        IndexState beforeApi = IndexState.of(server);
        String p = "/projects/jr-api";
        api("PUT", p + "/roles/bob", "{\"role\": \"Maintainer\"}");
        api("PUT", p + "/roles/bob", "{\"role\": \"Owner\"}");
        api("DELETE", p + "/roles/bob", null);
        api("POST", p + "/releases/1.0/yank", "{\"reason\": \"broken build\"}");
        api("POST", p + "/releases/1.0/unyank", "{}");
        api("POST", p + "/releases/1.0/yank", "{\"reason\": \"broken build\"}");
        api("DELETE", p + "/releases/2.0/files/" + apiFiles.get(2), null);
        api("DELETE", p + "/releases/1.0", null);
        api("DELETE", p, null);
        IndexState afterApi = IndexState.of(server);

        SignedIn alice = SignedIn.logIn(server, ALICE, ALICE_PASSWORD);
        String m = "/manage/project/jr-web/";
        web(alice, m + "roles/add/", "username", "bob", "role", "Maintainer");
        web(alice, m + "roles/change/", "username", "bob", "role", "Owner");
        web(alice, m + "roles/remove/", "username", "bob");
        web(alice, m + "release/1.0/yank/", "reason", "broken build");
        web(alice, m + "release/1.0/unyank/");
        web(alice, m + "release/1.0/yank/", "reason", "broken build");
        web(alice, m + "release/2.0/files/" + webFiles.get(2) + "/delete/", "confirm", webFiles.get(2));
        web(alice, m + "release/1.0/delete/", "confirm", "1.0");
        web(alice, m + "delete/", "confirm", "jr-web");
        IndexState afterWeb = IndexState.of(server);

        List<String> throughApi = entries(afterApi.journalSince(beforeApi), "jr-api", "jr_api");
        List<String> throughPages = entries(afterWeb.journalSince(afterApi), "jr-web", "jr_web");
        assertThat(throughApi).containsExactly(
                "NAME|null|add Maintainer bob|alice",
                "NAME|null|change Maintainer bob to Owner|alice",
                "NAME|null|remove Owner bob|alice",
                "NAME|1.0|yank release|alice",
                "NAME|1.0|unyank release|alice",
                "NAME|1.0|yank release|alice",
                "NAME|2.0|remove file NAME_-2.0-py3-none-any.whl|alice",
                "NAME|1.0|remove release|alice",
                "NAME|null|remove project|alice");
        assertThat(throughPages).isEqualTo(throughApi);

        long from = beforeApi.journal().get(beforeApi.journal().size() - 1).serial().value();
        List<List<?>> rows = Changelog.since(server.uri("/"), from);
        List<String> mirrored = new ArrayList<>();
        for (List<?> row : rows) {
            mirrored.add(row.get(0) + "|" + row.get(1) + "|" + row.get(3));
        }
        assertThat(mirrored).hasSize(18);
        List<String> apiRows = mirrored.subList(0, 9).stream().map(r -> r.replace("jr_api", "NAME_").replace("jr-api", "NAME")).toList();
        List<String> webRows = mirrored.subList(9, 18).stream().map(r -> r.replace("jr_web", "NAME_").replace("jr-web", "NAME")).toList();
        assertThat(webRows).isEqualTo(apiRows);
        assertThat(apiRows.get(6)).isEqualTo("NAME|2.0|remove file NAME_-2.0-py3-none-any.whl");
    }

    private static void api(String method, String path, String json) {
        Http.Response response = ApiCalls.call(server, method, path, OWNER, json);
        assertThat(response.status()).as(method + " " + path + ": " + response.text()).isBetween(200, 201);
    }

    private static void web(SignedIn who, String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf_token", Jsoup.parse(who.get("/manage/projects/").text())
                .selectFirst("input[name=csrf_token]").attr("value"));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        Http.Response response = who.post(path, form);
        assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(303);
    }

    /** Entries as {@code name|version|action|submitted_by}, the project's names (both spellings) replaced. */
    private static List<String> entries(List<JournalEntry> entries, String name, String underscored) {
        return IndexState.describe(entries).stream()
                .map(e -> e.replace(underscored, "NAME_").replace(name, "NAME")).toList();
    }
}
