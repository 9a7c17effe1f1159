package dev.cheeseshop.description;

import dev.cheeseshop.model.Release;
import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.util.List;

/**
 * Renders and stores the description of every release that has none: those uploaded before V10,
 * whose pages otherwise render them again each time they are rendered. The steps, a page of
 * {@value #PAGE} releases at a time, by id: read the page (one range of the primary key), then for
 * each release {@link ReleaseDescriptions#forRelease}: rendered outside any transaction, stored in
 * one write unless a page view or another run stored one first. Safe beside a running server and
 * beside another run; stopped and run again, it carries on where it stopped (what it stored has
 * left the walk). Nothing is journaled: a description is derived from metadata that never changes,
 * and the page it appears on looks the same before and after.
 */
public final class DescriptionBackfill {
    static final int PAGE = 100;

    private final MetadataStore store;
    private final ReleaseDescriptions descriptions;

    public DescriptionBackfill(MetadataStore store, DescriptionRenderer renderer) {
        this.store = store;
        this.descriptions = new ReleaseDescriptions(store, renderer);
    }

    /** How many descriptions were stored, and how many of them are plain text with a note saying why. */
    public record Report(long rendered, long fellBack) {}

    public Report run(Progress progress) {
        long rendered = 0;
        long fellBack = 0;
        long after = 0;
        try (Progress.Stage stage = progress.start("descriptions", "releases", Progress.UNKNOWN, Progress.UNKNOWN)) {
            while (true) {
                long from = after;
                List<Release> page = store.read((Transaction tx) -> tx.releases().undescribed(from, PAGE));
                for (Release release : page) {
                    RenderedDescription description = descriptions.forRelease(release);
                    rendered++;
                    if (description.problem().isPresent()) {
                        fellBack++;
                    }
                    stage.advance(1, 0);
                }
                if (page.size() < PAGE) {
                    return new Report(rendered, fellBack);
                }
                after = page.get(page.size() - 1).id();
            }
        }
    }
}
