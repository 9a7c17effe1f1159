package dev.cheeseshop.store.sql;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.testing.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Journal-append throughput on PostgreSQL with concurrent writers, by how the journal is kept in
 * commit order: the transaction-scoped advisory lock the product takes (as Warehouse does), a
 * table lock ({@code LOCK TABLE journals IN SHARE ROW EXCLUSIVE MODE}), and, for reference only,
 * no lock at all (which loses entries for a follower: {@code PostgresCommitOrderTest}). Each
 * transaction is an upload's journal work: two entries and the project's last serial, through
 * the real store. Not a test: figures go to docs/benchmarks.md.
 *
 * <pre>
 * bench/journal-lock.sh [TRANSACTIONS_PER_WRITER] [RUNS]   (defaults 400 5)
 * </pre>
 *
 * <p>It uses the server in {@code CHEESESHOP_TEST_POSTGRES}, else a private cluster with durable
 * commits (fsync on). Prints one line per strategy and writer count with the median of the runs.
 */
public final class JournalLockBench {
    enum Strategy {
        ADVISORY_XACT_LOCK, LOCK_TABLE, NO_LOCK
    }

    private JournalLockBench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("cheeseshop.postgres.durable", "true");
        int perWriter = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Postgres.Database database = Postgres.newDatabase();
        database.open(1).close(); // migrated
        System.out.printf("journal appends, %d transactions per writer, 2 entries each, median of %d runs%n",
                perWriter, runs);
        for (int writers : new int[] {4, 8}) {
            Map<Strategy, List<Double>> rates = new EnumMap<>(Strategy.class);
            for (int run = -1; run < runs; run++) { // run -1 warms up
                for (Strategy strategy : Strategy.values()) {
                    double rate = measure(database, strategy, writers, perWriter);
                    if (run >= 0) {
                        rates.computeIfAbsent(strategy, s -> new ArrayList<>()).add(rate);
                    }
                }
            }
            rates.forEach((strategy, measured) -> System.out.printf("%d writers  %-20s %8.0f tx/s  (runs: %s)%n",
                    writers, strategy, median(measured), measured.stream().map(r -> String.format("%.0f", r))
                            .toList()));
        }
    }

    private static double measure(Postgres.Database database, Strategy strategy, int writers, int perWriter)
            throws Exception {
        try (MetadataStore store = PostgresStores.open(database.jdbcUrl(), database.user(), database.password(),
                writers, new BenchDialect(strategy))) {
            List<Project> projects = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "bench-" + strategy.name().toLowerCase() + "-" + writers + "-" + System.nanoTime();
                projects.add(store.write(tx -> tx.projects().insert(ProjectName.of(name), Instant.now())));
            }
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (Project project : projects) {
                    done.add(pool.submit(() -> write(store, project, perWriter)));
                }
                for (Future<?> writer : done) {
                    writer.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return writers * perWriter / seconds;
            } finally {
                pool.shutdown();
            }
        }
    }

    private static void write(MetadataStore store, Project project, int transactions) {
        for (int t = 0; t < transactions; t++) {
            String version = "1." + t;
            store.write(tx -> {
                Instant now = Instant.now();
                tx.journal().append(project.displayName(), version, "new release", now, "bench");
                Serial last = tx.journal().append(project.displayName(), version, "add py3 file x.whl", now, "bench");
                tx.projects().setLastSerial(project.id(), last);
                return null;
            });
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** PostgreSQL's dialect with another way, or none, of ordering the journal. */
    private static final class BenchDialect implements Dialect {
        private final PostgresDialect postgres = new PostgresDialect();
        private final Strategy strategy;

        BenchDialect(Strategy strategy) {
            this.strategy = strategy;
        }

        @Override
        public String name() {
            return postgres.name();
        }

        @Override
        public void beginWrite(Connection conn) {
            postgres.beginWrite(conn);
        }

        @Override
        public void beginRead(Connection conn) {
            postgres.beginRead(conn);
        }

        @Override
        public void commit(Connection conn) throws SQLException {
            postgres.commit(conn);
        }

        @Override
        public void rollback(Connection conn) throws SQLException {
            postgres.rollback(conn);
        }

        @Override
        public void lockJournal(Connection conn) throws SQLException {
            switch (strategy) {
                case ADVISORY_XACT_LOCK -> postgres.lockJournal(conn);
                case LOCK_TABLE -> {
                    try (Statement statement = conn.createStatement()) {
                        statement.execute("LOCK TABLE journals IN SHARE ROW EXCLUSIVE MODE");
                    }
                }
                case NO_LOCK -> { }
            }
        }

        @Override
        public FullText fullText() {
            return postgres.fullText();
        }

        @Override
        public boolean isUniqueViolation(SQLException e) {
            return postgres.isUniqueViolation(e);
        }
    }
}
