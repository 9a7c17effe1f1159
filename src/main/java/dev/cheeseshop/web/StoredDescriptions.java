package dev.cheeseshop.web;

import dev.cheeseshop.description.DescriptionRenderer;
import dev.cheeseshop.description.ReleaseDescriptions;
import dev.cheeseshop.description.RenderedDescription;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.Transaction;

/**
 * A release's description as its page shows it: the HTML rendered and sanitised at upload and
 * stored with the release, read in the page's own transaction. A release uploaded before
 * descriptions were stored has none until {@code cheeseshop render-descriptions} stores it: it is
 * rendered here by the same renderer (and sanitiser), for the page being rendered, which the
 * render cache then keeps; a GET stores nothing. Its headings are put under the
 * page's own ({@link DescriptionMarkup}).
 */
public final class StoredDescriptions implements Descriptions {
    private final DescriptionRenderer renderer;

    public StoredDescriptions(DescriptionRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public ProjectView.Description of(Transaction tx, Release release) {
        RenderedDescription description = tx.releases().description(release.id())
                .map(ReleaseDescriptions::fromStored)
                .orElseGet(() -> ReleaseDescriptions.render(renderer, release));
        return new ProjectView.Description(DescriptionMarkup.forPage(description.html()), description.problem().orElse(null));
    }
}
