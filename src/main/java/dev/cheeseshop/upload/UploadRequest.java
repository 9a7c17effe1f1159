package dev.cheeseshop.upload;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An upload as the form sent it: every field's values in the order received (fields may repeat),
 * and the staged file part when there was one.
 */
public record UploadRequest(Map<String, List<String>> fields, StagedFile content, String userAgent) {

    public Optional<String> first(String field) {
        List<String> values = fields.get(field);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String field) {
        return fields.getOrDefault(field, List.of());
    }

    public Optional<StagedFile> file() {
        return Optional.ofNullable(content);
    }
}
