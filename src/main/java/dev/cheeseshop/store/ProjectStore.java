package dev.cheeseshop.store;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Projects, found by their PEP 503 normalised name. */
public interface ProjectStore {
    Optional<Project> find(String normalizedName);

    /** Creates a project with last serial 0; {@link UniqueViolation} when the normalised name is taken. */
    Project insert(ProjectName name, Instant created);

    /** Changes the display name to another spelling of the same normalised name. */
    void rename(long projectId, ProjectName name);

    void setLastSerial(long projectId, Serial serial);

    /** Puts the project in quarantine from {@code since}, or takes it out with null. */
    void setQuarantined(long projectId, Instant since);

    /**
     * Deletes the project with its roles, releases, their files and classifiers; the files' names
     * stay in the filename registry, and the name may be registered again.
     */
    void delete(long projectId);

    /**
     * Every project not in quarantine, in normalised-name order, streamed without loading them
     * all: the Simple index.
     */
    void forEach(Consumer<ProjectListing> sink);

    /**
     * Every project's display name and last serial, in normalised-name order: the listing
     * {@code list_packages_with_serial} sends, read without the normalised name or any object
     * per row (700,000 rows on PyPI).
     */
    void forEachLastSerial(LastSerialSink sink);

    /** Receives one project of {@link #forEachLastSerial}. */
    @FunctionalInterface
    interface LastSerialSink {
        void accept(String displayName, long lastSerial);
    }

    /**
     * The newest projects not in quarantine that have at least one release not in quarantine, newest first (by creation time, the
     * later-inserted first on a tie), at most {@code limit}.
     */
    List<Project> newest(int limit);

    /** How many projects there are: a scan of the smallest index, not of the table. */
    long count();

    /** A row of the project listing. */
    record ProjectListing(String displayName, String normalizedName, Serial lastSerial) {}
}
