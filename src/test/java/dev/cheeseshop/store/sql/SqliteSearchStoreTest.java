package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SearchStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSearchStoreTest extends SearchStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteStores.open(dir.resolve("cheeseshop.db"), 4);
    }
}
