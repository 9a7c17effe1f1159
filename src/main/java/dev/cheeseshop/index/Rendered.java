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
        MessageDigest md5 = md5();
        return etagOfDigest(md5.digest(body));
    }

    /** Never used itself: cloned, which skips the provider look-up of {@code getInstance} per page. */
    private static final MessageDigest MD5 = newMd5();

    /** A fresh MD5, for a body digested as it streams. */
    static MessageDigest md5() {
        try {
            return (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            return newMd5();
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    /** The ETag of a body whose MD5 is {@code md5}: quoted, unpadded base64 (WebOb's {@code md5_etag}). */
    static String etagOfDigest(byte[] md5) {
        return '"' + Base64.getEncoder().withoutPadding().encodeToString(md5) + '"';
    }
}
