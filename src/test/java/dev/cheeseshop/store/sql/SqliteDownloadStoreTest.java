package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.DownloadStoreContract;
import dev.cheeseshop.store.MetadataStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;

class SqliteDownloadStoreTest extends DownloadStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteStores.open(dir.resolve("cheeseshop.db"), 4);
    }

    @Override
    protected Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cheeseshop.db"));
    }
}
