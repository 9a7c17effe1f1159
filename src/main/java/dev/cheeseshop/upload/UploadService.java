package dev.cheeseshop.upload;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.description.DescriptionRenderer;
import dev.cheeseshop.description.ReleaseDescriptions;
import dev.cheeseshop.dist.DistInspector;
import dev.cheeseshop.index.SearchIndexing;
import dev.cheeseshop.journal.Actions;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.BlobStore;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.ReleaseStore.StoredDescription;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.UniqueViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The upload use case: one file into a release of a project, as PyPI's legacy upload API does it.
 *
 * <p>The steps, in order: sanitise the form; check the protocol, the form and the metadata; check
 * the filename and that the digests the client sent match the file; look up what is already
 * there (permission, duplicates, the filename registry) without writing; inspect the archive;
 * write the file and its METADATA to the blob store under content-addressed keys; render the
 * description when the read snapshot had no such release (outside any transaction: a
 * reStructuredText rendering takes a child process, and the writer lock must not wait for it);
 * then, in one transaction, create what is missing (project with its Owner, release, file) and journal it,
 * re-checking everything the first look saw, and making sure, under the journal lock, that the
 * blobs are still there (the reconciler may have judged them an old orphan's and removed them:
 * see {@code store.Reconciler}). A refusal at any step writes nothing a client can see.
 */
public final class UploadService {
    public static final String INVALID_AUTH = Messages.INVALID_AUTH;
    public static final String TOKEN_EXPIRED = Messages.TOKEN_EXPIRED;
    public static final String PREREGISTRATION_GONE = Messages.PREREGISTRATION_GONE;
    public static final String DOC_UPLOAD_GONE = Messages.DOC_UPLOAD_GONE;

    /** What an accepted upload did. */
    public enum Outcome {
        /** The file was new and is now stored and journaled. */
        STORED,
        /** The identical file was already there; nothing changed. */
        ALREADY_PRESENT
    }

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final DistInspector inspector;
    private final long maxFileBytes;
    private final DescriptionRenderer descriptions;

    public UploadService(MetadataStore store, BlobStore blobs, DistInspector inspector, Clock clock,
            long maxFileBytes, DescriptionRenderer descriptions) {
        this.descriptions = descriptions;
        this.store = store;
        this.blobs = blobs;
        this.inspector = inspector;
        this.clock = clock;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Why a new project may not have this name, in the words an upload's refusal uses (PyPI's
     * {@code name} field error), or empty when it may: the one check an upload makes on a new
     * project's name (there is no list of prohibited names). For those who create a project
     * without uploading ({@code manage.ProjectReservation}).
     */
    public static Optional<String> newProjectNameProblem(String name) {
        return UploadForm.nameRefusal(name);
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** The refusal for a file that passed the size limit while it was being received. */
    public void refuseTooLarge(String projectName) throws UploadProblem {
        throw UploadProblem.badRequest(UploadProblem.Reason.TOO_LARGE, Messages.fileTooLarge(projectName, maxFileBytes));
    }

    public Outcome upload(User user, UploadRequest raw) throws UploadProblem {
        return upload(Principal.of(user), raw);
    }

    /** An upload as {@code principal}: its user, narrowed to its token's scope if it has one. */
    public Outcome upload(Principal principal, UploadRequest raw) throws UploadProblem {
        UploadRequest request = Sanitizer.clean(raw);
        if (!request.first("protocol_version").orElse("1").equals("1")) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FORM, Messages.UNKNOWN_PROTOCOL);
        }
        UploadForm form = UploadForm.check(request);
        MetadataCheck.Result metadata = MetadataCheck.check(request);
        StagedFile file = request.file().orElseThrow(() -> UploadProblem.badRequest(UploadProblem.Reason.FORM, Messages.NO_FILE));
        FilenameCheck.check(file.filename(), form.filetype());
        ContentTypeCheck.check(file.contentType());
        DigestCheck.check(form.digests(), file.digests());
        Upload upload = new Upload(principal, form, metadata, file, request.userAgent());
        boolean newRelease;
        try {
            Snapshot seen = store.read(tx -> new Snapshot(StoredStateCheck.existing(tx, upload),
                    releaseExists(tx, upload)));
            if (seen.outcome == Outcome.ALREADY_PRESENT) {
                return Outcome.ALREADY_PRESENT;
            }
            newRelease = !seen.releaseExists;
        } catch (Refusal refusal) {
            throw refusal.problem();
        }
        ArchiveCheck.Inspection inspection = ArchiveCheck.inspect(inspector, file, form, metadata.version());
        StoredDescription description = newRelease ? describe(metadata) : null;
        storeBlobs(file, inspection);
        return commit(upload, inspection, description);
    }

    /** What the first look saw: the outcome of {@link #existing} and whether the release is there already. */
    private record Snapshot(Outcome outcome, boolean releaseExists) {}

    private static boolean releaseExists(Transaction tx, Upload upload) {
        return tx.projects().find(upload.form().name().normalized())
                .flatMap(p -> tx.releases().find(p.id(), upload.metadata().version().canonical())).isPresent();
    }

    /**
     * The new release's description, rendered once, as its page will show it. Null when the
     * release exists already: its description was stored with it (metadata never changes after
     * the first upload).
     */
    private StoredDescription describe(MetadataCheck.Result metadata) {
        return ReleaseDescriptions.toStored(descriptions.render(
                metadata.metadata().first("description").orElse(null),
                metadata.metadata().first("description_content_type").orElse(null)));
    }

    private void storeBlobs(StagedFile file, ArchiveCheck.Inspection inspection) {
        String path = file.digests().storagePath(file.filename());
        try {
            blobs.put(path, file.path());
            if (inspection.metadata() != null) {
                blobs.put(path + ".metadata", inspection.metadata());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + path, e);
        }
    }

    /**
     * Inside the commit, under the journal lock, which the reconciler holds whenever it deletes a
     * blob: the blobs the new row will name exist now, and nothing can delete them before the
     * commit. Those the reconciler removed since {@link #storeBlobs} (the same bytes, left long
     * ago by a failed upload, judged an orphan as this upload wrote them) are written again from
     * the staged file, which is still there.
     */
    private void ensureBlobs(Transaction tx, StagedFile file, ArchiveCheck.Inspection inspection) {
        tx.journal().lock();
        String path = file.digests().storagePath(file.filename());
        try {
            if (!blobs.exists(path)) {
                blobs.put(path, file.path());
            }
            if (inspection.metadata() != null && !blobs.exists(path + ".metadata")) {
                blobs.put(path + ".metadata", inspection.metadata());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + path, e);
        }
    }

    private Outcome commit(Upload upload, ArchiveCheck.Inspection inspection, StoredDescription description)
            throws UploadProblem {
        try {
            try {
                return store.write(tx -> write(tx, upload, inspection, description));
            } catch (UniqueViolation race) {
                // Another upload committed the same project, release or file a moment ago. Once
                // more, from the top: now the checks see what it committed and answer accordingly.
                return store.write(tx -> write(tx, upload, inspection, description));
            }
        } catch (Refusal refusal) {
            throw refusal.problem();
        }
    }

    /**
     * The commit, under the journal lock from its first statement: the checks (permission, the
     * file and release as they are) and the change they allow are one step against every other
     * journaled change, on PostgreSQL (READ COMMITTED) as on SQLite (one writer at a time). A
     * release created here gets {@code description}, rendered before the transaction; null when
     * the first look saw the release (deleted since: it is rendered on demand, by
     * {@code description.ReleaseDescriptions}).
     */
    private Outcome write(Transaction tx, Upload upload, ArchiveCheck.Inspection inspection,
            StoredDescription description) {
        tx.journal().lock();
        Outcome existing = StoredStateCheck.existing(tx, upload);
        if (existing != null) {
            return existing;
        }
        ensureBlobs(tx, upload.file(), inspection);
        Instant now = clock.instant();
        Journal.Writer journal = Journal.writer(tx, upload.user().username(), now);
        Project project = tx.projects().find(upload.form().name().normalized()).orElse(null);
        // The search index holds the project's names and its newest release: a new project, a new
        // spelling of its name or a new release changes what it holds; another file of a release does not.
        boolean reindex = true;
        if (project == null) {
            project = tx.projects().insert(upload.form().name(), now);
            journal.add(project, null, Actions.CREATE);
            tx.roles().insert(project.id(), upload.user().id(), RoleName.Owner);
            journal.add(project, null, Actions.addRole(RoleName.Owner, upload.user().username()));
        } else if (!project.displayName().equals(upload.form().name().display())) {
            tx.projects().rename(project.id(), upload.form().name());
            project = new Project(project.id(), upload.form().name(), project.created(), project.lastSerial(),
                    project.quarantined());
        } else {
            reindex = false;
        }
        String version = upload.metadata().version().toString();
        Release release = tx.releases().find(project.id(), upload.metadata().version().canonical()).orElse(null);
        if (release == null) {
            release = tx.releases().insert(project.id(), version, upload.metadata().version().canonical(),
                    upload.metadata().metadata(), now, description);
            journal.add(project, version, Actions.NEW_RELEASE);
            reindex = true;
        }
        StagedFile file = upload.file();
        tx.files().insert(new DistFile(0, release.id(), file.filename(), upload.form().filetype(), upload.form().pyversion(),
                file.size(), file.digests(), inspection.metadataDigests(), now,
                file.digests().storagePath(file.filename()), upload.form().comment(), upload.userAgent()));
        journal.add(project, release.version(), Actions.addFile(upload.form().pyversion(), file.filename()));
        if (reindex) {
            SearchIndexing.refresh(tx, project.normalizedName());
        }
        return Outcome.STORED;
    }
}
