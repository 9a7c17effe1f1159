package dev.cheeseshop.web;

import dev.cheeseshop.index.Html;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.Transaction;

/** Every description as preformatted text, escaped: the page's fallback. */
public final class PlainDescriptions implements Descriptions {
    @Override
    public ProjectView.Description of(Transaction tx, Release release) {
        String text = release.metadata().first("description").orElse("");
        return text.isBlank() ? ProjectView.Description.NONE
                : new ProjectView.Description("<pre>" + Html.escape(text) + "</pre>", null);
    }
}
