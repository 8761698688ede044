package org.gdflow.study;

import java.io.Serializable;
import java.util.List;

/**
 * One run of a study, as plain serialisable data so that any executor (a local pool, a cluster) can
 * carry it: no plugin instances, only JSON text and paths.
 *
 * @param id the variant's id, also the name of its folder in the study folder
 * @param values the swept values of this variant, in the sweep's order
 * @param specJson the variant's resolved spec (every default filled in), as JSON text
 * @param specDir the folder relative paths of the spec are resolved against
 * @param backend the backend the spec names ({@code auto} when it leaves the choice to gdflow)
 * @param memoryBytes the run's {@link org.gdflow.core.run.MemoryEstimate}, in bytes
 * @param memory the same estimate in words, by part, for messages
 */
public record PlannedRun(String id, List<SweptValue> values, String specJson, String specDir, String backend,
                         long memoryBytes, String memory) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Copies the list. */
    public PlannedRun {
        values = List.copyOf(values);
    }

    /** A run on ejml with no memory counted (for tests and hand-made plans). */
    public PlannedRun(String id, List<SweptValue> values, String specJson, String specDir) {
        this(id, values, specJson, specDir, "ejml", 0, "0 B");
    }
}
