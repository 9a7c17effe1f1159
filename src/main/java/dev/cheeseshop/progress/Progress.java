package dev.cheeseshop.progress;

/**
 * Where long work says how far it has come (the port): a use case starts a {@link Stage} for each
 * part of its work, advances it as items and bytes are done, and closes it. The command line shows
 * it as a progress bar on a terminal or as periodic lines otherwise ({@code app} chooses); a
 * server's background work reports to {@link #NONE}.
 */
public interface Progress {
    /** Where counts are not known in advance. */
    long UNKNOWN = -1;

    /** Reports nothing. */
    Progress NONE = (name, unit, items, bytes) -> Stage.NONE;

    /**
     * Starts a stage: its name (e.g. {@code files}), the unit its items are counted in (e.g.
     * {@code files}, {@code rows}), and how many items and bytes it will take in all, or
     * {@link #UNKNOWN}.
     */
    Stage start(String name, String unit, long items, long bytes);

    /** One stage of the work, in progress until closed. Safe to advance from several threads. */
    interface Stage extends AutoCloseable {
        /** A stage that reports nothing. */
        Stage NONE = new Stage() {
            @Override
            public void advance(long items, long bytes) {}

            @Override
            public void close() {}
        };

        /** {@code items} more items and {@code bytes} more bytes are done. */
        void advance(long items, long bytes);

        /** The stage has ended (done, or given up on: what was done is what was reported). */
        @Override
        void close();
    }
}
