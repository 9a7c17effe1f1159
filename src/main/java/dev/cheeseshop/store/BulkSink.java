package dev.cheeseshop.store;

/**
 * The bulk-load port: rows for a new, empty metadata store, written straight to it without the
 * use cases, as the benchmark data generator ({@code bench}) makes them. They come in this order:
 * every user, then the journal in serial order, then every project (in id order, with its last
 * serial), its releases and its roles. Times are microseconds since the epoch, as the stores keep
 * them. Each backend has a bulk loader that implements it ({@code store.sql.SqliteBulkLoader}).
 */
public interface BulkSink {
    void user(long id, String username, String passwordHash, long createdMicros);

    void journal(long serial, String name, String version, String action, long submittedMicros, String submittedBy);

    void project(long id, String name, String normalizedName, long createdMicros, long lastSerial);

    void release(long projectId, String version, String canonicalVersion, String metadataJson, boolean yanked,
            long createdMicros);

    /** {@code role} is {@code Owner} or {@code Maintainer}. */
    void role(long projectId, long userId, String role);
}
