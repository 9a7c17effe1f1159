package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.DownloadStoreContract;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.testing.Postgres;
import java.sql.Connection;

/** The download store contract on a real PostgreSQL, a fresh database per test. */
class PostgresDownloadStoreTest extends DownloadStoreContract {
    private Postgres.Database database;

    @Override
    protected MetadataStore newStore() {
        database = Postgres.newDatabase();
        return database.open(4);
    }

    @Override
    protected Connection connect() throws Exception {
        return database.connect();
    }
}
