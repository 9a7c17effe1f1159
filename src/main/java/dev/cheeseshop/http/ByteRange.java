package dev.cheeseshop.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a file a request asks for (RFC 9110 §14): one {@code bytes=} range, honoured when
 * {@code If-Range} (if sent) names the current ETag. Several ranges, or a syntax this does not
 * know, get the whole file, which RFC 9110 allows.
 */
record ByteRange(long first, long last, boolean partial, boolean unsatisfiable) {
    private static final Pattern SINGLE = Pattern.compile("^bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*$");

    long length() {
        return last - first + 1;
    }

    static ByteRange parse(Optional<String> header, Optional<String> ifRange, String etag, long size) {
        ByteRange whole = new ByteRange(0, size - 1, false, false);
        if (header.isEmpty() || (ifRange.isPresent() && !ifRange.get().strip().equals(etag))) {
            return whole;
        }
        Matcher m = SINGLE.matcher(header.get());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return new ByteRange(0, -1, false, true);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1, true, false);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size) {
                return new ByteRange(0, -1, false, true);
            }
            if (last < first) {
                return whole;
            }
            return new ByteRange(first, last, true, false);
        } catch (NumberFormatException e) {
            return whole; // absurdly long numbers: treat as no range
        }
    }
}
