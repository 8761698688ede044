package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.JsonDifferences;

/** Dotted paths in a JSON tree: setting a value at one, and the paths where two trees differ. */
final class JsonPaths {
    private JsonPaths() {
    }

    /**
     * Sets {@code a.b.c} in {@code root} to {@code value}, creating objects on the way; a plugin
     * given by name ({@code "activation": "tanh"}) becomes {@code {"name": "tanh"}} so that a
     * parameter can be set on it, as core's {@code --set} does.
     */
    static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (next != null && next.isTextual()) {
                ObjectNode named = node.putObject(parts[i]);
                named.set("name", next);
                next = named;
            } else if (next != null && !next.isObject()) {
                throw new GdflowException("sweep." + path + ": '" + parts[i] + "' is not an object; sweep "
                        + String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + " as a whole");
            } else if (next == null) {
                next = node.putObject(parts[i]);
            }
            node = (ObjectNode) next;
        }
        node.set(parts[parts.length - 1], value);
    }

    /** The paths (objects descended into, anything else compared whole) where {@code a} and {@code b} differ. */
    static List<String> differences(JsonNode a, JsonNode b) {
        return JsonDifferences.paths(a, b);
    }
}
