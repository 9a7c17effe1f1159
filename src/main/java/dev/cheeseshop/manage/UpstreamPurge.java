package dev.cheeseshop.manage;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.UpstreamBlobs;
import java.util.List;
import java.util.Optional;

/**
 * An administrator's purge of the upstream cache, for one project or for all: the cached pages and
 * the records of kept files go in one write transaction, then their blobs are deleted
 * ({@link UpstreamBlobs#delete}: each only when nothing refers to it any more). The next request
 * fetches from the upstream again. Local projects are untouched: they are not in the cache. Not
 * journaled: the journal records this index's changes, and a cache is not one.
 */
public final class UpstreamPurge {
    private final MetadataStore store;
    private final UpstreamBlobs blobs;

    public UpstreamPurge(MetadataStore store, UpstreamBlobs blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /** What a purge removed: how many kept blobs (files and METADATA) it deleted. */
    public record Purged(Optional<String> project, int blobs) {}

    /** An administrator's purge of {@code projectName}'s cached page and files, or of everything when it is empty. */
    public Purged purge(User actor, Optional<String> projectName) throws ManageProblem {
        Optional<String> normalized = normalized(projectName);
        List<String> keys = Access.write(store, tx -> {
            Access.administrator(tx, actor, "purge the upstream cache");
            return tx.upstream().purge(normalized);
        });
        blobs.delete(keys);
        return new Purged(normalized, keys.size());
    }

    /** The command line's purge: whoever runs it holds the database itself, so no user is asked for. */
    public Purged purge(Optional<String> projectName) {
        Optional<String> normalized = normalized(projectName);
        List<String> keys = store.write(tx -> {
            tx.journal().lock();
            return tx.upstream().purge(normalized);
        });
        blobs.delete(keys);
        return new Purged(normalized, keys.size());
    }

    private static Optional<String> normalized(Optional<String> projectName) {
        return projectName.filter(n -> !n.isBlank()).map(ProjectName::normalize);
    }
}
