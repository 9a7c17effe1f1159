package dev.cheeseshop.manage;

import static dev.cheeseshop.manage.Access.Refused;

import dev.cheeseshop.index.SearchIndexing;
import dev.cheeseshop.journal.Actions;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Reconciler;
import dev.cheeseshop.store.Transaction;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release use cases of a project's Owner (or an administrator): yank and unyank a release
 * (PEP 592), remove a file, a release or a whole project. Each is one write transaction that
 * checks permission ({@link Access}), makes the change and writes PyPI's journal entry under the
 * acting user; a refusal writes nothing. The render cache notices through {@code JournalWatch}.
 *
 * <p>Removed files disappear from every API at the commit ({@code /packages/} serves only blobs a
 * file row names), and their names stay in the filename registry for ever. Their blobs are
 * deleted after the commit, each under the journal lock once no file row names it, as the
 * {@link Reconciler} deletes orphans; a blob that cannot be deleted then is left to the
 * reconciler's next pass.
 */
public final class ReleaseManagement {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseManagement.class);

    private final MetadataStore store;
    private final Reconciler blobCleaner;
    private final Clock clock;

    public ReleaseManagement(MetadataStore store, BlobStore blobs, Clock clock) {
        this.store = store;
        this.blobCleaner = new Reconciler(store, blobs, clock, Reconciler.DEFAULT_GRACE);
        this.clock = clock;
    }

    /** Yanks the release, with a reason (null or empty for none): {@code yank release}. */
    public Change yank(User actor, String projectName, String version, String reason) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            Release release = Access.release(tx, project, version);
            if (release.yanked()) {
                throw new Refused(ManageProblem.conflict(
                        "Release " + release.version() + " of '" + project.displayName() + "' is already yanked."));
            }
            tx.releases().setYanked(release.id(), true, reason);
            return journal(tx, actor, project, release.version(), Actions.YANK_RELEASE);
        });
    }

    /** Unyanks the release: {@code unyank release}. */
    public Change unyank(User actor, String projectName, String version) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            Release release = Access.release(tx, project, version);
            if (!release.yanked()) {
                throw new Refused(ManageProblem.conflict(
                        "Release " + release.version() + " of '" + project.displayName() + "' is not yanked."));
            }
            tx.releases().setYanked(release.id(), false, null);
            return journal(tx, actor, project, release.version(), Actions.UNYANK_RELEASE);
        });
    }

    /** Removes one file of the release: {@code remove file <filename>}. */
    public Change removeFile(User actor, String projectName, String version, String filename) throws ManageProblem {
        List<String> keys = new ArrayList<>();
        Change change = Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            Release release = Access.release(tx, project, version);
            DistFile file = tx.files().findByFilename(filename).filter(f -> f.releaseId() == release.id())
                    .orElseThrow(() -> new Refused(ManageProblem.notFound("File '" + filename
                            + "' does not exist in release " + release.version() + " of '" + project.displayName() + "'.")));
            keys.addAll(keysOf(List.of(file)));
            tx.files().delete(file.id());
            return journal(tx, actor, project, release.version(), Actions.removeFile(file.filename()));
        });
        deleteBlobs(keys);
        return change;
    }

    /** Removes the release with all its files: {@code remove release}. */
    public Change removeRelease(User actor, String projectName, String version) throws ManageProblem {
        List<String> keys = new ArrayList<>();
        Change change = Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            Release release = Access.release(tx, project, version);
            keys.addAll(keysOf(tx.files().forRelease(release.id())));
            tx.releases().delete(release.id());
            SearchIndexing.refresh(tx, project.normalizedName());
            return journal(tx, actor, project, release.version(), Actions.REMOVE_RELEASE);
        });
        deleteBlobs(keys);
        return change;
    }

    /**
     * Removes the project with its roles, releases and files: {@code remove project}, with no
     * version. Its name may be registered again; its files' names never.
     */
    public Change removeProject(User actor, String projectName) throws ManageProblem {
        List<String> keys = new ArrayList<>();
        Change change = Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            keys.addAll(keysOf(tx.files().forProject(project.id())));
            Change entry = journal(tx, actor, project, null, Actions.REMOVE_PROJECT);
            SearchIndexing.remove(tx, project);
            tx.projects().delete(project.id());
            return entry;
        });
        deleteBlobs(keys);
        return change;
    }

    private Change journal(Transaction tx, User actor, Project project, String version, String action) {
        Serial serial = Journal.writer(tx, actor.username(), clock.instant()).add(project, version, action);
        return new Change(project.displayName(), version, action, actor.username(), serial);
    }

    private static List<String> keysOf(List<DistFile> files) {
        List<String> keys = new ArrayList<>();
        for (DistFile file : files) {
            keys.add(file.path());
            if (file.metadata().isPresent()) {
                keys.add(file.metadataPath());
            }
        }
        return keys;
    }

    /** After the commit: the change is done whatever happens here, so a failure is only logged. */
    private void deleteBlobs(List<String> keys) {
        try {
            blobCleaner.removeUnreferenced(keys);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete the blobs of removed files; the reconciler will: {}", e.toString());
        }
    }
}
