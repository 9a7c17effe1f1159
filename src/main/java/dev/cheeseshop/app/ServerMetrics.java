package dev.cheeseshop.app;

import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.metrics.Metrics;
import dev.cheeseshop.metrics.prometheus.PrometheusMetrics;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.sql.SqlMetadataStore;
import java.util.OptionalLong;

/** The server's metrics: none when {@code --metrics off}, else Prometheus's, with what it reads when scraped. */
final class ServerMetrics {
    private ServerMetrics() {}

    /**
     * @param renderCache the render cache, whose counters and size are read at each scrape
     * @param store       the store itself (not the watched wrapper): its journal's last serial is read
     *                    at each scrape, and its pools' usage when it is a SQL store
     */
    static Metrics create(Exposure exposure, DocumentCache renderCache, MetadataStore store) {
        if (exposure == Exposure.OFF) {
            return Metrics.NONE;
        }
        PrometheusMetrics metrics = new PrometheusMetrics().renderCache(renderCache::stats)
                .journal(() -> store.read(tx -> tx.journal().last()).map(Serial::value).map(OptionalLong::of)
                        .orElse(OptionalLong.empty()));
        if (store instanceof SqlMetadataStore sql) {
            metrics.pools(sql::poolUsage);
        }
        return metrics;
    }
}
