package dev.cheeseshop.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A wheel upload to {@code /legacy/} built as twine builds it (multipart form, metadata fields,
 * digests, the file as {@code content}), for where twine is not the point of the test.
 */
public final class RawUpload {
    private static final String BOUNDARY = "----cheeseshop-raw-upload-7d2f1c";

    private RawUpload() {}

    /** POSTs {@code wheel} of {@code name} {@code version} with Basic credentials. */
    public static Http.Response wheel(String baseUrl, String user, String password, Path wheel, String name,
            String version) throws IOException {
        byte[] content = Files.readAllBytes(wheel);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(":action", "file_upload");
        fields.put("protocol_version", "1");
        fields.put("metadata_version", "2.1");
        fields.put("name", name);
        fields.put("version", version);
        fields.put("filetype", "bdist_wheel");
        fields.put("pyversion", "py3");
        fields.put("md5_digest", hex("MD5", content));
        fields.put("sha256_digest", hex("SHA-256", content));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\""
                + wheel.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Http.send("POST", URI.create(baseUrl.replaceAll("/+$", "") + "/legacy/"), body.toByteArray(),
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY, "Authorization", "Basic " + credentials);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
