package dev.cheeseshop.store;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the search index holds of one project: its names, the version, summary, keywords and
 * classifiers of its newest release not in quarantine (all null or empty when it has none, as a
 * reserved project), its creation time and that release's.
 */
public record SearchDocument(
        String displayName,
        String normalizedName,
        String version,
        String summary,
        String keywords,
        List<String> classifiers,
        Instant created,
        Instant lastRelease) {

    public SearchDocument {
        Objects.requireNonNull(displayName);
        Objects.requireNonNull(normalizedName);
        Objects.requireNonNull(created);
        classifiers = List.copyOf(new LinkedHashSet<>(classifiers));
    }
}
