package dev.cheeseshop.store;

import dev.cheeseshop.store.blob.FilesystemBlobStore;
import dev.cheeseshop.store.sql.SqliteStores;
import java.time.Clock;

/** {@link UpstreamBlobsContract} on the embedded default: SQLite and files. */
class SqliteFilesUpstreamBlobsTest extends UpstreamBlobsContract {
    @Override
    protected MetadataStore newStore() {
        return SqliteStores.open(dir.resolve("cheeseshop.db"), 2);
    }

    @Override
    protected BlobStore newBlobStore(Clock clock) throws java.io.IOException {
        return new FilesystemBlobStore(dir.resolve("packages"), clock);
    }
}
