package dev.cheeseshop.store;

/**
 * The metadata store: projects, releases, files, users, roles and the journal, behind one
 * transactional port. Every use case runs in exactly one transaction, opened at its top.
 *
 * <p>{@link #write} runs its work in a read-write transaction and commits when the work returns
 * (rolls back when it throws), so a caller that got a result back knows the change is durable.
 * {@link #read} runs its work against one consistent snapshot.
 *
 * <p>Implementations: {@code store.sql} (the SQLite dialect). Every implementation passes
 * {@code MetadataStoreContract}.
 */
public interface MetadataStore extends AutoCloseable {

    <T> T write(TransactionWork<T> work);

    <T> T read(TransactionWork<T> work);

    /**
     * Whether the database answers with the schema this build migrates to: empty when it does,
     * else what is wrong (behind, or ahead of, the newest migration this build carries). Asks the
     * database (a {@link StoreException} when it does not answer); reads no client data. Stores
     * with no schema of their own have nothing to check.
     */
    default java.util.Optional<String> schemaProblem() {
        return java.util.Optional.empty();
    }

    @Override
    void close();

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(Transaction tx);
    }
}
