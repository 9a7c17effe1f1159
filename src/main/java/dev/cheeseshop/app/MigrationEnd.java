package dev.cheeseshop.app;

import dev.cheeseshop.store.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One end of a migration as its options name it ({@code --from-...} or {@code --to-...}): a data
 * directory, or a PostgreSQL database and a bucket, or a mix; whatever the database and blob
 * options leave out is in the data directory, as for every other command.
 *
 * @param side "from" or "to", the options' prefix
 */
record MigrationEnd(String side, Path data, String database, String blobs, String passwordVariable) {

    /** The metadata database; the embedded SQLite in the data directory unless {@code --SIDE-database}. */
    MetadataDatabase metadata() {
        if (blank(database)) {
            return MetadataDatabase.sqlite(require("--" + side + "-database").resolve("cheeseshop.db"));
        }
        return DatabaseOption.postgres("--" + side + "-database", database, passwordVariable);
    }

    /** Where the files are; under the data directory unless {@code --SIDE-blobs}. */
    BlobSettings blobSettings(String endpoint, String region, Boolean pathStyle) {
        if (blank(blobs)) {
            require("--" + side + "-blobs");
            return BlobSettings.LOCAL;
        }
        return BlobOptions.s3("--" + side + "-blobs", blobs, endpoint, region, pathStyle);
    }

    boolean usesS3() {
        return !blank(blobs);
    }

    /** Where local files are (the data directory's {@code packages}). */
    Path packages() {
        return new Settings(data == null ? Path.of(".") : data, "127.0.0.1", 0, 0).packages();
    }

    /** The source must be an index already: on SQLite, its file must exist (opening would create it). */
    void requireExistingIndex() {
        if (blank(database) && !Files.isRegularFile(data.resolve("cheeseshop.db"))) {
            throw new CommandFailure("--from-data " + data + " holds no index (no cheeseshop.db)");
        }
        if (blank(blobs) && !Files.isDirectory(packages())) {
            throw new CommandFailure("--from-data " + data + " holds no files (no packages/)");
        }
    }

    /** Opens the blob store; closes it with the returned handle. */
    static BlobStore open(BlobSettings settings, Path packages) throws IOException {
        return settings.open(packages, Clock.systemUTC());
    }

    private Path require(String instead) {
        if (data == null) {
            throw new CommandFailure("--" + side + "-data DIR is required unless both --" + side + "-database and --"
                    + side + "-blobs are given (" + instead + " is missing)");
        }
        return data;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
