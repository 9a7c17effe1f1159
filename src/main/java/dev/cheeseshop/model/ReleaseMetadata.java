package dev.cheeseshop.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core metadata of a release as the upload form sent it, keyed the way PyPI's upload form
 * keys it ({@code summary}, {@code requires_python}, {@code classifiers}, ...). Every field holds
 * a list; single-valued fields hold one element. Release metadata never changes after the first
 * upload of the release.
 */
public record ReleaseMetadata(Map<String, List<String>> fields) {
    public static final ReleaseMetadata EMPTY = new ReleaseMetadata(Map.of());

    public ReleaseMetadata {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        fields = Collections.unmodifiableMap(copy);
    }

    public Optional<String> first(String key) {
        List<String> values = fields.get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String key) {
        return fields.getOrDefault(key, List.of());
    }
}
