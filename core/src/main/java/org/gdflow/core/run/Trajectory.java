package org.gdflow.core.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The recorded rows of a run: step, time, loss and one value per metric column.
 *
 * @param columns the column names, starting with step, time, loss
 * @param rows one array per recorded step, in column order
 */
public record Trajectory(List<String> columns, List<double[]> rows) {
    /** Copies the lists. */
    public Trajectory {
        columns = List.copyOf(columns);
        List<double[]> copy = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            copy.add(row.clone());
        }
        rows = java.util.Collections.unmodifiableList(copy);
    }

    /** The values of one column. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    /** The CSV text: a header line, then rows with full double precision (step as an integer). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns)).append('\n');
        for (double[] row : rows) {
            sb.append((long) row[0]);
            for (int c = 1; c < row.length; c++) {
                sb.append(',').append(row[c]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
