package dev.cheeseshop.journal;

import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The journal: every change to the index is an entry with a serial, written in the same
 * transaction as the change. Writing goes through {@link #writer}; reading the changelog through
 * {@link #lastSerial} and {@link #since}.
 */
public final class Journal {
    /** The most entries one changelog read returns, as on PyPI. Mirrors page with the last serial. */
    public static final int MAX_BATCH = 50_000;

    private final MetadataStore store;

    public Journal(MetadataStore store) {
        this.store = store;
    }

    /**
     * A writer for the entries of one use case, inside its transaction: every entry gets the same
     * timestamp and submitter, and bumps its project's last serial.
     */
    public static Writer writer(Transaction tx, String submittedBy, Instant when) {
        return new Writer(tx, submittedBy, when);
    }

    /** The newest serial, or empty while the journal is empty. */
    public Optional<Serial> lastSerial() {
        return store.read(tx -> tx.journal().last());
    }

    /** Entries after {@code after}, ascending, at most {@link #MAX_BATCH}, streamed to {@code sink}. */
    public void since(Serial after, Consumer<JournalEntry> sink) {
        store.read(tx -> {
            tx.journal().since(after, MAX_BATCH, sink);
            return null;
        });
    }

    /** Appends entries for one use case. */
    public static final class Writer {
        private final Transaction tx;
        private final String submittedBy;
        private final Instant when;

        private Writer(Transaction tx, String submittedBy, Instant when) {
            this.tx = tx;
            this.submittedBy = submittedBy;
            this.when = when;
        }

        /** Appends an entry about {@code project} (and {@code version}, or null) and bumps its last serial. */
        public Serial add(Project project, String version, String action) {
            Serial serial = tx.journal().append(project.displayName(), version, action, when, submittedBy);
            tx.projects().setLastSerial(project.id(), serial);
            return serial;
        }
    }
}
