package dev.cheeseshop.dist;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of a core metadata file ({@code METADATA}, {@code PKG-INFO}; the same reader also
 * suits a wheel's {@code WHEEL} file), read the way Python's {@code email.parser} reads them
 * under the {@code compat32} policy, which is what packaging and pip use:
 *
 * <ul>
 *   <li>lines end at {@code \r\n}, {@code \r} or {@code \n};
 *   <li>a header line is {@code Name:value}, the name being printable ASCII without space or
 *       colon; the value loses leading spaces and tabs;
 *   <li>lines starting with a space or tab continue the previous value, which keeps the line
 *       breaks and the indentation; trailing CR/LF of the whole value is dropped;
 *   <li>the headers end at the first blank line, or at the first line that is not a header line
 *       (that line then starts the body); a {@code From } envelope line is skipped;
 *   <li>the body (payload) is everything after that, verbatim.
 * </ul>
 *
 * <p>Names are case-insensitive and any name may repeat ({@code Classifier},
 * {@code Requires-Dist}, {@code Project-URL}, {@code License-File}, {@code Platform},
 * {@code Dynamic}...): {@link #getAll} returns every value in file order, {@link #get} the
 * first. Values are returned raw; no field is validated here. MIME headers
 * ({@code Content-Type}, {@code Content-Transfer-Encoding}) are not interpreted.
 *
 * <p>Bytes are decoded as UTF-8; invalid sequences become U+FFFD rather than failing
 * ({@link #hadInvalidUtf8()} tells).
 */
public final class CoreMetadata {
    /** Default cap on the size of a metadata file: far above any real one (the biggest are long READMEs). */
    public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

    private static final Pattern HEADER_LINE = Pattern.compile("^(From |[\\x21-\\x39\\x3b-\\x7e]*:|[\\t ])");

    /**
     * One header as it appeared.
     *
     * @param name the field name as spelled in the file
     * @param value the raw value (continuation lines included)
     */
    public record Field(String name, String value) {
    }

    private final List<Field> fields;
    private final String body;
    private final boolean hadInvalidUtf8;

    private CoreMetadata(List<Field> fields, String body, boolean hadInvalidUtf8) {
        this.fields = List.copyOf(fields);
        this.body = body;
        this.hadInvalidUtf8 = hadInvalidUtf8;
    }

    /** Parses with the {@linkplain #DEFAULT_MAX_BYTES default cap}. */
    public static CoreMetadata parse(byte[] bytes) throws DistProblem {
        return parse(bytes, DEFAULT_MAX_BYTES);
    }

    /**
     * Parses {@code bytes}.
     *
     * @throws DistProblem {@link DistProblem.Kind#METADATA_TOO_LARGE} above {@code maxBytes}
     */
    public static CoreMetadata parse(byte[] bytes, long maxBytes) throws DistProblem {
        if (bytes.length > maxBytes) {
            throw DistProblem.of(DistProblem.Kind.METADATA_TOO_LARGE, maxBytes);
        }
        boolean invalid = false;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            invalid = true;
            text = new String(bytes, StandardCharsets.UTF_8); // replaces bad sequences with U+FFFD
        }
        return parseText(text, invalid);
    }

    private static CoreMetadata parseText(String text, boolean invalid) {
        List<String> lines = splitLines(text);
        // Collect the header block: lines up to a blank line or a line that is no header line.
        int end = 0;
        int bodyStart = lines.size();
        while (end < lines.size()) {
            String line = lines.get(end);
            if (!HEADER_LINE.matcher(line).find()) {
                bodyStart = isBlank(line) ? end + 1 : end;
                break;
            }
            end++;
        }
        List<Field> fields = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < end; i++) {
            String line = lines.get(i);
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (name != null) {
                    value.append(line);
                } // else: a continuation before any header; email.parser drops it too
                continue;
            }
            if (name != null) {
                fields.add(new Field(name, stripTrailingNewlines(value)));
                name = null;
            }
            if (line.startsWith("From ")) {
                if (i > 0 && i == end - 1) { // a misplaced envelope line closing the block is body
                    body.append(line);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon == 0) {
                continue; // "Missing header name": dropped
            }
            name = line.substring(0, colon);
            value.setLength(0);
            value.append(stripLeadingBlanks(line.substring(colon + 1)));
        }
        if (name != null) {
            fields.add(new Field(name, stripTrailingNewlines(value)));
        }
        for (int i = bodyStart; i < lines.size(); i++) {
            body.append(lines.get(i));
        }
        return new CoreMetadata(fields, body.toString(), invalid);
    }

    /** The first value of {@code field} (case-insensitive). */
    public Optional<String> get(String field) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(field)) {
                return Optional.of(f.value);
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code field} (case-insensitive), in file order; empty when absent. */
    public List<String> getAll(String field) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(field)) {
                values.add(f.value);
            }
        }
        return List.copyOf(values);
    }

    /** The {@code Metadata-Version} value, unchecked. */
    public Optional<String> metadataVersion() {
        return get("Metadata-Version");
    }

    /**
     * The description: the body when it is not empty (the 2.1+ way), else the first
     * {@code Description} header (the 1.x way, continuation lines kept raw). When a file has
     * both, the body wins; packaging would call that ambiguous, so a validator may want to check
     * {@link #get get("Description")} itself.
     */
    public Optional<String> description() {
        return body.isEmpty() ? get("Description") : Optional.of(body);
    }

    /** The payload after the headers, verbatim; empty when there is none. */
    public String body() {
        return body;
    }

    /** All headers in file order. */
    public List<Field> fields() {
        return fields;
    }

    /** True when the bytes were not valid UTF-8 and some characters were replaced. */
    public boolean hadInvalidUtf8() {
        return hadInvalidUtf8;
    }

    @Override
    public String toString() {
        return "CoreMetadata" + fields.stream().map(f -> f.name.toLowerCase(Locale.ROOT)).toList();
    }

    /** Splits keeping each line's ending, at {@code \r\n}, {@code \r} or {@code \n}. */
    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isBlank(String line) {
        return line.equals("\n") || line.equals("\r\n") || line.equals("\r");
    }

    private static String stripLeadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailingNewlines(CharSequence s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.subSequence(0, end).toString();
    }
}
