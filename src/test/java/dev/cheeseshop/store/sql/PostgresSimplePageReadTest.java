package dev.cheeseshop.store.sql;

import dev.cheeseshop.testing.Postgres;

/** PostgreSQL: a transaction begins and ends through the driver (auto-commit off), not by statements. */
class PostgresSimplePageReadTest extends SimplePageReadContract {
    @Override
    SqlMetadataStore openWithOneReadConnection() {
        return Postgres.newDatabase().open(1);
    }

    @Override
    int transactionStatements() {
        return 0;
    }
}
