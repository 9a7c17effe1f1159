package dev.cheeseshop.upload;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.store.Transaction;
import java.util.Optional;

/**
 * An upload against what is stored: whether the user may upload to the project, and whether the
 * file, its name or the release's sdist is there already. Run on the first look's read snapshot
 * and again in the write transaction, so both see the same rules.
 */
final class StoredStateCheck {
    private StoredStateCheck() {}

    /**
     * The checks against what is stored, run first on a read snapshot and again inside the write
     * transaction: the user may upload to the project, the file is not already there under its
     * name or content (the identical file is {@link UploadService.Outcome#ALREADY_PRESENT}), its name was never
     * used before, and a release gets one sdist at most. Answers null when the upload may go on.
     */
    static UploadService.Outcome existing(Transaction tx, Upload upload) {
        Optional<Project> project = tx.projects().find(upload.form().name().normalized());
        permitted(tx, upload, project);
        Optional<DistFile> same = tx.files().findByFilename(upload.filename())
                .or(() -> tx.files().findByBlake2(upload.file().digests().blake2b256()));
        if (same.isPresent()) {
            DistFile found = same.get();
            if (found.filename().equals(upload.filename())
                    && found.digests().sha256().equals(upload.file().digests().sha256())
                    && found.digests().blake2b256().equals(upload.file().digests().blake2b256())) {
                return UploadService.Outcome.ALREADY_PRESENT;
            }
            throw new Refusal(UploadProblem.badRequest(UploadProblem.Reason.DUPLICATE,
                    Messages.fileExists(upload.filename(), upload.file().digests().blake2b256())));
        }
        if (tx.files().everUsed(upload.filename())) {
            throw new Refusal(UploadProblem.badRequest(UploadProblem.Reason.DUPLICATE, Messages.FILENAME_REUSED));
        }
        if (project.isPresent() && upload.form().filetype() == PackageType.sdist) {
            Optional<Release> release = tx.releases().find(project.get().id(), upload.metadata().version().canonical());
            if (release.isPresent() && tx.files().forRelease(release.get().id()).stream()
                    .anyMatch(f -> f.packageType() == PackageType.sdist)) {
                throw new Refusal(UploadProblem.badRequest(UploadProblem.Reason.DUPLICATE, Messages.ONE_SDIST));
            }
        }
        return null;
    }

    /**
     * The permission step: a scoped token only ever touches the projects it names, and never
     * creates one (whatever its scope, as on pypi.org); then the user needs a role on an existing
     * project, unless a server administrator, who may do anything (the upload is journaled under
     * the administrator, and gives no role).
     */
    private static void permitted(Transaction tx, Upload upload, Optional<Project> project) {
        Principal principal = upload.principal();
        String normalized = upload.form().name().normalized();
        if (principal.scoped() && project.isEmpty()) {
            throw new Refusal(UploadProblem.forbidden(Messages.scopedCannotCreate(principal.scope(),
                    upload.form().name().display())));
        }
        if (!principal.mayTouch(normalized)) {
            throw new Refusal(UploadProblem.forbidden(Messages.outOfScope(principal.scope(),
                    project.get().displayName())));
        }
        if (project.isPresent() && !upload.user().admin()
                && tx.roles().find(project.get().id(), upload.user().id()).isEmpty()) {
            throw new Refusal(UploadProblem.forbidden(
                    Messages.notAllowedToUpload(upload.user().username(), project.get().displayName())));
        }
    }
}
