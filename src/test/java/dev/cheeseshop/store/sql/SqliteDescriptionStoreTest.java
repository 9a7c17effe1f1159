package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.DescriptionStoreContract;
import dev.cheeseshop.store.MetadataStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDescriptionStoreTest extends DescriptionStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteStores.open(dir.resolve("cheeseshop.db"), 4);
    }
}
