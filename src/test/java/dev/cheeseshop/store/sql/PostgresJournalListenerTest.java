package dev.cheeseshop.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.CommitNotices;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.testing.Postgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The listener on a real PostgreSQL: it resyncs once listening, then hears each committed
 * transaction's last serial, in commit order, and nothing of one rolled back.
 */
class PostgresJournalListenerTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void commitsAreHeardInOrderWithTheirLastSerialAndARollbackIsNot() throws Exception {
        Postgres.Database database = Postgres.newDatabase();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (MetadataStore store = database.open(2);
                CommitNotices listener = PostgresStores.listener(database.url(), database.password())) {
            listener.start(new CommitNotices.Receiver() {
                @Override
                public void committed(Serial last) {
                    heard.add("committed " + last);
                }

                @Override
                public void resync() {
                    heard.add("resync");
                }
            });
            assertThat(heard.poll(60, TimeUnit.SECONDS)).as("listening").isEqualTo("resync");

            Serial two = store.write(tx -> {
                tx.journal().append("a", null, "create", T, "alice");
                return tx.journal().append("a", null, "add Owner alice", T, "alice");
            });
            assertThatThrownBy(() -> store.write(tx -> {
                tx.journal().append("b", null, "create", T, "alice");
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            Serial four = store.write(tx -> tx.journal().append("c", null, "create", T, "alice"));

            // Notifications that arrive together are handed on as one, their highest serial: under
            // load the two commits may come in one batch. Either way: in order, ending at four, and
            // nothing of the rolled-back serial 3.
            List<String> notices = new ArrayList<>();
            while (!notices.contains("committed " + four)) {
                String next = heard.poll(60, TimeUnit.SECONDS);
                assertThat(next).as("a notice within a minute, after %s", notices).isNotNull();
                notices.add(next);
            }
            assertThat(List.of(List.of("committed " + two, "committed " + four), List.of("committed " + four)))
                    .contains(notices);
        }
    }
}
