package dev.cheeseshop.store;

import java.util.function.Consumer;

/**
 * A bulk loader into a new, empty metadata store: the rows ({@link BulkSink}), then
 * {@link #finish}, which writes what is buffered and builds what the load left out (indexes,
 * statistics), telling {@code progress} each step. One per backend: {@code store.sql.SqliteBulkLoader}
 * and {@code store.sql.PostgresBulkLoader}.
 */
public interface BulkLoad extends BulkSink, AutoCloseable {
    void finish(Consumer<String> progress);

    @Override
    void close();
}
