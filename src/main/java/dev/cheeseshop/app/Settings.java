package dev.cheeseshop.app;

import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.index.PublicUrl;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.metrics.Exposure;
import dev.cheeseshop.xmlrpc.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the server runs with, from the command line and the environment. Built from the four
 * basics, then adjusted with the {@code with...} methods, so adding a setting touches one place.
 *
 * @param xmlrpcRateLimit XML-RPC calls allowed per client address; empty means no limit
 * @param publicUrl       the base of absolute links; null means the address served (see {@code http.Site})
 * @param cacheSize       the bound, in bytes, of the render cache (rendered pages kept in memory)
 * @param loginRateLimit  failed logins allowed per client address and per username; empty means no limit
 * @param journalPoll     how often the server reads the journal's last serial, to notice other processes'
 *                        changes (on PostgreSQL they are announced at once; the poll is the fallback)
 * @param metrics         who may read {@code GET /metrics}; {@code OFF} also counts nothing
 * @param downloads       whether downloads are counted, and how often the counts are flushed to the store
 * @param upstream        the index proxied for projects this one does not have, and how (empty: none)
 * @param sessions        how long a browser session lasts unused, and at most
 */
public record Settings(Path data, String host, int port, long maxUploadSize, Duration reconcileEvery,
        Optional<RateLimit> xmlrpcRateLimit, PublicUrl publicUrl, long cacheSize, Optional<RateLimit> loginRateLimit,
        Duration journalPoll, Exposure metrics, Downloads downloads, Optional<UpstreamSettings> upstream,
        WebSessions.Lifetimes sessions) {
    /** The default bound of the render cache. */
    public static final long DEFAULT_CACHE_SIZE = 64L * 1024 * 1024;
    /** The default limit on failed logins, per client address and per username. */
    public static final String DEFAULT_LOGIN_RATE_LIMIT = "10/minute";
    /** By default only administrators may read the metrics (docs/operations.md says why). */
    public static final Exposure DEFAULT_METRICS = Exposure.ADMIN;

    /**
     * Settings with the defaults for everything else: daily reconciliation, no XML-RPC rate limit,
     * links to the address served, {@value #DEFAULT_LOGIN_RATE_LIMIT} failed logins, metrics for
     * administrators.
     */
    public Settings(Path data, String host, int port, long maxUploadSize) {
        this(data, host, port, maxUploadSize, Duration.ofHours(24), Optional.empty(), null, DEFAULT_CACHE_SIZE,
                RateLimit.parse(DEFAULT_LOGIN_RATE_LIMIT), Duration.ofMillis(JournalWatch.POLL_MILLIS), DEFAULT_METRICS, Downloads.DEFAULT,
                Optional.empty(), WebSessions.Lifetimes.DEFAULT);
    }

    public Settings {
        if (journalPoll.isNegative() || journalPoll.isZero()) {
            throw new IllegalArgumentException("the journal poll interval must be positive: " + journalPoll);
        }
    }

    /** These settings with another reconciliation interval (zero: never). */
    public Settings withReconcileEvery(Duration every) {
        return new Settings(data, host, port, maxUploadSize, every, xmlrpcRateLimit, publicUrl, cacheSize,
                loginRateLimit, journalPoll, metrics, downloads, upstream, sessions);
    }

    /** These settings with an XML-RPC rate limit per client address (empty: none). */
    public Settings withXmlrpcRateLimit(Optional<RateLimit> limit) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, limit, publicUrl, cacheSize,
                loginRateLimit, journalPoll, metrics, downloads, upstream, sessions);
    }

    /** These settings with another public URL. */
    public Settings withPublicUrl(PublicUrl url) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, url, cacheSize,
                loginRateLimit, journalPoll, metrics, downloads, upstream, sessions);
    }

    /** These settings with another render-cache bound. */
    public Settings withCacheSize(long bytes) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, publicUrl, bytes,
                loginRateLimit, journalPoll, metrics, downloads, upstream, sessions);
    }

    /** These settings with a limit on failed logins per client address and per username (empty: none). */
    public Settings withLoginRateLimit(Optional<RateLimit> limit) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, publicUrl, cacheSize,
                limit, journalPoll, metrics, downloads, upstream, sessions);
    }

    /** These settings with another interval between polls of the journal. */
    public Settings withJournalPoll(Duration every) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, publicUrl, cacheSize,
                loginRateLimit, every, metrics, downloads, upstream, sessions);
    }

    /**
     * Download counting: {@code counted} false turns it off (nothing counted, {@code info.downloads}
     * -1 as on pypi.org); counts are flushed to the store every {@code flushEvery}, and at shutdown.
     */
    public record Downloads(boolean counted, Duration flushEvery) {
        public static final Downloads DEFAULT = new Downloads(true, Duration.ofSeconds(30));

        public Downloads {
            if (flushEvery.isNegative() || flushEvery.isZero()) {
                throw new IllegalArgumentException("the download flush interval must be positive: " + flushEvery);
            }
        }
    }

    /** These settings with download counting on or off, and another flush interval. */
    public Settings withDownloads(Downloads counting) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, publicUrl, cacheSize,
                loginRateLimit, journalPoll, metrics, counting, upstream, sessions);
    }

    /** These settings with another exposure of the metrics. */
    public Settings withMetrics(Exposure exposure) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, publicUrl, cacheSize,
                loginRateLimit, journalPoll, exposure, downloads, upstream, sessions);
    }

    /** These settings with an upstream index to proxy (empty: none). */
    public Settings withUpstream(Optional<UpstreamSettings> proxied) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, publicUrl, cacheSize,
                loginRateLimit, journalPoll, metrics, downloads, proxied, sessions);
    }

    /** These settings with other browser session lifetimes. */
    public Settings withSessions(WebSessions.Lifetimes lifetimes) {
        return new Settings(data, host, port, maxUploadSize, reconcileEvery, xmlrpcRateLimit, publicUrl, cacheSize,
                loginRateLimit, journalPoll, metrics, downloads, upstream, lifetimes);
    }

    public Path database() {
        return data.resolve("cheeseshop.db");
    }

    public Path packages() {
        return data.resolve("packages");
    }

    public Path staging() {
        return data.resolve("tmp");
    }
}
