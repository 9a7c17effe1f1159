package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.DownloadStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SearchDocument;
import dev.cheeseshop.store.SearchQuery;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.UpstreamStore;
import dev.cheeseshop.testing.Postgres;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every statement the repositories run is answered from an index on PostgreSQL: every method of
 * every store is called once, on sessions that price sequential scans out
 * ({@code enable_seqscan = off}: a statement with no index to use still scans its table) and log
 * the plan of every statement, nested ones (foreign-key checks and cascades) included, through
 * {@code auto_explain}; then no plan of this database in the server's log may hold a
 * {@code Seq Scan} of a table of ours, nor a whole index read to find some of its rows. Needs the
 * test JVM's own cluster, whose log it reads.
 */
class PostgresIndexUsageTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    /** A sequential scan of one of our tables (Flyway's and the driver's look-ups in the catalog aside). */
    private static final Pattern TABLE_SCAN = Pattern.compile("Seq Scan on (?!pg_)");
    private static final Pattern INDEX_SCAN = Pattern.compile("Index (?:Only )?Scan (?:Backward )?(?:using|on) (\\w+)");
    private static final String OPTIONS = "-c enable_seqscan=off -c session_preload_libraries=auto_explain"
            + " -c auto_explain.log_min_duration=0 -c auto_explain.log_nested_statements=on";

    @Test
    void noStatementOfAnyStoreScansATable() throws Exception {
        Optional<Path> log = Postgres.serverLog();
        assumeThat(log).as("the server is this JVM's own").isPresent();
        Postgres.Database database = Postgres.newDatabase();
        database.open(1).close(); // migrated, before the plans are logged
        String url = database.jdbcUrl() + "?options=" + URLEncoder.encode(OPTIONS, StandardCharsets.UTF_8);
        try (MetadataStore store = PostgresStores.open(url, database.user(), database.password(), 1)) {
            everyMethodOnce(store);
        }
        List<String> plans = plans(Files.readAllLines(log.get()), database.url().database());
        assertThat(plans).as("plans logged").hasSizeGreaterThan(40)
                .anySatisfy(plan -> assertThat(plan).contains("journals_project"))
                .anySatisfy(plan -> assertThat(plan).contains("release_classifiers_classifier"))
                .anySatisfy(plan -> assertThat(plan).contains("upstream_files_kept"))
                .anySatisfy(plan -> assertThat(plan).contains("project_search_vector"))
                .anySatisfy(plan -> assertThat(plan).contains("project_search_classifiers_pkey"))
                .anySatisfy(plan -> assertThat(plan).contains("upstream_files_metadata_key"))
                .anySatisfy(plan -> assertThat(plan).contains("web_sessions_expires"));
        Map<String, String> leading = leadingColumns(database);
        List<String> offences = new ArrayList<>();
        for (String plan : plans) {
            String query = plan.lines().filter(line -> line.contains("Query Text:")).findFirst().orElse(plan).strip();
            plan.lines().filter(line -> TABLE_SCAN.matcher(line).find())
                    .forEach(line -> offences.add(query + "\n    " + line.strip()));
            wholeIndexScans(plan, leading).forEach(scan -> offences.add(query + "\n    " + scan));
        }
        assertThat(offences).isEmpty();
    }

    /**
     * The index scans in {@code plan} that read a whole index to find some rows: with a filter
     * and no index condition, or with a condition that does not constrain the index's leading
     * column (PostgreSQL then walks all of it). A whole index read with no filter, for a count,
     * the listing or the newest rows under a LIMIT, is what the index is for.
     */
    private static List<String> wholeIndexScans(String plan, Map<String, String> leading) {
        List<String> found = new ArrayList<>();
        String[] lines = plan.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher scan = INDEX_SCAN.matcher(lines[i]);
            if (!scan.find() || !leading.containsKey(scan.group(1))) {
                continue;
            }
            String condition = null;
            boolean filter = false;
            for (int j = i + 1; j < lines.length && !lines[j].contains("->"); j++) {
                if (lines[j].contains("Index Cond:")) {
                    condition = lines[j];
                }
                filter |= lines[j].contains("Filter:");
            }
            if (condition == null ? filter : !condition.contains(leading.get(scan.group(1)))) {
                found.add(lines[i].strip() + (condition == null ? "" : " / " + condition.strip()));
            }
        }
        return found;
    }

    /** Each index of the database's tables, with its leading column (or expression) as plans print it. */
    private static Map<String, String> leadingColumns(Postgres.Database database) throws SQLException {
        Map<String, String> leading = new HashMap<>();
        try (Connection conn = database.connect(); Statement sql = conn.createStatement();
                ResultSet rs = sql.executeQuery("SELECT c.relname, pg_get_indexdef(i.indexrelid, 1, true)"
                        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")) {
            while (rs.next()) {
                leading.put(rs.getString(1), rs.getString(2));
            }
        }
        return leading;
    }

    /** The logged plans of one database's statements, each with its query text. */
    private static List<String> plans(List<String> lines, String database) {
        List<String> plans = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            boolean continuation = line.startsWith("\t") || line.startsWith(" ");
            if (!continuation) {
                if (current != null) {
                    plans.add(current.toString());
                }
                current = line.contains(" " + database + ": LOG:  duration:") ? new StringBuilder(line) : null;
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            plans.add(current.toString());
        }
        return plans;
    }

    private static void everyMethodOnce(MetadataStore store) {
        store.write((Transaction tx) -> {
            User alice = tx.users().insert("Alice", "alice@example.org", "$hash", false, T0);
            User bob = tx.users().insert("bob", null, "$hash", false, T0);
            tx.users().find("alice");
            tx.users().list(null, 10);
            tx.users().list("alice", 10);
            tx.users().setPasswordHash(bob.id(), "$other");
            tx.users().setDisabledAt(bob.id(), T0);

            Project demo = tx.projects().insert(ProjectName.of("Demo_Pkg"), T0);
            Project other = tx.projects().insert(ProjectName.of("other"), T0);
            tx.projects().find("demo-pkg");
            tx.projects().rename(demo.id(), ProjectName.of("demo.pkg"));
            tx.roles().insert(demo.id(), alice.id(), RoleName.Owner);
            tx.roles().insert(demo.id(), bob.id(), RoleName.Maintainer);
            tx.roles().insert(other.id(), bob.id(), RoleName.Owner);
            tx.roles().find(demo.id(), alice.id());
            tx.roles().update(demo.id(), bob.id(), RoleName.Owner);
            tx.roles().forProject(demo.id());
            tx.roles().forUser(bob.id());
            tx.roles().delete(demo.id(), bob.id());

            ReleaseMetadata metadata = new ReleaseMetadata(Map.of("summary", List.of("Hi"),
                    "classifiers", List.of("A :: B", "C :: D")));
            Release one = tx.releases().insert(demo.id(), "1.0", "1", metadata, T0);
            Release two = tx.releases().insert(demo.id(), "2.0", "2", metadata, T0.plusSeconds(1));
            Release gone = tx.releases().insert(other.id(), "0.1", "0.1", metadata, T0);
            tx.releases().find(demo.id(), "1");
            tx.releases().forProject(demo.id());
            tx.releases().setYanked(one.id(), true, "broken");
            tx.releases().withAllClassifiers(List.of("A :: B", "C :: D"), release -> { });
            tx.releases().newest(5);
            tx.releases().newestOf(demo.id(), 5);
            tx.releases().count();

            DistFile wheel = tx.files().insert(file(two.id(), "demo_pkg-2.0-py3-none-any.whl", 'a'));
            DistFile sdist = tx.files().insert(file(two.id(), "demo_pkg-2.0.tar.gz", 'b'));
            tx.files().insert(file(gone.id(), "other-0.1.tar.gz", 'c'));
            tx.files().findByFilename(wheel.filename());
            tx.files().findByBlake2(wheel.digests().blake2b256());
            tx.files().findByPath(wheel.path());
            tx.files().everUsed("nothing.tar.gz");
            tx.files().forRelease(two.id());
            tx.files().forProject(demo.id());
            tx.files().count();
            tx.downloads().add(List.of(new DownloadStore.Count(wheel.id(), 20_500, 2),
                    new DownloadStore.Count(sdist.id(), 20_500, 1)));
            tx.downloads().dailyForProject(demo.id(), 20_470);
            tx.downloads().filesForProject(demo.id(), 20_470);
            tx.downloads().top(20_470, 10);
            tx.downloads().totalOn(20_500);
            tx.files().delete(sdist.id());
            tx.releases().delete(gone.id());

            tx.journal().lock();
            Serial serial = tx.journal().append("Demo_Pkg", "2.0", "new release", T0, "Alice");
            tx.projects().setLastSerial(demo.id(), serial);
            tx.journal().last();
            tx.journal().since(Serial.NONE, 100, entry -> { });
            tx.journal().forProject("demo-pkg", Serial.NONE, 100, entry -> { });

            long token = tx.tokens().insert(alice.id(), "ci", "d".repeat(64), List.of("demo-pkg"), T0, null).id();
            tx.tokens().findByDigest("d".repeat(64));
            tx.tokens().find(token);
            tx.tokens().forUser(alice.id());
            tx.tokens().used(token, T0);
            tx.tokens().revoke(token, T0);

            long session = tx.sessions().insert(alice.id(), "e".repeat(64), "x".repeat(43), T0, T0.plusSeconds(60),
                    T0.plusSeconds(600)).id();
            tx.sessions().insert(bob.id(), "f".repeat(64), "y".repeat(43), T0, T0.plusSeconds(10), T0.plusSeconds(600));
            tx.sessions().findByDigest("e".repeat(64));
            tx.sessions().touch(session, T0.plusSeconds(5), T0.plusSeconds(65));
            tx.sessions().deleteExpired(T0.plusSeconds(20), 10);
            tx.sessions().deleteForUserExcept(alice.id(), session);
            tx.sessions().delete(session);
            tx.sessions().deleteForUser(alice.id());

            tx.projects().forEach(row -> { });
            tx.projects().forEachLastSerial((name, last) -> { });
            tx.projects().newest(5);
            tx.projects().count();

            // The project search. A rebuild deletes every row, whose plan is a scan: left out.
            tx.search().index(demo.id(), new SearchDocument("Demo_Pkg", "demo-pkg", "2.0", "A demo", "demo, test",
                    List.of("A :: B", "C :: D"), T0, T0));
            tx.search().index(other.id(), new SearchDocument("other", "other", null, null, null, List.of(), T0, null));
            tx.search().search(new SearchQuery("demo", List.of(), 2, 20));
            tx.search().search(new SearchQuery("demo test", List.of("A :: B", "C :: D"), 1, 20));
            tx.search().search(new SearchQuery("", List.of("A :: B"), 1, 20));
            tx.search().search(new SearchQuery("", List.of(), 3, 20));
            tx.search().classifiers(50);
            tx.search().remove(demo.id());
            tx.projects().delete(other.id());

            // The proxy's cache. A purge of everything deletes every row, whose plan is a scan: left out.
            UpstreamFile cachedWheel = upstreamFile("requests-2.0-py3-none-any.whl", 'a', Optional.of("m".repeat(64)));
            UpstreamFile cachedSdist = upstreamFile("requests-2.0.tar.gz", 'b', Optional.empty());
            tx.upstream().savePage(upstreamPage("requests", cachedWheel, cachedSdist), T0);
            tx.upstream().savePage(upstreamPage("idna", upstreamFile("idna-3.0.tar.gz", 'c', Optional.empty())), T0);
            tx.upstream().page("requests");
            tx.upstream().version("requests");
            tx.upstream().confirmPage("requests", T0);
            long wheelId = tx.upstream().file("requests", cachedWheel.filename()).orElseThrow().id();
            long sdistId = tx.upstream().file("requests", cachedSdist.filename()).orElseThrow().id();
            String wheelKey = UpstreamStore.keyOf(cachedWheel);
            tx.upstream().fileKept(wheelId, false, wheelKey, 100, T0);
            tx.upstream().fileKept(wheelId, true, UpstreamStore.metadataKeyOf(cachedWheel), 10, T0);
            tx.upstream().fileKept(sdistId, false, UpstreamStore.keyOf(cachedSdist), 200, T0);
            tx.upstream().used(Map.of(wheelId, T0.plusSeconds(1), sdistId, T0.plusSeconds(2)));
            tx.upstream().keptBytes();
            tx.upstream().leastRecentlyUsed(10);
            tx.upstream().referencesBlob(wheelKey);
            tx.upstream().referencesBlob(UpstreamStore.metadataKeyOf(cachedWheel));
            tx.upstream().keptAfter(0, 10);
            // Saved again: the wheel stays, the sdist is replaced (a new hash), a new file comes.
            tx.upstream().savePage(upstreamPage("requests", cachedWheel,
                    upstreamFile("requests-2.0.tar.gz", 'd', Optional.empty()),
                    upstreamFile("requests-2.1.tar.gz", 'e', Optional.empty())), T0.plusSeconds(3));
            tx.upstream().forget(wheelKey);
            tx.upstream().purge(Optional.of("requests"));
            return null;
        });
    }

    private static UpstreamFile upstreamFile(String filename, char fill, Optional<String> metadataSha256) {
        return new UpstreamFile(filename, URI.create("https://files.example.org/" + filename),
                Optional.of(String.valueOf(fill).repeat(64)), OptionalLong.of(100), Optional.of(T0),
                Optional.of(">=3.8"), Optional.empty(), metadataSha256);
    }

    private static UpstreamPage upstreamPage(String name, UpstreamFile... files) {
        return new UpstreamPage(name, name, Optional.of("\"1\""), OptionalLong.of(7), List.of(files));
    }

    private static DistFile file(long releaseId, String filename, char fill) {
        Digests digests = new Digests(String.valueOf(fill).repeat(32), String.valueOf(fill).repeat(64),
                String.valueOf(fill).repeat(64));
        boolean wheel = filename.endsWith(".whl");
        return new DistFile(0, releaseId, filename, wheel ? PackageType.bdist_wheel : PackageType.sdist,
                wheel ? "py3" : "source", 123, digests, null, T0, digests.storagePath(filename), null, "test/1.0");
    }
}
