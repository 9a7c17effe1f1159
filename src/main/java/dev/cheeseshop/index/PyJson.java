package dev.cheeseshop.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;

/**
 * JSON written byte for byte as Warehouse's {@code json-with-newline} renderer writes it (Python's
 * {@code json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)}): compact, non-ASCII
 * as raw UTF-8 (characters outside the BMP as one 4-byte sequence, not escaped surrogates),
 * {@code \b \t \n \f \r \" \\} as short escapes and every other control character as a
 * lower-case six-character {@code u00xx} escape. Keys must be written in {@link #KEY_ORDER}.
 */
final class PyJson {
    /** Python's {@code sorted()} on strings: by code point, not by UTF-16 unit. */
    static final Comparator<String> KEY_ORDER = PyJson::compareCodePoints;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new PythonEscapes())
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private PyJson() {}

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static final class PythonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] codes = standardAsciiEscapesForJSON();

        PythonEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
                    codes[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
