package dev.cheeseshop.index;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A rendered JSON document and its strong entity tag. The tag is made as pypi.org makes it
 * (WebOb's {@code md5_etag}): the base64 MD5 of the body without {@code =} padding, quoted. MD5
 * only tells versions of a document apart here; nothing trusts it for integrity.
 */
public record JsonDocument(byte[] body, String etag) {
    public static final String CONTENT_TYPE = "application/json";

    public static JsonDocument of(byte[] body) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(body);
            return new JsonDocument(body, '"' + Base64.getEncoder().withoutPadding().encodeToString(md5) + '"');
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }
}
