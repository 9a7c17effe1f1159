package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.MetadataStoreContract;
import dev.cheeseshop.testing.Postgres;

/** The metadata store contract on a real PostgreSQL, a fresh database per test. */
class PostgresMetadataStoreTest extends MetadataStoreContract {
    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(4);
    }
}
