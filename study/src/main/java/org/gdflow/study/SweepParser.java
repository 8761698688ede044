package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.SpecLocations;

/**
 * Reads a spec's {@code "sweep"} block into the axes of its cartesian product, in the order written:
 * each {@code "path": [values]} is one axis, and the {@code "zip": {"path": [values], ...}} group is
 * one axis whose lists are varied together. Errors name the JSON path and line.
 */
final class SweepParser {
    /** A spec path: keys joined by dots. */
    private static final String PATH = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";

    private final SpecLocations locations;
    private final Set<String> seen = new HashSet<>();

    private SweepParser(SpecLocations locations) {
        this.locations = locations;
    }

    /** The axes of {@code sweep} (the value of the top-level key), in the order written. */
    static List<SweepAxis> parse(JsonNode sweep, SpecLocations locations) {
        return new SweepParser(locations).axes(sweep);
    }

    private List<SweepAxis> axes(JsonNode sweep) {
        if (!sweep.isObject() || sweep.isEmpty()) {
            throw error("sweep", "expected an object of \"path\": [values], for example {\"model.width\": [256, 1024]}");
        }
        List<SweepAxis> axes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sweep.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("zip")) {
                axes.add(zip(e.getValue()));
            } else {
                axes.add(new SweepAxis(List.of(e.getKey()), List.of(list("sweep", e.getKey(), e.getValue()))));
            }
        }
        return axes;
    }

    private SweepAxis zip(JsonNode zip) {
        if (!zip.isObject() || zip.isEmpty()) {
            throw error("sweep.zip", "expected an object of \"path\": [values] varied together");
        }
        List<String> paths = new ArrayList<>();
        List<List<JsonNode>> lists = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = zip.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<JsonNode> list = list("sweep.zip", e.getKey(), e.getValue());
            if (!lists.isEmpty() && list.size() != lists.get(0).size()) {
                throw error("sweep.zip", "lists of unequal length: " + paths.get(0) + " has " + lists.get(0).size()
                        + " values, " + e.getKey() + " has " + list.size());
            }
            paths.add(e.getKey());
            lists.add(list);
        }
        return new SweepAxis(paths, lists);
    }

    private List<JsonNode> list(String parent, String path, JsonNode value) {
        String where = parent + "." + path;
        if (!path.matches(PATH)) {
            throw error(where, "'" + path + "' is not a spec path; write keys joined by dots, for example model.width");
        }
        if (!seen.add(path)) {
            throw error(where, path + " is swept twice");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw error(where, "expected a non-empty list");
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    private GdflowException error(String path, String message) {
        return new GdflowException(path + ": " + message + " (" + locations.describe(path) + ")");
    }
}
