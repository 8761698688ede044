package org.gdflow.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gdflow.core.error.GdflowException;

/**
 * A read-only cursor on one value of a spec: typed accessors whose errors name the JSON path, the
 * file and line, and what to do.
 */
public final class SpecNode {
    private final JsonNode node;
    private final String path;
    private final SpecLocations locations;

    SpecNode(JsonNode node, String path, SpecLocations locations) {
        this.node = node;
        this.path = path;
        this.locations = locations;
    }

    /** A cursor on a whole document. */
    public static SpecNode root(JsonNode node, SpecLocations locations) {
        return new SpecNode(node, "", locations);
    }

    /** The path of this value ({@code ""} for the root). */
    public String path() {
        return path;
    }

    /** The raw JSON value (a missing value is a {@code MissingNode}). */
    public JsonNode json() {
        return node;
    }

    /** Whether the value is absent or JSON null. */
    public boolean isMissing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The member {@code key} of this object (possibly missing). */
    public SpecNode get(String key) {
        JsonNode value = node == null ? null : node.get(key);
        return new SpecNode(value == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : value,
                child(key), locations);
    }

    /** An error at this value: "path: message (file line N)". */
    public GdflowException error(String message) {
        String where = path.isEmpty() ? "" : path + ": ";
        return new GdflowException(where + message + " (" + locations.describe(path) + ")");
    }

    /** Fails if this object has keys other than {@code known}. */
    public SpecNode onlyKeys(String... known) {
        if (!node.isObject()) {
            return this;
        }
        Set<String> allowed = Set.of(known);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw get(name).error("unknown key '" + name + "'; the keys here are " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    /** This value as an object; fails if it is missing or not an object. */
    public SpecNode requireObject() {
        if (isMissing()) {
            throw error("missing; add an object here");
        }
        if (!node.isObject()) {
            throw error("expected an object {...}, got " + describe(node));
        }
        return this;
    }

    /** A required string. */
    public String string() {
        if (isMissing()) {
            throw error("missing; add a string value");
        }
        if (!node.isTextual()) {
            throw error("expected a string, got " + describe(node));
        }
        return node.textValue();
    }

    /** A string or {@code fallback} when missing. */
    public String string(String fallback) {
        return isMissing() ? fallback : string();
    }

    /** A required string from a fixed set of choices. */
    public String choice(String fallback, String... choices) {
        String value = isMissing() && fallback != null ? fallback : string();
        for (String c : choices) {
            if (c.equals(value)) {
                return value;
            }
        }
        throw error("'" + value + "' is not one of " + String.join(", ", choices));
    }

    /** A required finite number. */
    public double number() {
        if (isMissing()) {
            throw error("missing; add a number");
        }
        if (!node.isNumber()) {
            throw error("expected a number, got " + describe(node));
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw error("expected a finite number, got " + node.asText());
        }
        return v;
    }

    /** A finite number or {@code fallback} when missing. */
    public double number(double fallback) {
        return isMissing() ? fallback : number();
    }

    /** A number that must be {@code > 0}. */
    public double positive(double fallback) {
        double v = number(fallback);
        if (!(v > 0)) {
            throw error("must be positive, got " + v);
        }
        return v;
    }

    /** A required integer. */
    public long integer() {
        if (isMissing()) {
            throw error("missing; add an integer");
        }
        if (!node.isIntegralNumber() && !(node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue()))) {
            throw error("expected an integer, got " + describe(node));
        }
        return node.longValue();
    }

    /** An integer or {@code fallback} when missing. */
    public long integer(long fallback) {
        return isMissing() ? fallback : integer();
    }

    /** An integer {@code >= 1} that fits an int. */
    public int positiveInt() {
        long v = integer();
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw error("must be a positive integer, got " + v);
        }
        return (int) v;
    }

    /** A positive int, or {@code fallback} when missing. */
    public int positiveInt(int fallback) {
        return isMissing() ? fallback : positiveInt();
    }

    /** A boolean or {@code fallback} when missing. */
    public boolean bool(boolean fallback) {
        if (isMissing()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error("expected true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    /** A list of strings (a single string is a list of one); {@code fallback} when missing. */
    public List<String> strings(List<String> fallback) {
        if (isMissing()) {
            return fallback;
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw error("expected a list of strings, got " + describe(node));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            SpecNode item = new SpecNode(node.get(i), path + "[" + i + "]", locations);
            out.add(item.string());
        }
        return List.copyOf(out);
    }

    /** Where this value is, for messages: "file line N". */
    public String location() {
        return locations.describe(path);
    }

    /** A copy of this object node, or an empty object when missing. */
    public ObjectNode objectCopy() {
        return node != null && node.isObject() ? ((ObjectNode) node).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        String text = value.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return switch (type) {
            case STRING -> "the string " + text;
            case NUMBER -> "the number " + text;
            case BOOLEAN -> text;
            case ARRAY -> "a list " + text;
            case OBJECT -> "an object " + text;
            default -> text;
        };
    }
}
