package dev.cheeseshop.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.Reconciler;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.MutableClock;
import dev.cheeseshop.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} and {@code GET /ready} on a real server, on the selected backend: readiness
 * fails, naming the check, when the blob store cannot be written, when the database's schema is
 * not this build's, when the database is gone, and while the server shuts down; the probe's
 * reserved key is never a client's blob, nor an orphan to the reconciler.
 */
class ReadinessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(Http.Response response) throws IOException {
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    private static List<String> failed(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.get("failed").forEach(name -> names.add(name.asText()));
        return names;
    }

    @Test
    void healthAnswersThatTheProcessIsAliveAndReadyThatEveryCheckHolds() throws Exception {
        try (TestServer server = TestServer.start()) {
            Http.Response health = Http.get(server.uri("/health"));
            assertThat(health.status()).isEqualTo(200);
            assertThat(json(health).get("status").asText()).isEqualTo("ok");

            Http.Response ready = Http.get(server.uri("/ready"));
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            JsonNode body = json(ready);
            assertThat(body.get("status").asText()).isEqualTo("ready");
            assertThat(body.get("checks").get("database").asText()).isEqualTo("ok");
            assertThat(body.get("checks").get("migrations").asText()).isEqualTo("ok");
            assertThat(body.get("checks").get("blobs").asText()).isEqualTo("ok");
            assertThat(failed(body)).isEmpty();
            assertThat(server.storage().storedFiles()).as("the probe leaves nothing behind").isEmpty();
        }
    }

    @Test
    void aBlobStoreThatCannotBeWrittenIsNotReady() throws Exception {
        try (TestServer server = TestServer.start(settings -> settings, java.time.Clock.systemUTC(),
                blobs -> new Unwritable(blobs))) {
            Http.Response ready = Http.get(server.uri("/ready"));

            assertThat(ready.status()).isEqualTo(503);
            JsonNode body = json(ready);
            assertThat(body.get("status").asText()).isEqualTo("unavailable");
            assertThat(failed(body)).containsExactly("blobs");
            assertThat(body.get("checks").get("blobs").asText()).contains("No space left on device");
            assertThat(body.get("checks").get("database").asText()).isEqualTo("ok");
            assertThat(Http.get(server.uri("/health")).status()).as("still alive").isEqualTo(200);
        }
    }

    @Test
    void aSchemaNewerThanThisBuildsIsNotReadyUntilItIsCurrentAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (TestServer server = TestServer.start(settings -> settings, clock)) {
            assertThat(Http.get(server.uri("/ready")).status()).isEqualTo(200);
            try (Connection db = server.storage().connect(); Statement sql = db.createStatement()) {
                sql.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                        + " script, installed_by, execution_time, success) VALUES (9999, '9999', 'from the future',"
                        + " 'SQL', 'V9999__future.sql', 'test', 0, true)");
            }
            clock.advance(Readiness.DEFAULT_TTL);

            Http.Response ready = Http.get(server.uri("/ready"));
            assertThat(ready.status()).isEqualTo(503);
            JsonNode body = json(ready);
            assertThat(failed(body)).containsExactly("migrations");
            assertThat(body.get("checks").get("migrations").asText()).contains("9999").contains("newer");

            try (Connection db = server.storage().connect(); Statement sql = db.createStatement()) {
                sql.executeUpdate("DELETE FROM flyway_schema_history WHERE installed_rank = 9999");
            }
            assertThat(Http.get(server.uri("/ready")).status()).as("the result is kept for a while").isEqualTo(503);
            clock.advance(Readiness.DEFAULT_TTL);
            assertThat(Http.get(server.uri("/ready")).status()).isEqualTo(200);
        }
    }

    @Test
    void aDatabaseThatIsGoneIsNotReady() throws Exception {
        Logger poll = (Logger) LoggerFactory.getLogger(JournalWatch.class);
        Level level = poll.getLevel();
        poll.setLevel(Level.OFF); // its polls of the closed store would fill the build's output
        try (TestServer server = TestServer.start()) {
            server.app().store().close();

            Http.Response ready = Http.get(server.uri("/ready"));

            assertThat(ready.status()).isEqualTo(503);
            JsonNode body = json(ready);
            assertThat(failed(body)).contains("database");
            assertThat(body.get("checks").get("database").asText()).startsWith("does not answer");
            assertThat(Http.get(server.uri("/health")).status()).isEqualTo(200);
        } finally {
            poll.setLevel(level);
        }
    }

    @Test
    void aServerShuttingDownIsNotReady() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.app().readiness().stopping();

            Http.Response ready = Http.get(server.uri("/ready"));

            assertThat(ready.status()).isEqualTo(503);
            assertThat(failed(json(ready))).containsExactly("shutdown");
        }
    }

    @Test
    void theProbesKeyIsNeverAClientsBlobNorAnOrphanToTheReconciler() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (TestServer server = TestServer.start(settings -> settings, clock)) {
            BlobStore blobs = server.app().blobs();
            String leftByACrash = BlobStore.RESERVED_PREFIX + "ready-left-by-a-crash";
            String orphan = "ab/cd/" + "ef".repeat(30) + "/orphan-1.0-py3-none-any.whl";
            blobs.put(leftByACrash, "probe".getBytes(StandardCharsets.US_ASCII));
            blobs.put(orphan, "orphan".getBytes(StandardCharsets.US_ASCII));
            clock.advance(Duration.ofDays(2));

            Reconciler.Report report = new Reconciler(server.app().store(), blobs, clock, Duration.ofHours(1)).run(false);

            assertThat(report.orphans()).containsExactly(orphan);
            assertThat(blobs.exists(leftByACrash)).isTrue();
            assertThat(blobs.exists(orphan)).isFalse();
        }
    }

    /** A blob store whose disk is full: every put fails. */
    private static final class Unwritable implements BlobStore {
        private final BlobStore store;

        Unwritable(BlobStore store) {
            this.store = store;
        }

        @Override
        public void put(String key, Path source) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void put(String key, byte[] content) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public Optional<Blob> open(String key) throws IOException {
            return store.open(key);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return store.exists(key);
        }

        @Override
        public Optional<BlobInfo> info(String key) throws IOException {
            return store.info(key);
        }

        @Override
        public void delete(String key) throws IOException {
            store.delete(key);
        }

        @Override
        public void list(Consumer<BlobInfo> sink) throws IOException {
            store.list(sink);
        }
    }
}
