package dev.cheeseshop.app;

import dev.cheeseshop.migrate.Migration;
import dev.cheeseshop.migrate.MigrationProblem;
import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.sql.SqlDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code migrate}: copies a whole index from one backend to another, verified, resumable. */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Copy a whole index into a new, empty one on another backend (or the same kind): users with"
                + " their password hashes, projects, releases, files, roles, tokens, the filename registry and the"
                + " journal with its serials and times unchanged. Blobs are copied first, each verified by its"
                + " digests, then the rows; then every table's count is compared. A target that is not empty is"
                + " refused, unless it holds a migration from the same source that was interrupted: that one is"
                + " resumed. Stop writes to the source first.",
            "Passwords only from the environment: CHEESESHOP_FROM_DATABASE_PASSWORD (the source's),"
                + " CHEESESHOP_DATABASE_PASSWORD (the target's), else the pgpass file."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the target is a complete, verified copy", "1:error, or the target refused"})
final class MigrateCommand implements Runnable {
    static final String FROM_PASSWORD = "CHEESESHOP_FROM_DATABASE_PASSWORD";
    /** Rows per transaction. */
    private static final int PAGE = 1000;

    @Option(names = "--from-data", paramLabel = "DIR",
            description = "The source's data directory: its SQLite file and files, unless the next two say otherwise.")
    Path fromData;

    @Option(names = "--from-database", paramLabel = "URL",
            description = "The source's metadata in PostgreSQL: postgresql://USER@HOST[:PORT]/DB (password from env "
                    + FROM_PASSWORD + " or pgpass).")
    String fromDatabase;

    @Option(names = "--from-blobs", paramLabel = "URL", description = "The source's files in s3://BUCKET[/PREFIX].")
    String fromBlobs;

    @Option(names = "--to-data", paramLabel = "DIR",
            description = "The target's data directory (created if missing), unless the next two say otherwise.")
    Path toData;

    @Option(names = "--to-database", paramLabel = "URL",
            description = "The target's metadata in PostgreSQL: postgresql://USER@HOST[:PORT]/DB (password from env "
                    + DatabaseOption.PASSWORD_VARIABLE + " or pgpass).")
    String toDatabase;

    @Option(names = "--to-blobs", paramLabel = "URL", description = "The target's files in s3://BUCKET[/PREFIX].")
    String toBlobs;

    @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:CHEESESHOP_S3_ENDPOINT}",
            description = "The S3-compatible server of the s3:// side(s) (env CHEESESHOP_S3_ENDPOINT; default AWS).")
    String endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "${env:CHEESESHOP_S3_REGION}",
            description = "The buckets' region (env CHEESESHOP_S3_REGION).")
    String region;

    @Option(names = "--s3-path-style", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:CHEESESHOP_S3_PATH_STYLE}",
            description = "Bucket in the URL's path (env CHEESESHOP_S3_PATH_STYLE; default: true with --s3-endpoint).")
    Boolean pathStyle;

    @Mixin
    ProgressOption progress;

    @Override
    public void run() {
        MigrationEnd from = new MigrationEnd("from", fromData, fromDatabase, fromBlobs, FROM_PASSWORD);
        MigrationEnd to = new MigrationEnd("to", toData, toDatabase, toBlobs, DatabaseOption.PASSWORD_VARIABLE);
        MetadataDatabase fromMetadata = from.metadata();
        MetadataDatabase toMetadata = to.metadata();
        BlobSettings fromFiles = from.blobSettings(endpoint, region, pathStyle);
        BlobSettings toFiles = to.blobSettings(endpoint, region, pathStyle);
        if (!from.usesS3() && !to.usesS3() && (endpoint != null || region != null || pathStyle != null)) {
            throw new CommandFailure("the --s3-... options need --from-blobs or --to-blobs s3://BUCKET[/PREFIX]");
        }
        from.requireExistingIndex();
        Progress shown = progress.open("migrate", Clock.systemUTC());
        PrintStream out = System.out;
        Path scratch = null;
        try (SqlDatabase source = fromMetadata.direct(true);
                SqlDatabase target = toMetadata.direct(false);
                Closing sourceBlobs = new Closing(MigrationEnd.open(fromFiles, from.packages()));
                Closing targetBlobs = new Closing(MigrationEnd.open(toFiles, to.packages()))) {
            scratch = Files.createTempDirectory("cheeseshop-migrate-");
            new Migration(new Migration.Side(source, sourceBlobs.store, fromFiles.describe(from.packages())),
                    new Migration.Side(target, targetBlobs.store, toFiles.describe(to.packages())), scratch, PAGE,
                    out::println, shown).run();
        } catch (MigrationProblem e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot migrate: " + e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** A blob store closed with the command, if it holds connections. */
    private record Closing(BlobStore store) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (store instanceof AutoCloseable connections) {
                try {
                    connections.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left in the temporary directory is harmless.
        }
    }
}
