package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UpstreamStoreContract;
import dev.cheeseshop.testing.Postgres;

/** The upstream cache's contract on a real PostgreSQL, a fresh database per test. */
class PostgresUpstreamStoreTest extends UpstreamStoreContract {
    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(4);
    }
}
