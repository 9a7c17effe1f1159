package dev.cheeseshop.index;

import dev.cheeseshop.model.Serial;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A rendered document: its bytes, the project serial it was rendered at, and its strong ETag,
 * made as pypi.org makes it (the quoted, unpadded base64 MD5 of the body), so the ETag changes
 * exactly when the bytes do.
 */
public record Rendered(byte[] body, Serial serial, String etag) {
    public static Rendered of(byte[] body, Serial serial) {
        return new Rendered(body, serial, etagOf(body));
    }

    public static String etagOf(byte[] body) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(body);
            return '"' + Base64.getEncoder().withoutPadding().encodeToString(md5) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }
}
