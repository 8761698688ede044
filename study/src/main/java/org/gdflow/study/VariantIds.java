package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.core.error.GdflowException;

/**
 * Readable, stable ids of a study's variants, built from the swept values alone:
 * {@code scaling=ntk_width=1024_seed=2}. A path is named by its last segment unless another swept
 * path ends in the same segment, then by the whole path. Values keep only {@code [A-Za-z0-9._-]};
 * an object is named by its {@code "name"} field, any other object or list by a short hash.
 */
final class VariantIds {
    private VariantIds() {
    }

    /**
     * One id per combination, in order; {@code fallback} is the id of the single run of a study
     * without a sweep. Refuses two equal ids.
     */
    static List<String> of(List<List<SweptValue>> combos, String fallback) {
        List<String> ids = new ArrayList<>();
        Map<String, Integer> first = new HashMap<>();
        for (List<SweptValue> combo : combos) {
            String id = combo.isEmpty() ? fallback : id(combo);
            Integer earlier = first.putIfAbsent(id, ids.size());
            if (earlier != null) {
                throw new GdflowException("sweep: variants " + (earlier + 1) + " and " + (ids.size() + 1)
                        + " both have the id '" + id + "'; give swept objects distinct \"name\" fields, or sweep"
                        + " the parameter that differs by its own path (e.g. integrator.dt)");
            }
            ids.add(id);
        }
        return ids;
    }

    private static String id(List<SweptValue> combo) {
        List<String> parts = new ArrayList<>();
        for (SweptValue v : combo) {
            parts.add(name(v.path(), combo) + "=" + value(v.value()));
        }
        return String.join("_", parts);
    }

    /** The last segment of {@code path}, or the whole path if another swept path shares that segment. */
    private static String name(String path, List<SweptValue> combo) {
        String last = last(path);
        for (SweptValue other : combo) {
            if (!other.path().equals(path) && last(other.path()).equals(last)) {
                return path;
            }
        }
        return last;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static String value(JsonNode value) {
        if (value.isObject() && value.path("name").isTextual()) {
            return sanitise(value.get("name").textValue());
        }
        if (value.isContainerNode()) {
            return hash(value.toString());
        }
        return sanitise(value.asText());
    }

    /** Every character outside {@code [A-Za-z0-9._-]} becomes '-'. */
    static String sanitise(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The first 8 hex digits of the SHA-256 of the value's compact JSON. */
    static String hash(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%02x", digest[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
