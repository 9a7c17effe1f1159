package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements kept per physical connection, closed with it. */
class StatementCacheTest {
    @TempDir
    Path dir;

    private Connection connection(int capacity) throws SQLException {
        return CachingConnections.wrap(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db")), capacity);
    }

    @Test
    void aStatementIsPreparedOnceAndKeptUntilTheConnectionCloses() throws Exception {
        Connection conn = connection(8);
        StatementCache cache = StatementCache.of(conn);
        assertThat(cache).isNotNull();
        PreparedStatement first = cache.take("SELECT 1");
        cache.give("SELECT 1", first);
        PreparedStatement second = cache.take("SELECT 1");
        assertThat(second).isSameAs(first);
        cache.give("SELECT 1", second);
        assertThat(cache.stats()).isEqualTo(new StatementCache.Stats(1, 1, 0, 1, false));

        conn.close();
        assertThat(conn.isClosed()).isTrue();
        assertThat(first.isClosed()).as("a cached statement, once its connection is closed").isTrue();
        assertThat(cache.stats().idle()).isZero();
        assertThat(cache.stats().closed()).isTrue();
        assertThatThrownBy(() -> cache.take("SELECT 1")).isInstanceOf(SQLException.class);
    }

    @Test
    void aStatementInUseIsNotHandedOutTwiceAndTheSurplusIsClosed() throws Exception {
        try (Connection conn = connection(8)) {
            StatementCache cache = StatementCache.of(conn);
            PreparedStatement outer = cache.take("SELECT 1");
            PreparedStatement inner = cache.take("SELECT 1"); // the same SQL inside the first one's row loop
            assertThat(inner).isNotSameAs(outer);
            cache.give("SELECT 1", inner);
            cache.give("SELECT 1", outer);
            assertThat(outer.isClosed()).as("one of the two is kept").isTrue();
            assertThat(inner.isClosed()).isFalse();
            assertThat(cache.stats()).isEqualTo(new StatementCache.Stats(2, 0, 0, 1, false));
        }
    }

    @Test
    void theLeastRecentlyUsedStatementIsClosedBeyondTheBound() throws Exception {
        try (Connection conn = connection(2)) {
            StatementCache cache = StatementCache.of(conn);
            List<PreparedStatement> taken = new ArrayList<>();
            for (String sql : List.of("SELECT 1", "SELECT 2", "SELECT 3")) {
                PreparedStatement statement = cache.take(sql);
                taken.add(statement);
                cache.give(sql, statement);
            }
            assertThat(taken.get(0).isClosed()).isTrue();
            assertThat(taken.get(1).isClosed()).isFalse();
            assertThat(cache.stats()).isEqualTo(new StatementCache.Stats(3, 0, 1, 2, false));
        }
    }

    @Test
    void aStatementOfAFailedUseIsClosedNotKept() throws Exception {
        try (Connection conn = connection(8)) {
            StatementCache cache = StatementCache.of(conn);
            Jdbc jdbc = new Jdbc(conn, new SqliteDialect(), cache);
            assertThatThrownBy(() -> jdbc.list("SELECT * FROM no_such_table", rs -> 1))
                    .hasMessageContaining("no_such_table");
            assertThat(jdbc.list("SELECT ?", rs -> rs.getLong(1), 7L)).containsExactly(7L);
            assertThat(jdbc.list("SELECT ?", rs -> rs.getLong(1), 8L)).as("bound afresh").containsExactly(8L);
            assertThat(cache.stats()).isEqualTo(new StatementCache.Stats(2, 1, 0, 1, false));
        }
    }

    @Test
    void thePoolClosesTheCachedStatementsWithItsConnections() {
        SqlMetadataStore store = SqliteStores.open(dir.resolve("pool.db"), 2);
        StatementCache read = store.read(tx -> {
            tx.projects().find("anything");
            return ((SqlTransaction) tx).statements();
        });
        StatementCache write = store.write(tx -> ((SqlTransaction) tx).statements());
        assertThat(read).isNotNull().isNotSameAs(write);
        assertThat(read.stats().idle()).isEqualTo(3);
        assertThat(read.stats().closed()).isFalse();

        store.close();
        assertThat(read.stats().closed()).isTrue();
        assertThat(read.stats().idle()).isZero();
        assertThat(write.stats().closed()).isTrue();
    }

    @Test
    void aConnectionWithoutACacheIsRecognised() throws Exception {
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            assertThat(StatementCache.of(plain)).isNull();
            assertThat(new Jdbc(plain, new SqliteDialect()).list("SELECT 1", rs -> rs.getInt(1))).containsExactly(1);
        }
    }
}
