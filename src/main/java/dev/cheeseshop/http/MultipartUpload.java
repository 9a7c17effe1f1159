package dev.cheeseshop.http;

import dev.cheeseshop.upload.StagedFile;
import dev.cheeseshop.upload.Staging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Reads an upload's {@code multipart/form-data} body with Jetty's streaming multipart parser:
 * ordinary fields are kept in memory (within limits), the {@code content} file part goes straight
 * to a staged file with its digests computed on the way. An oversized file is cut off as soon as
 * it passes the limit; the rest of the body is read and dropped (up to a bound) so the client
 * still receives the answer.
 *
 * <p>Every byte of every part counts. The first {@code content} file counts toward the file
 * limit; everything else (each part's headers, the fields kept, other file parts and a second
 * {@code content} part, which are dropped) toward {@link #MAX_FIELD_BYTES}. So the parts of one
 * body carry at most the file limit plus that bound, and passing either is refused.
 */
final class MultipartUpload implements AutoCloseable {
    static final int MAX_PARTS = 1_000;
    /** The bound on all the bytes of a body's parts but the distribution file's. */
    static final int MAX_FIELD_BYTES = 16 * 1024 * 1024;
    /** One part's headers, at most (Jetty would otherwise gather them in memory without a bound). */
    static final int MAX_PART_HEADER_BYTES = 8 * 1024;
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;
    private static final int READ_SIZE = 64 * 1024;

    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final List<String> fileFields = new ArrayList<>();
    private final Staging staging;
    private final long maxFileBytes;
    private StagedFile file;
    private Staging.Writer writer;
    private boolean fileTooLarge;
    private boolean fieldsTooLarge;
    private long fieldBytes;
    private Throwable failure;

    private MultipartUpload(Staging staging, long maxFileBytes) {
        this.staging = staging;
        this.maxFileBytes = maxFileBytes;
    }

    /** What a multipart body held. */
    record Parsed(Map<String, List<String>> fields, StagedFile file, List<String> fileFields, boolean fileTooLarge,
            boolean fieldsTooLarge, boolean malformed) {}

    /** Parses the body; a body that is not multipart yields no fields. */
    static Parsed read(Exchange exchange, Staging staging, long maxFileBytes) throws IOException {
        String contentType = exchange.header("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return new Parsed(Map.of(), null, List.of(), false, false, false);
        }
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            return new Parsed(Map.of(), null, List.of(), false, false, true);
        }
        try (MultipartUpload upload = new MultipartUpload(staging, maxFileBytes)) {
            return upload.parse(exchange.body(), boundary);
        }
    }

    private Parsed parse(InputStream in, String boundary) throws IOException {
        MultiPart.Parser parser = new MultiPart.Parser(boundary, new Listener());
        parser.setMaxParts(MAX_PARTS);
        parser.setPartHeadersMaxLength(MAX_PART_HEADER_BYTES);
        long drained = 0;
        while (true) {
            byte[] buffer = new byte[READ_SIZE];
            int n = in.read(buffer);
            if (n < 0) {
                feed(parser, Content.Chunk.EOF);
                break;
            }
            feed(parser, Content.Chunk.from(ByteBuffer.wrap(buffer, 0, n), false));
            if (failure != null) {
                break;
            }
            if (fileTooLarge || fieldsTooLarge) {
                drained += n;
                if (drained > DRAIN_LIMIT) {
                    break;
                }
            }
        }
        if (failure instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        // A file part begun but never finished means the body ended early, unless it was cut off for size.
        boolean malformed = failure != null || (file == null && writer != null && !fileTooLarge);
        return new Parsed(fields, file, fileFields, fileTooLarge, fieldsTooLarge, malformed);
    }

    private static void feed(MultiPart.Parser parser, Content.Chunk chunk) throws IOException {
        try {
            parser.parse(chunk);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    private final class Listener extends MultiPart.AbstractPartsListener {
        private ByteArrayOutputStream value;
        private String partContentType;
        private boolean isContent;

        @Override
        public void onPartHeader(String name, String headerValue) {
            super.onPartHeader(name, headerValue);
            countOther(name.length() + headerValue.length());
            if (name.equalsIgnoreCase("Content-Type") && partContentType == null) {
                // The first one counts, as in the email parser behind Python's cgi module.
                partContentType = headerValue;
            }
        }

        @Override
        public void onPartHeaders() {
            isContent = getFileName() != null && "content".equals(getName()) && writer == null && file == null;
            value = null;
            if (isContent) {
                try {
                    writer = staging.begin(maxFileBytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (getFileName() == null) {
                value = new ByteArrayOutputStream();
            }
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            ByteBuffer bytes = chunk.getByteBuffer().slice();
            if (isContent) {
                try {
                    if (!fileTooLarge && !writer.write(bytes)) {
                        fileTooLarge = true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (countOther(bytes.remaining()) && value != null) {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                value.write(copy, 0, copy.length);
            }
        }

        /** Counts bytes that are not the distribution file's; false once they pass the bound. */
        private boolean countOther(long n) {
            fieldBytes += n;
            if (fieldBytes > MAX_FIELD_BYTES) {
                fieldsTooLarge = true;
                value = null;
            }
            return !fieldsTooLarge;
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            try {
                if (isContent) {
                    if (!fileTooLarge) {
                        file = writer.finish(fileName, partContentType);
                    }
                } else if (fileName != null) {
                    fileFields.add(name);
                } else if (value != null && name != null) {
                    fields.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(value.toString(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                isContent = false;
                partContentType = null;
                value = null;
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            failure = cause;
        }
    }
}
