package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.SessionStoreContract;
import dev.cheeseshop.testing.Postgres;

/** The session store contract on a real PostgreSQL, a fresh database per test. */
class PostgresSessionStoreTest extends SessionStoreContract {
    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(4);
    }
}
