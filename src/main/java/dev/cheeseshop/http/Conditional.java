package dev.cheeseshop.http;

import java.util.Optional;

/** {@code If-None-Match} against a strong ETag (RFC 9110 §13.1.2, weak comparison as it prescribes). */
final class Conditional {
    private Conditional() {}

    static boolean matches(Optional<String> ifNoneMatch, String etag) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        String opaque = strip(etag);
        for (String candidate : ifNoneMatch.get().split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || strip(c).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
