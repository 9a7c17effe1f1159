package dev.cheeseshop.upload;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.model.User;

/** Everything the upload carries, checked. */
record Upload(Principal principal, UploadForm form, MetadataCheck.Result metadata, StagedFile file,
        String userAgent) {
    User user() {
        return principal.user();
    }

    String filename() {
        return file.filename();
    }
}
