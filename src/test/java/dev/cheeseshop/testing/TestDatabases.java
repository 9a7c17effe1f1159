package dev.cheeseshop.testing;

import dev.cheeseshop.store.sql.PostgresUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases {@link Postgres} made in this JVM and has not dropped yet: so that a run on a
 * shared cluster ({@code CHEESESHOP_TEST_POSTGRES}, as in CI) leaves none behind. A database is
 * dropped when its user says it is done ({@link Postgres.Database#dropIfUnused}, as
 * {@link TestServer#close} does) and nothing is connected to it, and every one left is dropped at
 * exit, with the sessions still on it closed ({@code WITH (FORCE)}, PostgreSQL 13 and later).
 */
final class TestDatabases {
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    /** How long the drops at exit may take: well within surefire's 30 s for a fork to exit. */
    private static final long EXIT_BUDGET_NANOS = 15_000_000_000L;

    private TestDatabases() {}

    static void created(String name) {
        CREATED.add(name);
    }

    /** Drops {@code name} on {@code admin}'s server if no client session is on it; true if it is gone. */
    static boolean dropIfUnused(PostgresUrl admin, String name) {
        try (Connection conn = new Postgres.Database(admin).connect();
                PreparedStatement sessions = conn.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = ? AND backend_type = 'client backend'")) {
            sessions.setString(1, name);
            try (ResultSet count = sessions.executeQuery()) {
                if (!count.next() || count.getLong(1) > 0) {
                    return false;
                }
            }
            try (Statement drop = conn.createStatement()) {
                // Waits a moment for a session that connected since, then fails: left to the exit.
                drop.execute("DROP DATABASE IF EXISTS " + name);
            }
            CREATED.remove(name);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Drops every database made and not dropped yet, closing the sessions still on them where it can,
     * for at most {@link #EXIT_BUDGET_NANOS}: surefire kills a fork that is still exiting 30 s after
     * its tests, and a shared cluster outlives the run's databases anyway (CI deletes it).
     */
    static void dropAll(PostgresUrl admin) {
        if (CREATED.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + EXIT_BUDGET_NANOS;
        try (Connection conn = new Postgres.Database(admin).connect(); Statement statement = conn.createStatement()) {
            String force = conn.getMetaData().getDatabaseMajorVersion() >= 13 ? " WITH (FORCE)" : "";
            for (String name : List.copyOf(CREATED)) {
                if (System.nanoTime() - deadline > 0) {
                    System.err.println(CREATED.size() + " test databases left on the cluster: out of time at exit");
                    return;
                }
                try {
                    statement.execute("DROP DATABASE IF EXISTS " + name + force);
                    CREATED.remove(name);
                } catch (SQLException e) {
                    System.err.println("cannot drop the test database " + name + ": " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            System.err.println("cannot drop the test databases on " + admin + ": " + e.getMessage());
        }
    }
}
