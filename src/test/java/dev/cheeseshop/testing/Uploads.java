package dev.cheeseshop.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An upload to {@code /legacy/} as twine sends it (metadata fields, {@code sha256_digest} and
 * {@code blake2_256_digest} of the bytes sent, the file as {@code content} with type
 * {@code application/octet-stream}, Basic credentials of alice), where each method changes one
 * thing, so a test says only what differs from a good upload.
 *
 * <pre>{@code
 * Http.Response r = Uploads.wheel(path, "demo", "1.0").field("protocol_version", "2").to(server);
 * }</pre>
 */
public final class Uploads {
    /** The body of a refusal as Pyramid renders it for {@code Accept: text/plain}. */
    public static String plainBody(int status, String message) {
        String explanation = switch (status) {
            case 400 -> "The server could not comply with the request since it is either malformed or otherwise incorrect.";
            case 403 -> "Access was denied to this resource.";
            default -> throw new IllegalArgumentException("no explanation known for " + status);
        };
        return status + " " + message + "\n\n" + explanation + "\n\n\n" + message + "\n\n";
    }

    private static final String BOUNDARY = "----cheeseshop-uploads-5b1e9a";
    private static final List<String> DIGESTS = List.of("md5_digest", "sha256_digest", "blake2_256_digest");

    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final List<String[]> extraFileParts = new ArrayList<>();
    private final List<Object[]> trailingParts = new ArrayList<>();
    private final List<String> computedDigests = new ArrayList<>(List.of("sha256_digest", "blake2_256_digest"));
    private byte[] content;
    private boolean sendContent = true;
    private String filename;
    private boolean encodedFilename;
    private String contentType = "application/octet-stream";
    private String authorization = basic(TestServer.ALICE, TestServer.ALICE_PASSWORD);
    private String accept = "text/plain";

    private Uploads(Path file, String name, String version, String filetype, String pyversion) {
        try {
            this.content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.filename = file.getFileName().toString();
        field(":action", "file_upload");
        field("protocol_version", "1");
        field("metadata_version", "2.1");
        field("name", name);
        field("version", version);
        field("filetype", filetype);
        field("pyversion", pyversion);
    }

    /** A wheel upload of {@code file} as project {@code name} version {@code version}, pyversion py3. */
    public static Uploads wheel(Path file, String name, String version) {
        return new Uploads(file, name, version, "bdist_wheel", "py3");
    }

    /** An sdist upload of {@code file}, pyversion source. */
    public static Uploads sdist(Path file, String name, String version) {
        return new Uploads(file, name, version, "sdist", "source");
    }

    /** Sets a form field to one value (a digest field set here is sent as given, not computed). */
    public Uploads field(String name, String value) {
        fields.put(name, new ArrayList<>(List.of(value)));
        computedDigests.remove(name);
        return this;
    }

    /** Adds one more value of a field (fields may repeat). */
    public Uploads add(String name, String value) {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Leaves a field out (a digest field too). */
    public Uploads without(String name) {
        fields.remove(name);
        computedDigests.remove(name);
        return this;
    }

    /** Sends exactly these digests, computed from the content ({@code md5_digest}, ...); none for none. */
    public Uploads digests(String... names) {
        DIGESTS.forEach(fields::remove);
        computedDigests.clear();
        computedDigests.addAll(List.of(names));
        return this;
    }

    /** The multipart filename of the content part. */
    public Uploads filename(String name) {
        this.filename = name;
        return this;
    }

    /**
     * The multipart filename sent as {@code filename*=UTF-8''<percent-encoded>} (RFC 5987), the
     * only way to send characters a quoted header value cannot carry, such as control characters.
     */
    public Uploads encodedFilename(String name) {
        this.filename = name;
        this.encodedFilename = true;
        return this;
    }

    /** The content part's Content-Type; null sends the part without one. */
    public Uploads contentType(String type) {
        this.contentType = type;
        return this;
    }

    /** Other bytes as the content (digests are computed from these). */
    public Uploads content(byte[] bytes) {
        this.content = bytes.clone();
        return this;
    }

    /** Sends no {@code content} part at all (the digests of the file still go). */
    public Uploads withoutContent() {
        this.sendContent = false;
        return this;
    }

    /** Adds a part with a filename under another field name, as a form that sends a field as a file. */
    public Uploads filePart(String name, String partFilename, String value) {
        extraFileParts.add(new String[] {name, partFilename, value});
        return this;
    }

    /** Adds a file part after the content part (a second {@code content}, say). */
    public Uploads partAfterContent(String name, String partFilename, byte[] value) {
        trailingParts.add(new Object[] {name, partFilename, value.clone()});
        return this;
    }

    public Uploads credentials(String user, String password) {
        this.authorization = basic(user, password);
        return this;
    }

    /** The raw Authorization header; null sends none. */
    public Uploads authorization(String header) {
        this.authorization = header;
        return this;
    }

    /** The Accept header (default {@code text/plain}, so the body is Pyramid's text form). */
    public Uploads accept(String header) {
        this.accept = header;
        return this;
    }

    /** The multipart body as it will be sent. */
    public byte[] body() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, List<String>> all = new LinkedHashMap<>(fields);
        for (String digest : computedDigests) {
            all.put(digest, List.of(digestOf(digest)));
        }
        all.forEach((name, values) -> values.forEach(value -> body.writeBytes(utf8("--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"))));
        for (String[] part : extraFileParts) {
            body.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part[0]
                    + "\"; filename=\"" + part[1] + "\"\r\nContent-Type: text/plain\r\n\r\n" + part[2] + "\r\n"));
        }
        if (sendContent) {
            String disposition = encodedFilename
                    ? "filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20")
                    : "filename=\"" + filename + "\"";
            body.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"; "
                    + disposition + "\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "\r\n"));
            body.writeBytes(content);
            body.writeBytes(utf8("\r\n"));
        }
        for (Object[] part : trailingParts) {
            body.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part[0]
                    + "\"; filename=\"" + part[1] + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            body.writeBytes((byte[]) part[2]);
            body.writeBytes(utf8("\r\n"));
        }
        body.writeBytes(utf8("--" + BOUNDARY + "--\r\n"));
        return body.toByteArray();
    }

    /** POSTs the upload to {@code server}'s {@code /legacy/}. */
    public Http.Response to(TestServer server) {
        return to(server.uri("/legacy/"));
    }

    /** POSTs the upload to {@code legacy}, a server's {@code /legacy/} URL. */
    public Http.Response to(URI legacy) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        if (accept != null) {
            headers.addAll(List.of("Accept", accept));
        }
        return Http.send("POST", legacy, body(), headers.toArray(String[]::new));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString(utf8(user + ":" + password));
    }

    private String digestOf(String field) {
        return switch (field) {
            case "md5_digest" -> Seed.digests(content).md5();
            case "sha256_digest" -> Seed.sha256(content);
            case "blake2_256_digest" -> Seed.blake2b(content);
            default -> throw new IllegalArgumentException("not a digest field: " + field);
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
