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
 */
public record PlannedRun(String id, List<SweptValue> values, String specJson, String specDir) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the list. */
    public PlannedRun {
        values = List.copyOf(values);
    }
}
