package dev.cheeseshop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cheeseshop.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One authenticated call of the JSON API, as its handler sees it: who calls, the path's
 * parameters, and the body (a JSON object, empty when there was none), with typed accessors that
 * refuse a wrongly typed field with a 400 naming it, and the query's parameters (the first of each name).
 */
public record ApiRequest(Principal principal, Map<String, String> params, ObjectNode body, Map<String, String> query,
        String address) {
    static ApiRequest of(Principal principal, Map<String, String> params, ObjectNode body) {
        return of(principal, params, body, Map.of(), "");
    }

    /** @param address the client's IP address, as the failed-login limit counts it */
    static ApiRequest of(Principal principal, Map<String, String> params, ObjectNode body, Map<String, String> query,
            String address) {
        return new ApiRequest(principal, Map.copyOf(params), body == null ? JsonNodeFactory.instance.objectNode() : body,
                Map.copyOf(query), address);
    }

    /**
     * A query parameter that must be a whole number from {@code min} to {@code max}, or
     * {@code otherwise} when absent; 400 naming it when it is anything else.
     */
    public long queryNumber(String name, long min, long max, long otherwise) throws ApiError {
        String value = query.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!value.matches("[0-9]{1,18}") || Long.parseLong(value) < min || Long.parseLong(value) > max) {
            throw ApiError.badRequest(name + ": a whole number from " + min + " to " + max);
        }
        return Long.parseLong(value);
    }

    /** A query parameter (its first value), or empty. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A path parameter that must be a positive whole number; 404 otherwise, as for an unknown one. */
    public long idParam(String name) throws ApiError {
        String value = params.get(name);
        if (value == null || !value.matches("[0-9]{1,18}")) {
            throw ApiError.notFound("no such " + name + ": '" + value + "'");
        }
        return Long.parseLong(value);
    }

    /** A string field, absent or null: empty. */
    public Optional<String> string(String field) throws ApiError {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest(field + ": must be a string");
        }
        return Optional.of(node.textValue());
    }

    /** A list of strings, absent or null: empty. */
    public List<String> strings(String field) throws ApiError {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.badRequest(field + ": must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiError.badRequest(field + ": must be a list of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** The raw field, or empty. */
    public Optional<JsonNode> field(String field) {
        return Optional.ofNullable(body.get(field)).filter(node -> !node.isNull());
    }
}
