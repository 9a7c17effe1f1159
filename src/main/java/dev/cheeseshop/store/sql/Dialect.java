package dev.cheeseshop.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Everything that differs between the SQL databases Cheeseshop runs on, in one place: how a
 * transaction begins and ends, how journal serials are kept in commit order, how a uniqueness
 * violation is recognised, and where the migrations live. The SQL of the repositories is the
 * portable subset both databases share.
 */
interface Dialect {
    /** The folder of this dialect's migrations under {@code db/migration}. */
    String name();

    void beginWrite(Connection conn) throws SQLException;

    void beginRead(Connection conn) throws SQLException;

    void commit(Connection conn) throws SQLException;

    void rollback(Connection conn) throws SQLException;

    /**
     * Called before the first journal row of a transaction is inserted, or earlier when the
     * transaction asks for it ({@code JournalStore.lock}). Afterwards, no other transaction can
     * insert a journal row or take this lock until this one ends, so serials are handed out in
     * commit order, and the reconciler's blob deletions are serialised against upload commits.
     */
    void lockJournal(Connection conn) throws SQLException;

    boolean isUniqueViolation(SQLException e);
}
