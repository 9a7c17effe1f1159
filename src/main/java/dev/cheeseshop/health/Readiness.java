package dev.cheeseshop.health;

import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the server can do its work, for a load balancer's readiness probe: the database answers
 * with the schema this build expects, and the blob store takes a write. The blob check writes and
 * deletes a few bytes under a key of its own ({@link BlobStore#RESERVED_PREFIX}), which no client's
 * blob can have and the reconciler never counts. Nothing here reads or writes a client's data.
 *
 * <p>The checks cost a query and two blob requests, so a result is kept for {@link #DEFAULT_TTL}
 * by the injected clock, and callers at the same moment wait for one probe rather than each
 * running their own. Once {@link #stopping} is called, the answer is "not ready" for good.
 */
public final class Readiness {
    /** How long a probe's result is answered again before the checks run anew. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    private static final byte[] PROBE = "readiness probe\n".getBytes(StandardCharsets.US_ASCII);

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration ttl;
    /** One key per server, so servers on one store never delete each other's probe mid-check. */
    private final String probeKey = BlobStore.RESERVED_PREFIX + "ready-" + UUID.randomUUID();
    private volatile boolean stopping;
    private Report last;
    private Instant lastAt;

    public Readiness(MetadataStore store, BlobStore blobs, Clock clock, Duration ttl) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Readiness(MetadataStore store, BlobStore blobs, Clock clock) {
        this(store, blobs, clock, DEFAULT_TTL);
    }

    /**
     * The outcome of the checks, by name ({@code database}, {@code migrations}, {@code blobs},
     * and {@code shutdown} while stopping): {@code "ok"} or what failed.
     */
    public record Report(Map<String, String> checks) {
        public Report {
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        public boolean ready() {
            return checks.values().stream().allMatch("ok"::equals);
        }
    }

    /** From now on the server is not ready: it is shutting down. */
    public void stopping() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** The answer while shutting down, without any probe. */
    public static Report shuttingDown() {
        return new Report(Map.of("shutdown", "the server is shutting down"));
    }

    /** The checks' outcome, from the last probe if it is recent enough. */
    public synchronized Report check() {
        if (stopping) {
            return shuttingDown();
        }
        Instant now = clock.instant();
        if (last != null && now.isBefore(lastAt.plus(ttl))) {
            return last;
        }
        Report report = probe();
        if (!report.ready() && (last == null || !report.equals(last))) {
            LOG.warn("not ready: {}", report.checks());
        } else if (report.ready() && last != null && !last.ready()) {
            LOG.info("ready again");
        }
        last = report;
        lastAt = now;
        return report;
    }

    private Report probe() {
        Map<String, String> checks = new LinkedHashMap<>();
        try {
            Optional<String> schema = store.schemaProblem();
            checks.put("database", "ok");
            checks.put("migrations", schema.orElse("ok"));
        } catch (RuntimeException e) {
            checks.put("database", "does not answer: " + brief(e));
            checks.put("migrations", "unknown: the database does not answer");
        }
        checks.put("blobs", blobProblem().orElse("ok"));
        return new Report(checks);
    }

    private Optional<String> blobProblem() {
        try {
            blobs.put(probeKey, PROBE);
        } catch (Exception e) {
            return Optional.of("cannot write: " + brief(e));
        }
        try {
            blobs.delete(probeKey);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("cannot delete what it wrote: " + brief(e));
        }
    }

    /** The first line of the failure's message (never a stack trace), cut short. */
    private static String brief(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName()
                : shown.getMessage().lines().findFirst().orElse("").strip();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
