package org.gdflow.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a study's {@code index.csv}: cell text by column name, in column order; an absent
 * value is the empty string.
 *
 * @param cells the cells, keyed by column
 */
public record IndexRow(Map<String, String> cells) {
    /** Copies the map, keeping its order. */
    public IndexRow {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** The cell of {@code column} ("" when the row has no such column). */
    public String get(String column) {
        return cells.getOrDefault(column, "");
    }
}
