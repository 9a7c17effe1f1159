package dev.cheeseshop.http;

/**
 * Text from a request made safe to log: a client must not be able to forge log lines, so line
 * breaks and every other control character (C0, DEL, C1, and the Unicode line and paragraph
 * separators) are written as escapes, {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX},
 * and the backslash itself is doubled, so an escape in the log always means an escaped character.
 */
final class LogSafe {
    private LogSafe() {}

    static String text(String raw) {
        if (raw == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? raw : out.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c)
                    : null;
        };
    }
}
