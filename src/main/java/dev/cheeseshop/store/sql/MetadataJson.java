package dev.cheeseshop.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.store.StoreException;
import java.util.LinkedHashMap;
import java.util.List;

/** Release metadata is kept as one JSON object of string lists: immutable, read whole. */
final class MetadataJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, List<String>>> TYPE = new TypeReference<>() {};

    private MetadataJson() {}

    static String write(ReleaseMetadata metadata) {
        try {
            return MAPPER.writeValueAsString(metadata.fields());
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode release metadata", e);
        }
    }

    static ReleaseMetadata read(String json) {
        try {
            return new ReleaseMetadata(MAPPER.readValue(json, TYPE));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored release metadata is not valid JSON", e);
        }
    }
}
