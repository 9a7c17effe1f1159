package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.TarFlaw;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Field decoding for tar headers, as Python's tarfile decodes them. */
final class TarHeaders {
    private TarHeaders() {
    }

    /**
     * Python's {@code nti}: base-256 when the first byte is 0x80, else octal text up to the first
     * NUL, surrounding whitespace ignored, empty meaning 0. Negative base-256 (0xFF) is refused:
     * no field read here may be negative.
     */
    static long parseNumber(byte[] b, int offset, int length) {
        int first = b[offset] & 0xff;
        if (first == 0xff) {
            throw new NumberFormatException("negative");
        }
        if (first == 0x80) {
            long n = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                if (n > (Long.MAX_VALUE >> 8)) {
                    throw new NumberFormatException("too large");
                }
                n = (n << 8) | (b[i] & 0xff);
            }
            return n;
        }
        String text = nts(b, offset, length).strip();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    /** Python's {@code nts}: the bytes up to the first NUL, decoded (UTF-8, lenient). */
    static String nts(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    /**
     * Parses pax records ({@code "<length> <key>=<value>\n"}) into {@code into}, keeping only
     * the keys that change how members are named or sized, and the sparse markers.
     */
    static void parsePax(byte[] content, Map<String, String> into) throws DistProblem {
        int pos = 0;
        while (pos < content.length && content[pos] != 0) {
            int space = pos;
            long length = 0;
            while (space < content.length && content[space] >= '0' && content[space] <= '9'
                    && length < Integer.MAX_VALUE) {
                length = length * 10 + (content[space++] - '0');
            }
            if (space == pos || space >= content.length || content[space] != ' '
                    || length <= space - pos + 1 || length > content.length - pos) {
                throw DistProblem.tar(TarFlaw.MALFORMED_HEADER);
            }
            int end = pos + (int) length;
            if (content[end - 1] != '\n') {
                throw DistProblem.tar(TarFlaw.MALFORMED_HEADER);
            }
            int equals = space + 1;
            while (equals < end - 1 && content[equals] != '=') {
                equals++;
            }
            if (equals >= end - 1 || equals == space + 1) {
                throw DistProblem.tar(TarFlaw.MALFORMED_HEADER);
            }
            String key = new String(content, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            String value = new String(content, equals + 1, end - 1 - equals - 1, StandardCharsets.UTF_8);
            if (key.equals("path") || key.equals("linkpath") || key.equals("size")
                    || key.startsWith("GNU.sparse.")) {
                into.put(key, value);
            }
            pos = end;
        }
    }
}
