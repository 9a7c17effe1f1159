package dev.cheeseshop.testing;

import dev.cheeseshop.app.MetadataDatabase;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.blob.S3BlobStore;
import dev.cheeseshop.store.blob.S3Location;
import dev.cheeseshop.store.blob.S3Options;
import dev.cheeseshop.store.sql.SqliteStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The storage a test server runs on, chosen for the whole test JVM by the system property
 * {@code cheeseshop.backend}: {@code sqlite-files} (the default: the SQLite file and
 * {@code packages/} in the data directory) or {@code postgres-s3} (a fresh database on the test
 * PostgreSQL, {@link Postgres}, and a fresh bucket on this JVM's one s3proxy, {@link S3Proxy},
 * files under the prefix {@code pypi}). The same test classes run on either; what they need to
 * look behind the server's back (a second "process" on the same index, the stored files, plain
 * SQL) goes through a {@link Storage}.
 */
public enum Backend {
    SQLITE_FILES("sqlite-files"),
    POSTGRES_S3("postgres-s3");

    public static final String PROPERTY = "cheeseshop.backend";

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    /** The backend this JVM's tests run on. */
    public static Backend selected() {
        String given = System.getProperty(PROPERTY, "").strip();
        if (given.isEmpty()) {
            return SQLITE_FILES;
        }
        for (Backend backend : values()) {
            if (backend.id.equals(given)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + given + ": expected sqlite-files or postgres-s3");
    }

    /**
     * Skips the calling test on any backend but the default: for the few tests about the SQLite
     * file or the {@code packages/} folder themselves. {@code reason} says why, in the report.
     */
    public static void assumeSqliteFiles(String reason) {
        org.junit.jupiter.api.Assumptions.assumeTrue(selected() == SQLITE_FILES,
                "only on sqlite-files: " + reason);
    }

    public String id() {
        return id;
    }

    private static final Map<Path, Storage> BY_DATA = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The storage of the index whose data directory is {@code data}, made fresh the first time the
     * directory is named: every command a test runs on one data directory shares it.
     */
    public Storage forData(Path data) {
        return BY_DATA.computeIfAbsent(data.toAbsolutePath().normalize(), this::fresh);
    }

    /** Fresh storage for the index whose data directory is {@code data}. */
    public Storage fresh(Path data) {
        if (this == SQLITE_FILES) {
            return new Local(data);
        }
        return new Remote(Postgres.newDatabase(), SharedS3.get().createBucket());
    }

    /** Where one index keeps its metadata and files. */
    public sealed interface Storage {
        /** The metadata database, for {@code Application}. */
        MetadataDatabase database();

        /** A new store on the same database, as another process would open it; close it after. */
        MetadataStore openStore(int connections);

        /** A new blob store on the same files; close it after if it is {@link AutoCloseable}. */
        BlobStore openBlobs(Clock clock);

        /** A plain JDBC connection to the database (auto-commit on), for a test's own SQL. */
        Connection connect() throws SQLException;

        /** Every stored object, relative to where the index keeps its files, sorted. */
        List<String> storedFiles();

        /** What the packaged jar's commands need to use this storage: variables to set (none for the default). */
        Map<String, String> environment();

        /**
         * Where the packaged jar's commands say this index is, given {@link #environment}: {@code data
         * in DIR}, or where the metadata and the files are.
         */
        String where();

        /**
         * Drops the database, for an index no one will open again, if nothing is connected to it
         * any more (else it is dropped at exit, {@link TestDatabases}); nothing for the default,
         * whose data directory its owner deletes.
         */
        void discard();
    }

    private record Local(Path data) implements Storage {
        @Override
        public MetadataDatabase database() {
            return MetadataDatabase.sqlite(data.resolve("cheeseshop.db"));
        }

        @Override
        public MetadataStore openStore(int connections) {
            return SqliteStores.open(data.resolve("cheeseshop.db"), connections);
        }

        @Override
        public BlobStore openBlobs(Clock clock) {
            try {
                return new FilesystemBlobStore(data.resolve("packages"), clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("cheeseshop.db"));
            connection.createStatement().execute("PRAGMA busy_timeout = 30000");
            return connection;
        }

        /** Regular files under {@code packages/}: the blobs and the store's temporary files. */
        @Override
        public List<String> storedFiles() {
            return IndexState.tree(data.resolve("packages"));
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public String where() {
            return "data in " + data.toAbsolutePath().normalize();
        }

        @Override
        public void discard() {}
    }

    private record Remote(Postgres.Database db, String bucket) implements Storage {
        private static final String PREFIX = "pypi";

        S3Location location() {
            return SharedS3.get().location(bucket, PREFIX);
        }

        @Override
        public MetadataDatabase database() {
            return MetadataDatabase.postgres(db.url(), db.password());
        }

        @Override
        public MetadataStore openStore(int connections) {
            return db.open(connections);
        }

        @Override
        public BlobStore openBlobs(Clock clock) {
            return S3BlobStore.connect(location(), SharedS3.get().credentials(), clock, S3Options.DEFAULT);
        }

        @Override
        public Connection connect() throws SQLException {
            return db.connect();
        }

        /** Every object in the bucket (under the prefix or not), relative to the prefix. */
        @Override
        public List<String> storedFiles() {
            List<String> keys = new ArrayList<>();
            SharedS3.get().client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .map(key -> key.startsWith(PREFIX + "/") ? key.substring(PREFIX.length() + 1) : "/" + key)
                    .forEach(keys::add);
            return keys.stream().sorted().toList();
        }

        @Override
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("CHEESESHOP_DATABASE", db.url().toString());
            if (db.password() != null) {
                env.put("CHEESESHOP_DATABASE_PASSWORD", db.password());
            }
            env.put("CHEESESHOP_BLOBS", "s3://" + bucket + "/" + PREFIX);
            env.put("CHEESESHOP_S3_ENDPOINT", SharedS3.get().endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY);
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            return env;
        }

        @Override
        public String where() {
            return "metadata in postgresql://" + db.user() + "@" + db.url().host() + ":" + db.url().port() + "/"
                    + db.url().database() + ", files in s3://" + bucket + "/" + PREFIX + "/ at "
                    + SharedS3.get().endpoint();
        }

        /** The database only: the bucket is on this JVM's own s3proxy, deleted at exit. */
        @Override
        public void discard() {
            db.dropIfUnused();
        }
    }

    /** This JVM's one s3proxy, started on first use and stopped at exit. */
    private static final class SharedS3 {
        private static final S3Proxy INSTANCE = start();

        static S3Proxy get() {
            return INSTANCE;
        }

        private static S3Proxy start() {
            try {
                Path dir = Files.createTempDirectory("cheeseshop-s3-");
                S3Proxy proxy = S3Proxy.start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    proxy.close();
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (IOException e) {
                        System.err.println("cannot delete " + dir + ": " + e.getMessage());
                    }
                }, "s3proxy-stop"));
                return proxy;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start s3proxy", e);
            }
        }
    }
}
