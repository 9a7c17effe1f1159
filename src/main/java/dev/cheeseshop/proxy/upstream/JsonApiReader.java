package dev.cheeseshop.proxy.upstream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.proxy.Upstream.UploadTime;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a project's JSON API document (pypi.org's {@code /pypi/<name>/json}) as it streams, for
 * the upload times of its files: {@code urls} (the latest release's files) and {@code releases}
 * (every version's), each file object read as a small tree, everything else skipped. A file counts
 * when it has a usable {@code filename}, a {@code digests.sha256} of 64 hex digits and an upload
 * time: {@code upload_time_iso_8601}, else {@code upload_time} (pypi.org's, in UTC without a zone).
 * A filename listed twice is taken as first listed. A body that is not an object is an
 * {@link UnreadablePage}; invalid JSON is Jackson's exception.
 */
final class JsonApiReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonApiReader() {}

    static Map<String, UploadTime> read(InputStream body) throws IOException {
        Map<String, UploadTime> times = new LinkedHashMap<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadablePage("the JSON API document is not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("urls") && value == JsonToken.START_ARRAY) {
                    files(parser, times);
                } else if (field.equals("releases") && value == JsonToken.START_OBJECT) {
                    while (next(parser) == JsonToken.FIELD_NAME) {
                        if (parser.nextToken() == JsonToken.START_ARRAY) {
                            files(parser, times);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new UnreadablePage("the JSON API document ends early");
            }
        }
        return times;
    }

    /** The file objects of an array whose start the parser is on, up to its end. */
    private static void files(JsonParser parser, Map<String, UploadTime> times) throws IOException {
        for (JsonToken t = next(parser); t != JsonToken.END_ARRAY; t = next(parser)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || !node.isObject()) {
                continue;
            }
            Optional<String> filename = text(node.get("filename")).filter(Links::safeFilename);
            JsonNode digests = node.get("digests");
            Optional<String> sha256 = digests != null && digests.isObject()
                    ? text(digests.get("sha256")).flatMap(Links::sha256) : Optional.empty();
            Optional<Instant> time = text(node.get("upload_time_iso_8601")).flatMap(JsonPageReader::instant)
                    .or(() -> text(node.get("upload_time")).flatMap(JsonApiReader::utc));
            if (filename.isPresent() && sha256.isPresent() && time.isPresent()) {
                times.putIfAbsent(filename.get(), new UploadTime(sha256.get(), time.get()));
            }
        }
    }

    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new UnreadablePage("the JSON API document ends early");
        }
        return token;
    }

    /** pypi.org's {@code upload_time}: ISO 8601 without a zone, in UTC; or with one. */
    private static Optional<Instant> utc(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return JsonPageReader.instant(text);
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
