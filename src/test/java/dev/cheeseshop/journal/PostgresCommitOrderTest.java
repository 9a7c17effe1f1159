package dev.cheeseshop.journal;

import dev.cheeseshop.testing.Postgres;

/**
 * {@link CommitOrderTest} on PostgreSQL, where writers really run at once: three stores, each with
 * its own pools, on one database (a server and two command-line processes, as it were). Only the
 * journal lock ({@code PostgresDialect.lockJournal}) keeps a serial from committing after a higher
 * one; without it the follower skips entries and this fails.
 */
class PostgresCommitOrderTest extends CommitOrderTest {
    @Override
    protected StoreOpener database() {
        Postgres.Database database = Postgres.newDatabase();
        return () -> database.open(4);
    }
}
