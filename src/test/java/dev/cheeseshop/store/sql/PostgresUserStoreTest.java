package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UserStoreContract;
import dev.cheeseshop.testing.Postgres;

/** The user store contract on a real PostgreSQL, a fresh database per test. */
class PostgresUserStoreTest extends UserStoreContract {
    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(4);
    }
}
