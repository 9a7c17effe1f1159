package dev.cheeseshop.upload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What PyPI does to every form value before looking at it: a value that is just {@code UNKNOWN}
 * (distutils' placeholder) is dropped, and NUL characters become the text {@code \x00}.
 */
final class Sanitizer {
    private Sanitizer() {}

    static UploadRequest clean(UploadRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.fields().forEach((key, values) -> {
            List<String> kept = new ArrayList<>(values.size());
            for (String value : values) {
                if (!value.strip().equals("UNKNOWN")) {
                    kept.add(value.replace("\0", "\\x00"));
                }
            }
            if (!kept.isEmpty()) {
                fields.put(key, kept);
            }
        });
        return new UploadRequest(fields, request.content(), request.userAgent());
    }
}
