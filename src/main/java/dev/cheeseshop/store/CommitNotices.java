package dev.cheeseshop.store;

import dev.cheeseshop.model.Serial;

/**
 * Word of journal commits as they happen, made by any process on the same database, so that
 * read models kept in memory (the render cache) learn of another process's change at once rather
 * than at their next poll. Notices can be lost (a dropped connection): a receiver is told to look
 * for itself whenever that may have happened, and a reader keeps its poll as the fallback.
 */
public interface CommitNotices extends AutoCloseable {
    /** Where notices go; called on the notices' own thread. */
    interface Receiver {
        /** A transaction whose last journal entry is {@code last} has committed: it is visible now. */
        void committed(Serial last);

        /**
         * Listening has (re)started: commits made before now may never be noticed, so look at the
         * journal once. Every commit after this call is noticed (while the listening lasts).
         */
        void resync();
    }

    /**
     * Starts listening and returns: the first attempt is made before returning (a failure is
     * logged and retried), so that commits made after this call are noticed.
     */
    void start(Receiver receiver);

    /** Stops listening; no notice is delivered after this returns. */
    @Override
    void close();

    /** No notices (the embedded default, where the poll alone watches other processes). */
    CommitNotices NONE = new CommitNotices() {
        @Override
        public void start(Receiver receiver) {}

        @Override
        public void close() {}
    };
}
