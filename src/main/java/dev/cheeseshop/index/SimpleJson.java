package dev.cheeseshop.index;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * PEP 691 JSON pages (repository version 1.4) in pypi.org's byte form: keys sorted, compact
 * separators, non-ASCII written as UTF-8, control characters as lower-case {@code \\u} escapes,
 * and a trailing newline, as Python's {@code json.dumps(sort_keys=True, separators=(",", ":"),
 * ensure_ascii=False)} plus Warehouse's {@code json-with-newline} renderer write them. Keys are
 * written in sorted order by hand; the generator only streams.
 */
public final class SimpleJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private SimpleJson() {}

    /** A project page: {@code files}, {@code meta}, {@code name}, {@code project-status}, {@code versions}. */
    public static byte[] project(ProjectPage page) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 600 * page.files().size());
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart("files");
            for (FileLink file : page.files()) {
                file(out, file);
            }
            out.writeEndArray();
            meta(out, page.lastSerial());
            out.writeStringField("name", page.normalizedName());
            out.writeObjectFieldStart("project-status");
            out.writeStringField("status", "active");
            out.writeEndObject();
            out.writeArrayFieldStart("versions");
            for (String version : page.versions()) {
                out.writeString(version);
            }
            out.writeEndArray();
            out.writeEndObject();
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void file(JsonGenerator out, FileLink file) throws IOException {
        out.writeStartObject();
        metadata(out, "core-metadata", file);
        metadata(out, "data-dist-info-metadata", file);
        out.writeStringField("filename", file.filename());
        out.writeObjectFieldStart("hashes");
        out.writeStringField("sha256", file.sha256());
        out.writeEndObject();
        out.writeNullField("provenance");
        if (file.requiresPython().isPresent()) {
            out.writeStringField("requires-python", file.requiresPython().get());
        } else {
            out.writeNullField("requires-python");
        }
        if (file.size().isPresent()) {
            out.writeNumberField("size", file.size().getAsLong());
        }
        if (file.uploadTime().isPresent()) {
            out.writeStringField("upload-time", uploadTime(file.uploadTime().get()));
        }
        out.writeStringField("url", SimpleHtml.fileUrl(file));
        if (file.yanked().isEmpty()) {
            out.writeBooleanField("yanked", false);
        } else if (file.yanked().get().isEmpty()) {
            out.writeBooleanField("yanked", true);
        } else {
            out.writeStringField("yanked", file.yanked().get());
        }
        out.writeEndObject();
    }

    private static void metadata(JsonGenerator out, String key, FileLink file) throws IOException {
        if (file.metadataSha256().isEmpty()) {
            out.writeBooleanField(key, false);
            return;
        }
        out.writeObjectFieldStart(key);
        out.writeStringField("sha256", file.metadataSha256().get());
        out.writeEndObject();
    }

    private static void meta(JsonGenerator out, Serial lastSerial) throws IOException {
        out.writeObjectFieldStart("meta");
        out.writeNumberField("_last-serial", lastSerial.value());
        out.writeStringField("api-version", SimpleHtml.API_VERSION);
        out.writeEndObject();
    }

    /** Python's {@code datetime.isoformat()} of a UTC time plus {@code Z}: microseconds only when not zero. */
    public static String uploadTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(27);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            pad(out.append('.'), micros, 6);
        }
        return out.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /**
     * The project index, streamed: {@code {"meta":{...},"projects":[{"_last-serial":n,"name":"..."},...]}}
     * and a newline. Rows go to the generator's buffer and on to {@code out} as it fills.
     */
    public static final class IndexWriter implements AutoCloseable {
        private final JsonGenerator out;

        public IndexWriter(OutputStream target, Serial lastSerial) {
            try {
                out = JSON.createGenerator(target, JsonEncoding.UTF8);
                out.writeStartObject();
                meta(out, lastSerial);
                out.writeArrayFieldStart("projects");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void project(ProjectListing project) {
            try {
                out.writeStartObject();
                out.writeNumberField("_last-serial", project.lastSerial().value());
                out.writeStringField("name", project.displayName());
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the document and flushes it to the target, which stays open. */
        @Override
        public void close() {
            try {
                out.writeEndArray();
                out.writeEndObject();
                out.writeRaw('\n');
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
