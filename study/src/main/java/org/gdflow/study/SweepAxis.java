package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a sweep's cartesian product: a single swept path, or a zip group of paths whose lists
 * are varied together.
 *
 * @param paths the swept paths of this axis
 * @param lists one list of values per path, all of the same length
 */
record SweepAxis(List<String> paths, List<List<JsonNode>> lists) {
    /** Copies the lists. */
    public SweepAxis {
        paths = List.copyOf(paths);
        List<List<JsonNode>> copy = new ArrayList<>();
        for (List<JsonNode> list : lists) {
            copy.add(List.copyOf(list));
        }
        lists = List.copyOf(copy);
    }

    /** How many points the axis has. */
    public int size() {
        return lists.get(0).size();
    }

    /** The values of point {@code k}: the k-th value of every path's list. */
    public List<SweptValue> point(int k) {
        List<SweptValue> out = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            out.add(SweptValue.of(paths.get(p), lists.get(p).get(k)));
        }
        return out;
    }
}
