package dev.cheeseshop.index;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.SearchDocument;
import dev.cheeseshop.store.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * The one rule of what the search index holds, applied inside the transaction of every change
 * that alters it (an upload, a reservation, a release or project removed, a quarantine or its
 * clearing), so that a search never sees a state the other readers do not:
 *
 * <ul>
 *   <li>a project in quarantine is not in the index (readers act as if it were not there);
 *   <li>any other project is, by its display and normalised names, with the version, summary,
 *       keywords (the {@code keywords} field as uploaded: FTS5 and PostgreSQL split it at commas
 *       and spaces alike) and classifiers of its newest release not in quarantine (by creation time,
 *       the later-inserted on a tie: {@code ReleaseStore.newestOf}), and that release's time; a
 *       project with no such release (reserved, or all in quarantine) is found by name alone.
 * </ul>
 *
 * {@code SearchStore.rebuild} states the same rule in each dialect's SQL, for stores filled in
 * bulk; {@code SearchStoreContract} holds the two equal.
 */
public final class SearchIndexing {
    private SearchIndexing() {}

    /** Brings the document of the project with this normalised name in line with what is stored now. */
    public static void refresh(Transaction tx, String normalizedName) {
        Optional<Project> project = tx.projects().find(normalizedName);
        if (project.isEmpty()) {
            return;
        }
        if (project.get().quarantined()) {
            tx.search().remove(project.get().id());
        } else {
            tx.search().index(project.get().id(), document(tx, project.get()));
        }
    }

    /** Takes the project out of the index, before the project itself goes. */
    public static void remove(Transaction tx, Project project) {
        tx.search().remove(project.id());
    }

    /** The document of a project not in quarantine. */
    static SearchDocument document(Transaction tx, Project project) {
        List<Release> newest = tx.releases().newestOf(project.id(), 1);
        if (newest.isEmpty()) {
            return new SearchDocument(project.displayName(), project.normalizedName(), null, null, null, List.of(),
                    project.created(), null);
        }
        Release release = newest.get(0);
        return new SearchDocument(project.displayName(), project.normalizedName(), release.version(),
                release.metadata().first("summary").orElse(null), release.metadata().first("keywords").orElse(null),
                release.metadata().all("classifiers"), project.created(), release.created());
    }
}
