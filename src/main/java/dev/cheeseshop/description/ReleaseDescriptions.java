package dev.cheeseshop.description;

import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ReleaseStore.StoredDescription;
import dev.cheeseshop.store.Transaction;
import java.util.Optional;

/**
 * A release's rendered description: the one stored when the release was uploaded, or, for a
 * release that has none (uploaded before V10), rendered now from its metadata and stored, so that
 * it is rendered once ({@link DescriptionBackfill}, the {@code render-descriptions} command). The steps: read what is stored; if nothing, render outside
 * any transaction (reStructuredText takes a child process, and SQLite's writer lock must not wait
 * on it); then one write transaction that stores it unless another request stored one meanwhile
 * (the stored one wins, so every reader sees the same). A release deleted meanwhile gets nothing
 * stored, and the rendering is answered all the same.
 */
public final class ReleaseDescriptions {
    private final MetadataStore store;
    private final DescriptionRenderer renderer;

    public ReleaseDescriptions(MetadataStore store, DescriptionRenderer renderer) {
        this.store = store;
        this.renderer = renderer;
    }

    public RenderedDescription forRelease(Release release) {
        Optional<StoredDescription> stored = store.read((Transaction tx) -> tx.releases().description(release.id()));
        if (stored.isPresent()) {
            return fromStored(stored.get());
        }
        RenderedDescription rendered = render(renderer, release);
        StoredDescription kept = store.write((Transaction tx) -> {
            Optional<StoredDescription> now = tx.releases().description(release.id());
            if (now.isPresent()) {
                return now.get();
            }
            StoredDescription fresh = toStored(rendered);
            tx.releases().setDescription(release.id(), fresh);
            return fresh;
        });
        return fromStored(kept);
    }

    /** The description a release's metadata carries (as the upload form keys it), rendered. */
    public static RenderedDescription render(DescriptionRenderer renderer, Release release) {
        return renderer.render(release.metadata().first("description").orElse(null),
                release.metadata().first("description_content_type").orElse(null));
    }

    public static StoredDescription toStored(RenderedDescription rendered) {
        return new StoredDescription(rendered.html(), rendered.renderer(), rendered.problem().orElse(null));
    }

    public static RenderedDescription fromStored(StoredDescription stored) {
        return RenderedDescription.of(stored.html(), stored.renderer(), stored.problem());
    }
}
