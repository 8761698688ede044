package org.gdflow.study;

import java.util.ArrayList;
import java.util.List;

/** The cartesian product of sweep axes, the first axis varying slowest (like nested loops in the order written). */
final class SweepExpansion {
    private SweepExpansion() {
    }

    /** Every combination of one point per axis; no axes give one empty combination (a one-run study). */
    static List<List<SweptValue>> product(List<SweepAxis> axes) {
        List<List<SweptValue>> combos = new ArrayList<>();
        combos.add(List.of());
        for (SweepAxis axis : axes) {
            // extending every combination so far by each point of the next axis keeps earlier axes slowest
            List<List<SweptValue>> next = new ArrayList<>();
            for (List<SweptValue> combo : combos) {
                for (int k = 0; k < axis.size(); k++) {
                    List<SweptValue> extended = new ArrayList<>(combo);
                    extended.addAll(axis.point(k));
                    next.add(List.copyOf(extended));
                }
            }
            combos = next;
        }
        return combos;
    }
}
