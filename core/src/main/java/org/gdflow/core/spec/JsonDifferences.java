package org.gdflow.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where two JSON trees differ, by dotted path: how gdflow names what changed between two specs. */
public final class JsonDifferences {
    private JsonDifferences() {
    }

    /** The paths (objects descended into, anything else compared whole) where {@code a} and {@code b} differ. */
    public static List<String> paths(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        diff("", a, b, out);
        return out;
    }

    /**
     * The differences with both values: {@code model.width: 64 here, 128 there} ({@code missing} for
     * a value one side lacks; {@code here} and {@code there} name the sides).
     */
    public static List<String> described(JsonNode a, JsonNode b, String here, String there) {
        List<String> paths = new ArrayList<>();
        diff("", a, b, paths);
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            out.add((path.isEmpty() ? "the whole spec" : path) + ": " + value(at(a, path)) + " " + here + ", "
                    + value(at(b, path)) + " " + there);
        }
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(path.isEmpty() ? key : path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (a == null || !same(a, b)) {
            out.add(path);
        }
    }

    /** Equal trees, numbers compared by value (7 written from a long and read back as an int is still 7). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b != null && b.isNumber()) {
            return a.isIntegralNumber() && b.isIntegralNumber() ? a.bigIntegerValue().equals(b.bigIntegerValue())
                    : a.doubleValue() == b.doubleValue();
        }
        if (a.isArray() && b != null && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!paths(a.get(i), b.get(i)).isEmpty()) {
                    return false;
                }
            }
            return true;
        }
        // objects never come here: diff descends into them
        return a.equals(b);
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String key : path.split("\\.")) {
            node = node == null ? null : node.get(key);
        }
        return node;
    }

    private static String value(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
