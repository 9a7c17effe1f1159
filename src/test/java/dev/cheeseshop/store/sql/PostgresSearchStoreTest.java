package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SearchStoreContract;
import dev.cheeseshop.testing.Postgres;

/** The project search's contract on a real PostgreSQL, a fresh database per test. */
class PostgresSearchStoreTest extends SearchStoreContract {
    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(4);
    }
}
