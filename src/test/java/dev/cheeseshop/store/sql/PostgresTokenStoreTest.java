package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.TokenStoreContract;
import dev.cheeseshop.testing.Postgres;

/** The token store contract on a real PostgreSQL, a fresh database per test. */
class PostgresTokenStoreTest extends TokenStoreContract {
    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(4);
    }
}
