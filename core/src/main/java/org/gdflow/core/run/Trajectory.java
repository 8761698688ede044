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
        sb.append(header(columns));
        for (double[] row : rows) {
            appendRow(sb, row);
        }
        return sb.toString();
    }

    /** The header line of trajectory.csv, with its newline. */
    public static String header(List<String> columns) {
        return String.join(",", columns) + "\n";
    }

    /** Appends one row as trajectory.csv writes it: the step as an integer, then every value in full (shortest round-trip) precision. */
    public static StringBuilder appendRow(StringBuilder sb, double[] row) {
        sb.append((long) row[0]);
        for (int c = 1; c < row.length; c++) {
            sb.append(',').append(row[c]);
        }
        return sb.append('\n');
    }

    /** Reads a trajectory.csv back (a run into a folder streams its rows there and keeps none in memory). */
    public static Trajectory read(java.nio.file.Path file) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            if (lines.isEmpty()) {
                throw new org.gdflow.core.error.GdflowException(file + ": empty; a trajectory starts with its header line");
            }
            List<String> columns = List.of(lines.get(0).split(","));
            List<double[]> rows = new ArrayList<>(lines.size() - 1);
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                if (cells.length != columns.size()) {
                    throw new org.gdflow.core.error.GdflowException(file + " line " + (i + 1) + ": " + cells.length
                            + " values for " + columns.size() + " columns");
                }
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    row[c] = Double.parseDouble(cells[c]);
                }
                rows.add(row);
            }
            return new Trajectory(columns, rows);
        } catch (java.io.IOException | NumberFormatException e) {
            throw new org.gdflow.core.error.GdflowException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
