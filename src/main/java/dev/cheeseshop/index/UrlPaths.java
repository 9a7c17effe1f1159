package dev.cheeseshop.index;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of URL paths: unreserved characters, sub-delimiters, ':' '@' and '/' stay as they are. */
public final class UrlPaths {
    private static final String KEEP = "-._~!$&'()*+,;=:@/";

    private UrlPaths() {}

    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || KEEP.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
