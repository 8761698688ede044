package org.gdflow.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The value one variant gives to one swept path.
 *
 * @param path the spec path, e.g. {@code model.width}
 * @param json the value as compact JSON text, e.g. {@code 1024} or {@code "ntk"}
 */
public record SweptValue(String path, String json) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The value at {@code path} as a tree. */
    public static SweptValue of(String path, JsonNode value) {
        return new SweptValue(path, value.toString());
    }

    /** The value as a JSON tree. */
    public JsonNode value() {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as an index cell: a string without its quotes, anything else as JSON. */
    public String cell() {
        JsonNode value = value();
        return value.isTextual() ? value.textValue() : json;
    }
}
