package dev.cheeseshop.bench;

/**
 * What {@code bench-data} generates: {@code projects} projects and a journal of exactly
 * {@code journal} entries (serials 1..journal), from {@code seed}.
 */
public record BenchSpec(int projects, long journal, long seed) {
    /** Serials go out as XML-RPC {@code <int>}, so the journal stays within 32 bits. */
    public static final long MAX_JOURNAL = Integer.MAX_VALUE;
    /** Every project takes at least its {@code create} and {@code add Owner} entries. */
    public static final int ENTRIES_PER_PROJECT_AT_LEAST = 2;

    public BenchSpec {
        if (projects < 1) {
            throw new IllegalArgumentException("--projects must be at least 1, not " + projects);
        }
        if (journal > MAX_JOURNAL) {
            throw new IllegalArgumentException("--journal must be at most " + MAX_JOURNAL + ", not " + journal);
        }
        if (journal < (long) ENTRIES_PER_PROJECT_AT_LEAST * projects) {
            throw new IllegalArgumentException("--journal must be at least twice --projects (each project's "
                    + "create and add Owner entries): " + journal + " < " + 2L * projects);
        }
    }

    /** One user for about every two projects, as on PyPI. */
    public int users() {
        return projects / 2 + 1;
    }
}
