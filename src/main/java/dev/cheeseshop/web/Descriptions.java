package dev.cheeseshop.web;

import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.Transaction;

/** Where a release page gets its description from, as sanitised HTML, inside the page's read transaction. */
@FunctionalInterface
public interface Descriptions {
    ProjectView.Description of(Transaction tx, Release release);
}
