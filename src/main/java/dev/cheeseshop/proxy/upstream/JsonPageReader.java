package dev.cheeseshop.proxy.upstream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.UpstreamFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a PEP 691 JSON project page as it streams: the top level with Jackson's streaming parser,
 * each entry of {@code files} as a small tree. Read as pip reads it: {@code hashes.sha256},
 * {@code requires-python}, {@code yanked} (a string is the reason; {@code true} yanked without one;
 * {@code false}, {@code null} and the empty string not yanked), {@code core-metadata} else its
 * legacy twin {@code data-dist-info-metadata} ({@code {"sha256": ...}} counts, {@code true} alone
 * does not), {@code size}, and PEP 700's {@code upload-time}. A file whose filename or URL cannot be
 * used is left out; a value of a field that cannot be read is taken as absent. A body that is not a
 * page at all (not an object, no {@code files} list, a {@code name} of another project, an API
 * version other than 1.x) is an {@link UnreadablePage}.
 */
final class JsonPageReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonPageReader() {}

    static PageContent read(InputStream body, URI pageUrl, String normalizedName) throws IOException {
        String displayName = normalizedName;
        OptionalLong serial = OptionalLong.empty();
        List<UpstreamFile> files = null;
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadablePage("the JSON page is not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "name" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            displayName = name(parser.getText(), normalizedName);
                        }
                    }
                    case "files" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new UnreadablePage("the JSON page's files is not a list");
                        }
                        files = new ArrayList<>();
                        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                            if (t == null) {
                                throw new UnreadablePage("the JSON page ends early");
                            }
                            JsonNode node = MAPPER.readTree(parser);
                            file(node, pageUrl).ifPresent(files::add);
                        }
                    }
                    case "meta" -> {
                        JsonNode meta = MAPPER.readTree(parser);
                        if (meta != null && meta.isObject()) {
                            JsonNode version = meta.get("api-version");
                            if (version != null && version.isTextual()) {
                                Links.checkApiVersion(version.asText());
                            }
                            serial = serial(meta.get("_last-serial"));
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new UnreadablePage("the JSON page ends early");
            }
        }
        if (files == null) {
            throw new UnreadablePage("the JSON page has no files list");
        }
        return new PageContent(displayName, serial, files);
    }

    /** The page's name, which must be the project asked for. */
    private static String name(String name, String normalizedName) throws UnreadablePage {
        if (!ProjectName.normalize(name).equals(normalizedName)) {
            throw new UnreadablePage("the JSON page is for another project");
        }
        return ProjectName.isValid(name) ? name : normalizedName;
    }

    private static OptionalLong serial(JsonNode node) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return OptionalLong.of(node.asLong());
        }
        return OptionalLong.empty();
    }

    private static Optional<UpstreamFile> file(JsonNode node, URI pageUrl) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Optional<String> filename = text(node.get("filename")).filter(Links::safeFilename);
        Optional<URI> url = text(node.get("url")).flatMap(href -> Links.resolve(pageUrl, href));
        if (filename.isEmpty() || url.isEmpty()) {
            return Optional.empty();
        }
        JsonNode hashes = node.get("hashes");
        Optional<String> sha256 = hashes != null && hashes.isObject()
                ? text(hashes.get("sha256")).flatMap(Links::sha256) : Optional.empty();
        JsonNode metadata = node.get("core-metadata");
        if (metadata == null || metadata.isNull()) {
            metadata = node.get("data-dist-info-metadata");
        }
        Optional<String> metadataSha256 = metadata != null && metadata.isObject()
                ? text(metadata.get("sha256")).flatMap(Links::sha256) : Optional.empty();
        JsonNode size = node.get("size");
        OptionalLong sizeValue = size != null && size.isIntegralNumber() && size.canConvertToLong() && size.asLong() >= 0
                ? OptionalLong.of(size.asLong()) : OptionalLong.empty();
        return Optional.of(new UpstreamFile(filename.get(), url.get(), sha256, sizeValue,
                text(node.get("upload-time")).flatMap(JsonPageReader::instant),
                text(node.get("requires-python")).filter(s -> !s.isBlank()),
                yanked(node.get("yanked")), metadataSha256));
    }

    /** PEP 592 in JSON, as pip reads it: a reason, or yanked without one, or not yanked. */
    static Optional<String> yanked(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return node.asText().isEmpty() ? Optional.empty() : Optional.of(node.asText());
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? Optional.of("") : Optional.empty();
        }
        boolean truthy = node.isNumber() ? node.asDouble() != 0 : node.size() > 0;
        return truthy ? Optional.of("") : Optional.empty();
    }

    /** PEP 700's {@code upload-time}: ISO 8601 in UTC ({@code Z}, fractional seconds optional), or an offset. */
    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
