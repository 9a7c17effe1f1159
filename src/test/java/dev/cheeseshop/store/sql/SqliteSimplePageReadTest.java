package dev.cheeseshop.store.sql;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** SQLite: {@code BEGIN DEFERRED} and {@code COMMIT} are statements of the cache too. */
class SqliteSimplePageReadTest extends SimplePageReadContract {
    @TempDir
    Path dir;

    @Override
    SqlMetadataStore openWithOneReadConnection() {
        return SqliteStores.open(dir.resolve("cheeseshop.db"), 1);
    }

    @Override
    int transactionStatements() {
        return 2;
    }
}
