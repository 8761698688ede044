package org.gdflow.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.RunWriter;

/**
 * The tables a study writes beside {@code index.csv}, computed from the planned runs and the index
 * rows alone: {@code aggregate.csv} ({@link SeedAggregate}, only when {@code seed} is swept) and
 * {@code slopes.csv} ({@link LogLogSlopes}, only when a numeric path other than {@code seed} is
 * swept).
 *
 * <p>The numbers both tables summarise are the index's numeric columns: {@code final_loss},
 * {@code steps}, {@code time}, {@code wall_seconds}, {@code rate}, {@code rate_bound},
 * {@code gram_min_eig_initial}, {@code lambda0}, then every {@code final_<metric>}, in the index's
 * column order. A cell counts as a value when it parses as a finite number; an empty cell (a failed
 * run, a quantity not computed) and {@code NaN} or {@code Infinity} (a diverged run) count as absent.
 * Numbers are written with {@link Double#toString(double)}; an absent result is an empty cell.
 */
final class StudyTables {
    /** The swept path that names the repetitions of one variant. */
    static final String SEED = "seed";

    private StudyTables() {
    }

    /** Writes aggregate.csv and slopes.csv into {@code outDir}, each only when the study has one. */
    static void write(Path outDir, List<PlannedRun> runs, List<IndexRow> rows) {
        write(outDir.resolve("aggregate.csv"), SeedAggregate.csv(runs, rows));
        write(outDir.resolve("slopes.csv"), LogLogSlopes.csv(runs, rows));
    }

    private static void write(Path file, Optional<String> text) {
        if (text.isPresent()) {
            try {
                RunWriter.writeAtomically(file, text.get());
            } catch (IOException e) {
                throw new GdflowException("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    /** The swept paths, in the sweep's order (every planned run sweeps the same paths). */
    static List<String> paths(List<PlannedRun> runs) {
        List<String> paths = new ArrayList<>();
        for (SweptValue v : runs.get(0).values()) {
            paths.add(v.path());
        }
        return paths;
    }

    /** The numeric quantities of the index rows, in column order. */
    static List<String> quantities(List<IndexRow> rows) {
        List<String> out = new ArrayList<>();
        for (String column : rows.get(0).cells().keySet()) {
            boolean summary = StudyIndex.SUMMARY.contains(column) && !column.equals("status");
            if (summary || column.startsWith("final_")) {
                out.add(column);
            }
        }
        return out;
    }

    /** The index row of each planned run, in the plan's order; a run without a row gets an empty one. */
    static List<IndexRow> rowsOf(List<PlannedRun> runs, List<IndexRow> rows) {
        Map<String, IndexRow> byId = new HashMap<>();
        for (IndexRow row : rows) {
            byId.put(row.get("id"), row);
        }
        List<IndexRow> out = new ArrayList<>();
        for (PlannedRun run : runs) {
            out.add(byId.getOrDefault(run.id(), new IndexRow(Map.of())));
        }
        return out;
    }

    /** The cell's number, or null when it is empty, not a number, or not finite. */
    static Double number(String cell) {
        try {
            double value = Double.parseDouble(cell);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The cell of a number: {@link Double#toString(double)}, or empty when not finite (undefined). */
    static String cell(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }
}
