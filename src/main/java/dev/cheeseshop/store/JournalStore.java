package dev.cheeseshop.store;

import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Serial;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The journal's rows. {@link #append} must make serials visible in commit order: a reader that
 * sees serial {@code n} committed has already been able to see every serial below it. Each
 * implementation says how it guarantees that.
 */
public interface JournalStore {
    /**
     * Takes, now, the lock that {@link #append} takes before a transaction's first entry, and holds
     * it to the end of the transaction: for work that must be serialised against every journaled
     * change. The reconciler deletes a blob only under it, and an upload's commit checks its blobs
     * under it (see {@code Reconciler}). Taking it twice is harmless.
     */
    void lock();

    Serial append(String name, String version, String action, Instant submitted, String submittedBy);

    /** The highest serial, or empty for an empty journal. */
    Optional<Serial> last();

    /** Entries with a serial above {@code after}, ascending, at most {@code limit}. */
    void since(Serial after, int limit, Consumer<JournalEntry> sink);

    /**
     * One project's entries with a serial above {@code after}, ascending, at most {@code limit}:
     * those whose name, lower case with {@code _} and {@code .} as {@code -}, is
     * {@code normalizedName} (every spelling of the project's name without a run of separators).
     */
    void forProject(String normalizedName, Serial after, int limit, Consumer<JournalEntry> sink);

    /**
     * The newest {@code limit} entries of one project, newest first, matched as {@link #forProject}
     * matches them: one backward range of the same index.
     */
    void newestForProject(String normalizedName, int limit, Consumer<JournalEntry> sink);
}
