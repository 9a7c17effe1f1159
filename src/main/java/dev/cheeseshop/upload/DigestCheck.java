package dev.cheeseshop.upload;

import dev.cheeseshop.model.Digests;
import java.util.Optional;

/** Every digest the client sent must match the one computed from the bytes that arrived. */
final class DigestCheck {
    private DigestCheck() {}

    static void check(UploadForm.SuppliedDigests supplied, Digests actual) throws UploadProblem {
        if (mismatch(supplied.md5(), actual.md5()) || mismatch(supplied.sha256(), actual.sha256())
                || mismatch(supplied.blake2b256(), actual.blake2b256())) {
            throw UploadProblem.badRequest(UploadProblem.Reason.DIGEST, Messages.DIGEST_MISMATCH);
        }
    }

    private static boolean mismatch(Optional<String> supplied, String actual) {
        return supplied.isPresent() && !supplied.get().equals(actual);
    }
}
