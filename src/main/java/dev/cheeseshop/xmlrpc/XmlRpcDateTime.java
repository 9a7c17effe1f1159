package dev.cheeseshop.xmlrpc;

import java.util.Objects;

/**
 * The content of a {@code <dateTime.iso8601>} value, kept as text: like CPython's
 * {@code xmlrpc.client.DateTime} the parser strips surrounding whitespace and does not validate
 * it. The writer emits the text as is (XML-escaped).
 *
 * @param text the date-time text, e.g. {@code 20200102T03:04:05}
 */
public record XmlRpcDateTime(String text) {
    /** Rejects null. */
    public XmlRpcDateTime {
        Objects.requireNonNull(text, "text");
    }
}
