package dev.cheeseshop.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.app.Application;
import dev.cheeseshop.app.BlobSettings;
import dev.cheeseshop.app.MetadataDatabase;
import dev.cheeseshop.app.Settings;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.blob.S3BlobStore;
import dev.cheeseshop.store.blob.S3Options;
import dev.cheeseshop.store.sql.SqlDatabase;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.Postgres;
import dev.cheeseshop.testing.S3Proxy;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Tokens;
import dev.cheeseshop.testing.Uploads;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} from the embedded default (SQLite and files, made by a real server) to
 * PostgreSQL and S3 (real ones), and back: both servers answer every mirror's and installer's
 * request byte for byte alike, every row is copied with its id, passwords and the token still
 * work, the target's next serial follows the copied journal, and the way back gives the rows
 * the source started with.
 */
class MigrationTest {
    @TempDir
    Path tmp;

    @Test
    void sqliteAndFilesToPostgresAndS3AndBackAreTheSameIndex() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        try (SourceIndex source = SourceIndex.build(tmp); S3Proxy s3 = S3Proxy.start(Files.createDirectories(
                tmp.resolve("s3"))); S3BlobStore bucket = S3BlobStore.connect(s3.location(s3.createBucket(), "pypi"),
                        s3.credentials(), Clock.systemUTC(), S3Options.DEFAULT)) {
            List<String> lines = new ArrayList<>();
            try (SqlDatabase from = SqlDatabase.sqlite(source.data().resolve("cheeseshop.db"), true);
                    SqlDatabase to = SqlDatabase.postgres(database.url(), database.password(), false)) {
                new Migration(new Migration.Side(from, localBlobs(source.data()), "packages"),
                        new Migration.Side(to, bucket, "the bucket"), scratch(), 2, lines::add).run();
            }
            assertThat(lines).contains("blobs: 12 copied, each verified by its digests", "journals: " + lastSerial(source)
                    + " rows copied").last().isEqualTo("done: the target is a complete copy of the source");
            try (Connection from = sqlite(source.data()); Connection to = database.connect()) {
                assertThat(Dump.of(to)).isEqualTo(Dump.of(from)).hasSizeGreaterThan(40);
                assertThat(Dump.hasTable(to, "cheeseshop_migration")).as("the marker is gone").isFalse();
            }

            List<String> keys = blobKeys(source.data());
            try (Application target = serve(MetadataDatabase.postgres(database.url(), database.password()), bucket)) {
                SameIndex.assertSame(URI.create(source.server.url()), target.uri(), keys);
                URI api = target.uri().resolve("/api/v1/tokens");
                assertThat(Http.get(api, "Authorization", Uploads.basic(TestServer.BOB, TestServer.BOB_PASSWORD))
                        .status()).as("bob's password").isEqualTo(200);
                assertThat(Http.get(api, "Authorization", Uploads.basic(TestServer.BOB, "wrong")).status())
                        .isEqualTo(401);
                assertThat(Http.get(api, "Authorization", Tokens.bearer(source.token)).status()).as("the token")
                        .isEqualTo(200);
                // The identity sequences were moved past the copied ids: the next serial follows.
                Http.Response yank = Http.send("POST", target.uri().resolve(
                        "/api/v1/projects/demo-pkg/releases/1.0/unyank"), null, "Authorization",
                        Tokens.bearer(source.token));
                assertThat(yank.status()).as(yank.text()).isEqualTo(200);
                assertThat(Tokens.json(yank).get("serial").asLong()).isEqualTo(lastSerial(source) + 1);
            }

            // And back, into a new data directory: the rows the source started with, and the one entry more.
            Path back = tmp.resolve("back");
            try (SqlDatabase from = SqlDatabase.postgres(database.url(), database.password(), true);
                    SqlDatabase to = SqlDatabase.sqlite(back.resolve("cheeseshop.db"), false)) {
                new Migration(new Migration.Side(from, bucket, "the bucket"),
                        new Migration.Side(to, localBlobs(back), "packages"), scratch(), 1000, line -> {}).run();
            }
            try (Connection from = database.connect(); Connection to = sqlite(back)) {
                assertThat(Dump.of(to)).isEqualTo(Dump.of(from));
            }
            assertThat(blobKeys(back)).isEqualTo(keys);
        }
    }

    private Path scratch() throws Exception {
        return Files.createDirectories(tmp.resolve("scratch"));
    }

    static long lastSerial(SourceIndex source) {
        return source.server.app().store().read(tx -> tx.journal().last().orElseThrow()).value();
    }

    static BlobStore localBlobs(Path data) throws Exception {
        return new FilesystemBlobStore(data.resolve("packages"), Clock.systemUTC());
    }

    static Connection sqlite(Path data) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("cheeseshop.db"));
    }

    static List<String> blobKeys(Path data) throws Exception {
        List<String> keys = new ArrayList<>();
        localBlobs(data).list(blob -> keys.add(blob.key()));
        return keys.stream().sorted().toList();
    }

    private Application serve(MetadataDatabase database, BlobStore blobs) throws Exception {
        Settings settings = new Settings(Files.createDirectories(tmp.resolve("served")), "127.0.0.1", 0,
                100L * 1024 * 1024).withPublicUrl(SourceIndex.PUBLIC).withReconcileEvery(Duration.ZERO);
        Application app = Application.forServer(settings, database, BlobSettings.LOCAL, Clock.systemUTC(),
                local -> blobs);
        app.start();
        return app;
    }
}
