package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code slopes.csv}: how each numeric quantity of the index (see {@link StudyTables}) scales with
 * each numeric swept axis, as the least-squares slope of ln(value) against ln(axis value) with its
 * R² ("movement scales like m^-1/2" is a slope of -0.5).
 *
 * <p>A numeric axis is a swept path other than {@code seed} whose every value is a positive number.
 * The runs are grouped by the values of the other swept paths except {@code seed} (in the order of
 * their first run); within a group the runs of one axis value (its seeds) are averaged first, the
 * arithmetic mean of the value, and the line is fitted through one point per distinct axis value.
 *
 * <p>Columns: {@code axis}, one per swept path other than {@code seed} (the group's values; empty
 * in the axis's own column), {@code quantity}, {@code points} (the group's distinct axis values),
 * {@code slope}, {@code r2}. Every (axis, group, quantity) has a row; its slope and R² are empty
 * when the group has fewer than 2 distinct axis values or any of its runs has no value of the
 * quantity or a value ≤ 0 (no logarithm). When all the points have the same value the slope is 0
 * and R² (0/0) is empty.
 */
final class LogLogSlopes {
    private LogLogSlopes() {
    }

    /** The CSV text, or empty when no numeric path other than {@code seed} is swept. */
    static Optional<String> csv(List<PlannedRun> runs, List<IndexRow> rows) {
        if (runs.isEmpty() || rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> paths = StudyTables.paths(runs);
        List<String> others = new ArrayList<>(paths);
        others.remove(StudyTables.SEED);
        List<IndexRow> runRows = StudyTables.rowsOf(runs, rows);
        List<String> quantities = StudyTables.quantities(rows);
        List<IndexRow> out = new ArrayList<>();
        for (int a = 0; a < paths.size(); a++) {
            String axis = paths.get(a);
            if (axis.equals(StudyTables.SEED) || !numeric(runs, a)) {
                continue;
            }
            for (Map.Entry<List<String>, Map<Double, List<IndexRow>>> group : groups(runs, runRows, a).entrySet()) {
                for (String q : quantities) {
                    Map<String, String> cells = new LinkedHashMap<>();
                    cells.put("axis", axis);
                    List<String> key = group.getKey();
                    for (int p = 0; p < others.size(); p++) {
                        cells.put(others.get(p), key.get(p));
                    }
                    cells.put("quantity", q);
                    Map<Double, List<IndexRow>> points = group.getValue();
                    cells.put("points", Integer.toString(points.size()));
                    LineFit fit = points.size() < 2 ? null : fit(points, q);
                    cells.put("slope", fit == null ? "" : StudyTables.cell(fit.slope()));
                    cells.put("r2", fit == null ? "" : StudyTables.cell(fit.r2()));
                    out.add(new IndexRow(cells));
                }
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(IndexCsv.format(out));
    }

    /** Whether every run gives its swept path number {@code axis} a positive number. */
    private static boolean numeric(List<PlannedRun> runs, int axis) {
        for (PlannedRun run : runs) {
            if (axisValue(run, axis) == null) {
                return false;
            }
        }
        return true;
    }

    /** The run's value of swept path number {@code axis} when it is a positive number, else null. */
    private static Double axisValue(PlannedRun run, int axis) {
        JsonNode value = run.values().get(axis).value();
        return value.isNumber() && value.asDouble() > 0 ? value.asDouble() : null;
    }

    /**
     * The runs grouped by the cells of the other non-seed paths (the axis's own cell left empty),
     * then by axis value.
     */
    private static Map<List<String>, Map<Double, List<IndexRow>>> groups(List<PlannedRun> runs, List<IndexRow> runRows,
            int axis) {
        Map<List<String>, Map<Double, List<IndexRow>>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            List<String> key = new ArrayList<>();
            List<SweptValue> values = runs.get(i).values();
            for (int p = 0; p < values.size(); p++) {
                if (!values.get(p).path().equals(StudyTables.SEED)) {
                    key.add(p == axis ? "" : values.get(p).cell());
                }
            }
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(axisValue(runs.get(i), axis), x -> new ArrayList<>()).add(runRows.get(i));
        }
        return groups;
    }

    /** The fit of ln(mean over seeds of q) against ln(axis value), or null when a value is absent or ≤ 0. */
    private static LineFit fit(Map<Double, List<IndexRow>> points, String q) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        int i = 0;
        for (Map.Entry<Double, List<IndexRow>> point : points.entrySet()) {
            double sum = 0;
            for (IndexRow row : point.getValue()) {
                Double value = StudyTables.number(row.get(q));
                if (value == null || value <= 0) {
                    return null;
                }
                sum += value;
            }
            // x = ln(axis value), y = ln(Σ v / k), the mean over the k seeds of this axis value
            x[i] = Math.log(point.getKey());
            y[i] = Math.log(sum / point.getValue().size());
            i++;
        }
        return LineFit.through(x, y);
    }
}
