package org.gdflow.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aggregate.csv}: one row per variant, the runs that differ only in the swept {@code seed},
 * in the order of their first run. Columns: {@code variant} (the run id without its seed part),
 * one per swept path other than {@code seed}, {@code seeds} (the variant's runs), then for every
 * numeric quantity {@code q} of the index (see {@link StudyTables}) {@code q_mean,q_min,q_max} over
 * the runs that have a value of {@code q} and {@code q_seeds}, how many they are; the three are empty
 * when none has.
 */
final class SeedAggregate {
    private SeedAggregate() {
    }

    /** The CSV text, or empty when {@code seed} is not swept (or there is no run). */
    static Optional<String> csv(List<PlannedRun> runs, List<IndexRow> rows) {
        if (runs.isEmpty() || rows.isEmpty() || !StudyTables.paths(runs).contains(StudyTables.SEED)) {
            return Optional.empty();
        }
        List<String> others = new ArrayList<>(StudyTables.paths(runs));
        others.remove(StudyTables.SEED);
        List<IndexRow> runRows = StudyTables.rowsOf(runs, rows);
        Map<List<SweptValue>, List<IndexRow>> variants = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            List<SweptValue> key = new ArrayList<>(runs.get(i).values());
            key.removeIf(v -> v.path().equals(StudyTables.SEED));
            variants.computeIfAbsent(key, k -> new ArrayList<>()).add(runRows.get(i));
        }
        List<String> quantities = StudyTables.quantities(rows);
        List<IndexRow> out = new ArrayList<>();
        for (Map.Entry<List<SweptValue>, List<IndexRow>> variant : variants.entrySet()) {
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put("variant", VariantIds.of(List.of(variant.getKey()), "all").get(0));
            for (SweptValue v : variant.getKey()) {
                cells.put(v.path(), v.cell());
            }
            cells.put("seeds", Integer.toString(variant.getValue().size()));
            for (String q : quantities) {
                statistics(cells, q, variant.getValue());
            }
            out.add(new IndexRow(cells));
        }
        return Optional.of(IndexCsv.format(out));
    }

    /** Puts q_mean, q_min, q_max and q_seeds of the rows' values of {@code q}. */
    private static void statistics(Map<String, String> cells, String q, List<IndexRow> rows) {
        int count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (IndexRow row : rows) {
            Double value = StudyTables.number(row.get(q));
            if (value != null) {
                count++;
                sum += value;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        // mean = Σ v / k over the k runs with a value; with k = 0 all three are empty (Infinity, NaN → "")
        cells.put(q + "_mean", StudyTables.cell(sum / count));
        cells.put(q + "_min", StudyTables.cell(min));
        cells.put(q + "_max", StudyTables.cell(max));
        cells.put(q + "_seeds", Integer.toString(count));
    }
}
