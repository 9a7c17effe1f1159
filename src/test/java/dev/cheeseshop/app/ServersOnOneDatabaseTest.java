package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.sql.PostgresJournalListener;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.S3Proxy;
import dev.cheeseshop.testing.ServerPair;
import dev.cheeseshop.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database and one bucket: a commit through A reaches B's render
 * cache through PostgreSQL's NOTIFY, with B's poll an hour away, so only the notice can have done
 * it; without notices the poll still catches up; and a listener whose connection is killed
 * listens again. Each wait is for B's journal watch to know of the serial A committed, bounded.
 */
class ServersOnOneDatabaseTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path s3dir;

    @TempDir
    Path tmp;

    private static S3Proxy s3;
    private ServerPair pair;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3Proxy.start(s3dir);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aCommitThroughOneServerReachesTheOthersCacheByNotice() throws Exception {
        pair = ServerPair.start(tmp.resolve("servers"), s3, NEVER, true);
        String first = upload(pair.a, "shared-pkg", "1.0");
        Http.Response before = page(pair.b, "shared-pkg");
        assertThat(before.text()).contains(first);
        long hits = pair.b.renderCache().stats().hits();
        assertThat(page(pair.b, "shared-pkg").body()).as("served again from B's cache").isEqualTo(before.body());
        assertThat(pair.b.renderCache().stats().hits()).isGreaterThan(hits);

        String second = upload(pair.a, "shared-pkg", "2.0");
        Serial committed = pair.lastSerial();

        assertThat(pair.b.journalWatch().awaitKnown(committed, WAIT)).as("B told of serial %s", committed).isTrue();
        Http.Response after = page(pair.b, "shared-pkg");
        assertThat(after.text()).contains(first, second);
        assertThat(after.header("X-PyPI-Last-Serial")).isEqualTo(committed.toString());
        assertThat(after.body()).isEqualTo(page(pair.a, "shared-pkg").body());
    }

    @Test
    void withoutNoticesThePollStillCatchesUp() throws Exception {
        pair = ServerPair.start(tmp.resolve("servers"), s3, Duration.ofMillis(50), false);
        String first = upload(pair.a, "polled-pkg", "1.0");
        assertThat(page(pair.b, "polled-pkg").text()).contains(first);

        String second = upload(pair.a, "polled-pkg", "2.0");
        Serial committed = pair.lastSerial();

        assertThat(pair.b.journalWatch().awaitKnown(committed, WAIT)).as("B polled serial %s", committed).isTrue();
        assertThat(page(pair.b, "polled-pkg").text()).contains(first, second);
    }

    @Test
    void aListenerWhoseConnectionIsKilledListensAgain() throws Exception {
        pair = ServerPair.start(tmp.resolve("servers"), s3, NEVER, true);
        String first = upload(pair.a, "relisten-pkg", "1.0");
        assertThat(page(pair.b, "relisten-pkg").text()).contains(first);

        assertThat(terminateListeners()).as("listening connections killed").isEqualTo(2);
        String second = upload(pair.a, "relisten-pkg", "2.0");
        Serial committed = pair.lastSerial();

        // Only a new listening connection can tell B now: by a notice, or by the look it takes on listening again.
        assertThat(pair.b.journalWatch().awaitKnown(committed, WAIT)).as("B told of serial %s", committed).isTrue();
        assertThat(page(pair.b, "relisten-pkg").text()).contains(first, second);

        String third = upload(pair.a, "relisten-pkg", "3.0");
        Serial last = pair.lastSerial();
        assertThat(pair.b.journalWatch().awaitKnown(last, WAIT)).as("B told of serial %s", last).isTrue();
        assertThat(page(pair.b, "relisten-pkg").text()).contains(first, second, third);
    }

    /** Kills every listening connection on the test database and waits until each is gone. */
    private int terminateListeners() throws Exception {
        try (Connection conn = pair.database.connect(); PreparedStatement kill = conn.prepareStatement(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, ?)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = ?")) {
            kill.setLong(1, WAIT.toMillis());
            kill.setString(2, PostgresJournalListener.APPLICATION_NAME);
            try (ResultSet rs = kill.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Uploads a wheel of {@code project} {@code version} through {@code server}; its filename. */
    private String upload(Application server, String project, String version) throws Exception {
        Path wheel = TestArchives.wheel(project, version)
                .writeTo(Files.createDirectories(tmp.resolve(project + "-" + version)));
        Http.Response response = Uploads.wheel(wheel, project, version).to(ServerPair.uri(server, "/legacy/"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return wheel.getFileName().toString();
    }

    private static Http.Response page(Application server, String project) {
        Http.Response response = Http.get(ServerPair.uri(server, "/simple/" + project + "/"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response;
    }
}
