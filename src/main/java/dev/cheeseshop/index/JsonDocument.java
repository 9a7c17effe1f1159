package dev.cheeseshop.index;


/**
 * A rendered JSON document and its strong entity tag. The tag is made as pypi.org makes it
 * (WebOb's {@code md5_etag}): the base64 MD5 of the body without {@code =} padding, quoted. MD5
 * only tells versions of a document apart here; nothing trusts it for integrity.
 */
public record JsonDocument(byte[] body, String etag) {
    public static final String CONTENT_TYPE = "application/json";

    public static JsonDocument of(byte[] body) {
        return new JsonDocument(body, Rendered.etagOf(body));
    }
}
