package dev.cheeseshop.proxy.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import dev.cheeseshop.model.TimeSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a policy file, TOML:
 *
 * <pre>
 * allow = ["requests", "urllib3&gt;=2", "numpy"]   # optional: when present, only these come from the upstream
 * deny = ["evilpkg", "requests&lt;2.20"]           # always wins over allow
 * min-age = "3d"                                # optional; overrides serve --upstream-min-age
 * </pre>
 *
 * Entries are {@link PolicyEntry}s; {@code min-age} a {@link TimeSpan}. Anything else (another key,
 * a table, a value of the wrong type, a bad entry or duration) is a {@link PolicyException} naming
 * the file, the line when the parser gives it or the entry's text is found on exactly one line, and
 * the entry.
 */
public final class PolicyFile {
    /** No policy is this big; a bigger file is refused before it is read. */
    static final long MAX_BYTES = 8L << 20;
    private static final Set<String> KEYS = Set.of("allow", "deny", "min-age");
    private static final int MAX_QUOTED = 80;
    private static final TomlMapper TOML = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private PolicyFile() {}

    /** Reads and parses the file at {@code path}. */
    public static Policy load(Path path) throws PolicyException {
        return parse(path.toString(), read(path));
    }

    /** The file's bytes, refused beyond {@link #MAX_BYTES}. */
    static byte[] read(Path path) throws PolicyException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new PolicyException(path + ": larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new PolicyException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new PolicyException(path + ": permission denied");
        } catch (IOException e) {
            throw new PolicyException(path + ": cannot read it: " + oneLine(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Parses a policy file's bytes.
     *
     * @param source what to call the file in messages (its path)
     */
    public static Policy parse(String source, byte[] bytes) throws PolicyException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyException(source + ": not UTF-8 text");
        }
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new PolicyException(source + where + ": not valid TOML: " + oneLine(e.getOriginalMessage()));
        }
        Lines lines = new Lines(source, text);
        if (root == null || !root.isObject()) {
            return Policy.EMPTY;
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw lines.atKey(key, "unknown key " + quote(key) + " (a policy has allow, deny and min-age)");
            }
        }
        Optional<List<PolicyEntry>> allow = root.has("allow")
                ? Optional.of(entries(root.get("allow"), "allow", lines)) : Optional.empty();
        List<PolicyEntry> deny = root.has("deny") ? entries(root.get("deny"), "deny", lines) : List.of();
        Optional<Duration> minAge = Optional.empty();
        if (root.has("min-age")) {
            JsonNode value = root.get("min-age");
            if (!value.isTextual()) {
                throw lines.atKey("min-age", "min-age must be a string such as \"3d\"");
            }
            minAge = Optional.of(TimeSpan.parse(value.asText()).orElseThrow(() -> lines.atValue(value.asText(),
                    "min-age " + quote(value.asText()) + " is not a duration such as " + TimeSpan.EXAMPLES)));
        }
        return new Policy(allow, deny, minAge, Duration.ZERO);
    }

    private static List<PolicyEntry> entries(JsonNode list, String key, Lines lines) throws PolicyException {
        if (!list.isArray()) {
            throw lines.atKey(key, key + " must be an array of strings such as [\"requests\", \"urllib3>=2\"]");
        }
        List<PolicyEntry> entries = new ArrayList<>();
        int n = 0;
        for (JsonNode item : list) {
            n++;
            if (!item.isTextual()) {
                throw lines.atKey(key, key + " entry " + n + " is not a string");
            }
            try {
                entries.add(PolicyEntry.parse(item.asText()));
            } catch (IllegalArgumentException e) {
                throw lines.atValue(item.asText(), key + " entry " + quote(item.asText()) + ": " + e.getMessage());
            }
        }
        return entries;
    }

    /** Text from the file, quoted for a one-line message: controls escaped, cut short. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > MAX_QUOTED ? "...\"" : "\"").toString();
    }

    private static String oneLine(String message) {
        return message.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** Finds where in the file a key or value is, when it can be found on exactly one line. */
    private record Lines(String source, List<String> lines) {
        Lines(String source, String text) {
            this(source, text.lines().toList());
        }

        PolicyException atKey(String key, String message) {
            return at(line -> {
                String s = line.strip();
                return s.startsWith(key + " ") || s.startsWith(key + "=") || s.startsWith("\"" + key + "\"")
                        || s.startsWith("'" + key + "'") || s.startsWith("[" + key) || s.startsWith("[[" + key);
            }, message);
        }

        PolicyException atValue(String value, String message) {
            return at(line -> line.contains("\"" + value + "\"") || line.contains("'" + value + "'"), message);
        }

        private PolicyException at(java.util.function.Predicate<String> found, String message) {
            OptionalInt line = OptionalInt.empty();
            for (int i = 0; i < lines.size(); i++) {
                if (found.test(lines.get(i))) {
                    if (line.isPresent()) {
                        line = OptionalInt.empty();
                        break;
                    }
                    line = OptionalInt.of(i + 1);
                }
            }
            return new PolicyException(source + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + message);
        }
    }
}
