package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.DescriptionStoreContract;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.testing.Postgres;

/** The description store contract on a real PostgreSQL, a fresh database per test. */
class PostgresDescriptionStoreTest extends DescriptionStoreContract {
    @Override
    protected MetadataStore newStore() {
        return Postgres.newDatabase().open(4);
    }
}
