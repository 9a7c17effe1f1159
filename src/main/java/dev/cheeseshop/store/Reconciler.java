package dev.cheeseshop.store;

import dev.cheeseshop.model.DistFile;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds blobs that no file row refers to and removes them. Blobs are written before the
 * transaction that refers to them commits, so an upload refused (or crashed) after that point
 * leaves an orphan: harmless, because only blobs named by a file row are ever served, but it
 * takes space. Blobs younger than the grace period are left alone: their upload may still be on
 * its way to the commit.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final String METADATA_SUFFIX = ".metadata";
    /** Longer than any upload takes between writing its blobs and committing. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration grace;

    public Reconciler(MetadataStore store, BlobStore blobs, Clock clock, Duration grace) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.grace = grace;
    }

    /** What a pass found, and removed unless it was a dry run. */
    public record Report(int examined, List<String> orphans) {}

    public Report run(boolean dryRun) throws IOException {
        Instant cutoff = clock.instant().minus(grace);
        List<String> orphans = new ArrayList<>();
        int[] examined = {0};
        blobs.list(blob -> {
            examined[0]++;
            if (blob.lastModified().isBefore(cutoff) && !referenced(blob.key())) {
                orphans.add(blob.key());
            }
        });
        if (!dryRun) {
            for (String key : orphans) {
                // Look again just before deleting: an upload may have committed since the listing.
                if (!referenced(key)) {
                    blobs.delete(key);
                    LOG.info("removed orphan blob {}", key);
                }
            }
        }
        return new Report(examined[0], List.copyOf(orphans));
    }

    private boolean referenced(String key) {
        if (key.endsWith(METADATA_SUFFIX)) {
            String filePath = key.substring(0, key.length() - METADATA_SUFFIX.length());
            Optional<DistFile> file = store.read(tx -> tx.files().findByPath(filePath));
            return file.filter(f -> f.metadata().isPresent()).isPresent();
        }
        return store.read(tx -> tx.files().findByPath(key)).isPresent();
    }
}
