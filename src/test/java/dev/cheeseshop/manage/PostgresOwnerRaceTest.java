package dev.cheeseshop.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.testing.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On PostgreSQL writers run at once, so a management use case's checks and its change must be one
 * step against the others ({@code Access.write} takes the journal lock first). Two Owners remove
 * each other: one transaction has passed its checks and holds the lock; the other must wait before
 * its own checks, then find its actor no longer an Owner, and the project keeps one. (Checked
 * before the lock: both removals pass, and the project is left with no Owner at all.)
 */
class PostgresOwnerRaceTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    @Timeout(120)
    void twoOwnersRemovingEachOtherLeaveOneOwner() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (MetadataStore store = database.open(4); Connection watcher = database.connect()) {
            User alice = store.write((Transaction tx) -> tx.users().insert("alice", null, "$", false, T0));
            User bob = store.write((Transaction tx) -> tx.users().insert("bob", null, "$", false, T0));
            Project demo = store.write((Transaction tx) -> {
                Project project = tx.projects().insert(ProjectName.of("demo"), T0);
                tx.roles().insert(project.id(), alice.id(), RoleName.Owner);
                tx.roles().insert(project.id(), bob.id(), RoleName.Owner);
                return project;
            });
            RoleManagement roles = new RoleManagement(store, Clock.systemUTC());

            // Bob's removal of alice, between its checks and its change, holding the lock.
            CountDownLatch checked = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            Future<?> bobRemovesAlice = threads.submit(() -> Access.write(store, tx -> {
                checked.countDown();
                await(proceed);
                tx.roles().delete(demo.id(), alice.id());
                return null;
            }));
            checked.await();
            Future<Change> aliceRemovesBob = threads.submit(() -> roles.remove(alice, "demo", "bob"));
            awaitAWaiterOnTheJournalLockOr(aliceRemovesBob, watcher);
            proceed.countDown();
            bobRemovesAlice.get();

            assertThatThrownBy(aliceRemovesBob::get).hasCauseInstanceOf(ManageProblem.class)
                    .hasMessageContaining("has no role on project 'demo'");
            assertThat(store.read((Transaction tx) -> tx.roles().forProject(demo.id())))
                    .extracting(grant -> grant.role() + " " + grant.username()).containsExactly("Owner bob");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Until another session waits for an advisory lock in this database, or {@code done} is done
     * (as it is when nothing made it wait: then the project ends with no Owner, and the test fails).
     */
    private static void awaitAWaiterOnTheJournalLockOr(Future<?> done, Connection watcher) throws Exception {
        try (Statement sql = watcher.createStatement()) {
            while (!done.isDone()) {
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND NOT granted AND database = (SELECT oid FROM pg_database"
                        + " WHERE datname = current_database())")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never told to proceed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
