package dev.cheeseshop.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the character encoding of an XML document (byte-order mark, UTF-16 byte pattern, or
 * the {@code encoding} of the XML declaration, else UTF-8, per XML 1.0 appendix F) and decodes
 * it strictly: malformed bytes fail with an {@link IOException}. Decoding here rather than in
 * the JDK parser keeps the parser from printing "[Fatal Error]" lines to stderr for bad bytes.
 * Only the encodings expat itself knows are accepted: UTF-8, UTF-16, US-ASCII, ISO-8859-1.
 */
final class XmlEncoding {
    private static final Pattern DECLARED =
            Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*([\"'])"
                    + "([A-Za-z][A-Za-z0-9._-]*)\\1");
    private static final int SNIFF = 256;

    private XmlEncoding() {
    }

    /** A strict decoding reader over {@code in}; the byte-order mark, if any, is consumed. */
    static Reader reader(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, SNIFF);
        byte[] head = new byte[SNIFF];
        int n = 0;
        for (int r; n < SNIFF && (r = pushback.read(head, n, SNIFF - n)) > 0; ) {
            n += r;
        }
        Charset charset;
        int bom = 0;
        if (startsWith(head, n, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(head, n, 0xFE, 0xFF) || startsWith(head, n, 0x00, 0x3C, 0x00, 0x3F)) {
            charset = StandardCharsets.UTF_16BE;
            bom = head[0] == 0 ? 0 : 2;
        } else if (startsWith(head, n, 0xFF, 0xFE) || startsWith(head, n, 0x3C, 0x00, 0x3F, 0x00)) {
            charset = StandardCharsets.UTF_16LE;
            bom = head[0] == 0x3C ? 0 : 2;
        } else {
            charset = declared(new String(head, 0, n, StandardCharsets.ISO_8859_1));
        }
        pushback.unread(head, bom, n - bom);
        return new InputStreamReader(pushback, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static Charset declared(String head) throws CharacterCodingException {
        Matcher m = DECLARED.matcher(head);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = m.group(2).toUpperCase(Locale.ROOT);
        Charset charset = switch (name) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "UTF-16", "UTF16" -> StandardCharsets.UTF_16;
            case "US-ASCII", "ASCII" -> StandardCharsets.US_ASCII;
            case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1" -> StandardCharsets.ISO_8859_1;
            default -> null;
        };
        if (charset == null) {
            throw new CharacterCodingException();
        }
        return charset;
    }

    private static boolean startsWith(byte[] head, int n, int... prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
