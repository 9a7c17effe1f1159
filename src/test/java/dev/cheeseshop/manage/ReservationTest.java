package dev.cheeseshop.manage;

import static dev.cheeseshop.testing.IndexState.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.manage.ManageProblem.Kind;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.testing.Changelog;
import dev.cheeseshop.testing.Goldens;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import dev.cheeseshop.xmlrpc.RequestParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reserving a name without uploading: an administrator's (or the operator's) change, journaled as a
 * first upload journals its project and Owner; the project has no release and reads as pypi.org
 * reads a project without releases (warehouse-http.md §2.1, §3, §4; warehouse-xmlrpc.md §1.3,
 * §1.4); only its Owner may then upload to it. Everyone else is refused and nothing is written.
 */
class ReservationTest {
    private static final String NAME_RULE = "is an invalid value for Name. Error: Start and end with a letter or "
            + "numeral containing only ASCII numeric and '.', '_' and '-'. See "
            + "https://packaging.python.org/specifications/core-metadata for more information.";
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
    void anAdministratorReservesANameJournaledAsAFirstUploadJournalsItsProjectAndOwner() throws ManageProblem {
        IndexState before = f.state();

        ProjectReservation.Reserved reserved = f.reservation.reserve(Principal.of(f.root), "Reserved.Name",
                "ALICE");

        IndexState after = f.state();
        List<JournalEntry> written = after.journalSince(before);
        assertThat(describe(written)).containsExactly("Reserved.Name|null|create|root",
                "Reserved.Name|null|add Owner alice|root");
        long serial = written.get(1).serial().value();
        assertThat(after.projects()).contains("Reserved.Name serial " + serial);
        assertThat(after.roles()).filteredOn(r -> r.startsWith("Reserved.Name ")).containsExactly("Reserved.Name Owner alice");
        assertThat(after.releases()).noneMatch(r -> r.startsWith("Reserved.Name "));
        assertThat(after.packages()).isEqualTo(before.packages());
        assertThat(reserved.owner()).isEqualTo("alice");
        assertThat(reserved.project().lastSerial().value()).isEqualTo(serial);
        assertThat(reserved.changes()).extracting(Change::action).containsExactly("create", "add Owner alice");

        // A mirror following the changelog sees both entries, in order.
        long last = before.journal().isEmpty() ? 0 : before.journal().get(before.journal().size() - 1).serial().value();
        assertThat(Changelog.since(f.server.uri("/"), last)).extracting(row -> row.get(0) + "|" + row.get(1) + "|"
                + row.get(3) + "|" + row.get(4)).containsExactly("Reserved.Name|null|create|" + (serial - 1),
                "Reserved.Name|null|add Owner alice|" + serial);

        // The Simple page: 200 and no files, as pypi.org answers a project without releases.
        Http.Response html = f.get("/simple/reserved-name/");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.text()).isEqualTo(Goldens.text("simple-project-empty.html")
                .replace("<!--SERIAL 12-->", "<!--SERIAL " + serial + "-->"));
        Http.Response json = f.get("/simple/reserved-name/", "Accept", "application/vnd.pypi.simple.v1+json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.text()).isEqualTo(Goldens.text("simple-project-empty.json")
                .replace("\"_last-serial\":12,", "\"_last-serial\":" + serial + ","));
        // Listed in the index, as every project not in quarantine.
        assertThat(f.get("/simple/").text()).contains("<a href=\"/simple/reserved-name/\">Reserved.Name</a>\n");
        assertThat(f.get("/simple/", "Accept", "application/vnd.pypi.simple.v1+json").text())
                .contains("{\"_last-serial\":" + serial + ",\"name\":\"Reserved.Name\"}");
        // The JSON API has no document for a project without releases: pypi.org's 404.
        for (String path : List.of("/pypi/reserved-name/json", "/pypi/Reserved.Name/json", "/pypi/reserved-name/1.0/json")) {
            Http.Response missing = f.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.text()).as(path).isEqualTo("{\"message\": \"Not Found\"}");
        }
        // RSS: the project's feed is there and empty; no global feed lists it (they list releases).
        Http.Response feed = f.get("/rss/project/reserved-name/releases.xml");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.text()).contains("<title>PyPI recent updates for Reserved.Name</title>").doesNotContain("<item>");
        assertThat(f.get("/rss/packages.xml").text()).doesNotContain("Reserved.Name");
        assertThat(f.get("/rss/updates.xml").text()).doesNotContain("Reserved.Name");
        // XML-RPC: its roles, and its serial among every project's, as pypi.org lists them.
        assertThat(xmlrpc("package_roles", "<param><value><string>reserved_NAME</string></value></param>"))
                .isEqualTo(List.of(List.of("Owner", "alice")));
        assertThat(xmlrpc("user_packages", "<param><value><string>alice</string></value></param>"))
                .asList().contains(List.of("Owner", "Reserved.Name"));
        assertThat(xmlrpc("list_packages_with_serial", "")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("Reserved.Name", serial);
        // The management API's read: one Owner, no versions.
        Http.Response read = f.get("/api/v1/projects/reserved-name", "Authorization",
                Uploads.basic(TestServer.ALICE, TestServer.ALICE_PASSWORD));
        assertThat(read.status()).isEqualTo(200);
        assertThat(Tokens.json(read).toString()).isEqualTo("{\"name\":\"Reserved.Name\",\"normalized_name\":\"reserved-name\","
                + "\"last_serial\":" + serial + ",\"quarantined\":false,\"roles\":[{\"user\":\"alice\",\"role\":\"Owner\"}],"
                + "\"versions\":[]}");
    }

    @Test
    void onlyTheOwnerUploadsToAReservedName() throws Exception {
        f.reservation.reserve(Principal.of(f.root), "Held-Name", "alice");
        Path dir = Files.createDirectories(f.server.data().resolve("archives/held"));
        Path wheel = TestArchives.wheel("Held-Name", "1.0").writeTo(dir);

        IndexState before = f.state();
        Http.Response stranger = Uploads.wheel(wheel, "Held-Name", "1.0")
                .credentials(ManageFixture.CAROL, ManageFixture.CAROL_PASSWORD).to(f.server);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.reason()).isEqualTo("The user 'carol' isn't allowed to upload to project 'Held-Name'. "
                + "See https://pypi.org/help/#project-name for more information.");
        assertThat(f.state()).isEqualTo(before);

        f.accepted(Uploads.wheel(wheel, "Held-Name", "1.0"));

        assertThat(describe(f.state().journalSince(before))).containsExactly("Held-Name|1.0|new release|alice",
                "Held-Name|1.0|add py3 file held_name-1.0-py3-none-any.whl|alice");
        assertThat(f.get("/simple/held-name/").text()).contains(">held_name-1.0-py3-none-any.whl</a>");
        assertThat(f.get("/pypi/held-name/json").status()).isEqualTo(200);
    }

    @Test
    void theOwnerDefaultsToTheAdministratorAndTheOperatorJournalsWithNoSubmitter() throws ManageProblem {
        IndexState before = f.state();
        f.reservation.reserve(Principal.of(f.root), "Roots-Own", null);
        f.reservation.reserve(null, "Operator_Held", "bob");

        IndexState after = f.state();
        assertThat(describe(after.journalSince(before))).containsExactly("Roots-Own|null|create|root",
                "Roots-Own|null|add Owner root|root", "Operator_Held|null|create|null",
                "Operator_Held|null|add Owner bob|null");
        assertThat(after.roles()).contains("Roots-Own Owner root", "Operator_Held Owner bob");
        assertThat(f.refused(Kind.BAD_REQUEST, () -> f.reservation.reserve(null, "no-owner", null)).getMessage())
                .isEqualTo("owner: required: name the user who will own the project");
    }

    @Test
    void onlyAnAdministratorMayReserve() {
        for (var actor : List.of(f.alice, f.bob, f.carol)) {
            assertThat(f.refused(Kind.FORBIDDEN, () -> f.reservation.reserve(Principal.of(actor), "not-yours", null))
                    .getMessage()).isEqualTo("User '" + actor.username()
                            + "' is not an administrator: only an administrator may reserve a project name.");
        }
    }

    @Test
    void aNameAnUploadCouldNotCreateIsRefusedInTheUploadsWords() {
        for (String name : List.of("-leading", "trailing.", "sp ace", "caf\u00e9", "a/b")) {
            assertThat(f.refused(Kind.BAD_REQUEST, () -> f.reservation.reserve(Principal.of(f.root), name, "alice"))
                    .getMessage()).isEqualTo("'" + name + "' " + NAME_RULE);
        }
        assertThat(f.refused(Kind.BAD_REQUEST, () -> f.reservation.reserve(Principal.of(f.root), "", "alice"))
                .getMessage()).isEqualTo("'' is an invalid value for Name. Error: This field is required. See "
                        + "https://packaging.python.org/specifications/core-metadata for more information.");
        String longName = "x".repeat(40) + " " + "y".repeat(40);
        assertThat(f.refused(Kind.BAD_REQUEST, () -> f.reservation.reserve(Principal.of(f.root), longName, "alice"))
                .getMessage()).isEqualTo("'" + "x".repeat(30) + "..." + "y".repeat(30) + "' " + NAME_RULE);
    }

    @Test
    void aNameTakenInAnySpellingIsAConflictAndAnUnknownOwnerIsNotFound() throws ManageProblem {
        f.uploaded("Taken.Name", "1.0");
        f.reservation.reserve(Principal.of(f.root), "Reserved-Twice", "alice");

        assertThat(f.refused(Kind.CONFLICT, () -> f.reservation.reserve(Principal.of(f.root), "taken_NAME", "alice"))
                .getMessage()).isEqualTo("The name 'taken_NAME' conflicts with the existing project 'Taken.Name'.");
        assertThat(f.refused(Kind.CONFLICT, () -> f.reservation.reserve(null, "reserved.twice", "bob")).getMessage())
                .isEqualTo("The name 'reserved.twice' conflicts with the existing project 'Reserved-Twice'.");
        assertThat(f.refused(Kind.NOT_FOUND, () -> f.reservation.reserve(Principal.of(f.root), "free-name", "nobody"))
                .getMessage()).isEqualTo("User 'nobody' does not exist.");
    }

    @Test
    void aRemovedProjectsNameMayBeReservedButItsFilenamesStayUsed() throws Exception {
        List<String> files = f.uploaded("gone-name", "1.0");
        f.releases.removeProject(f.alice, "gone-name");
        IndexState before = f.state();

        f.reservation.reserve(Principal.of(f.root), "Gone.Name", "carol");

        assertThat(describe(f.state().journalSince(before))).containsExactly("Gone.Name|null|create|root",
                "Gone.Name|null|add Owner carol|root");
        Http.Response reused = Uploads.wheel(f.archive("gone-name", "1.0", files.get(0)), "gone-name", "1.0")
                .credentials(ManageFixture.CAROL, ManageFixture.CAROL_PASSWORD).to(f.server);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.reason()).startsWith("This filename was previously used by a file that has since been deleted.");
    }

    /** An XML-RPC call's result, read back with the server's own parser (a response is a call's params). */
    private static Object xmlrpc(String method, String params) {
        String call = "<?xml version='1.0'?><methodCall><methodName>" + method + "</methodName><params>" + params
                + "</params></methodCall>";
        Http.Response response = Http.send("POST", f.server.uri("/pypi"), call.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/xml");
        assertThat(response.text()).contains("<methodResponse>").doesNotContain("<fault>");
        String xml = response.text().replace("<methodResponse>", "<methodCall><methodName>r</methodName>")
                .replace("</methodResponse>", "</methodCall>");
        return new RequestParser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).params().get(0);
    }
}
