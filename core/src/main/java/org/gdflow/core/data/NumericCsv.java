package org.gdflow.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.error.GdflowException;

/**
 * Plain numeric CSV: one row per data point or neuron, comma separated, no header (a first row
 * that is not numeric is taken as a header). Errors name the file, line and column.
 */
public final class NumericCsv {
    private NumericCsv() {
    }

    /** A table read from a file: {@code rows × columns} values, row-major. */
    public record Table(Path file, int rows, int columns, double[] values) {
    }

    /** Reads a table; every row must have the same number of columns. */
    public static Table read(Path file) {
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (rows.isEmpty() && columns < 0 && isHeader(cells)) {
                    columns = cells.length;
                    continue;
                }
                if (columns >= 0 && cells.length != columns) {
                    throw new GdflowException(file + " line " + lineNumber + ": " + cells.length + " columns, but earlier rows have "
                            + columns + "; every row needs the same number of comma-separated values");
                }
                columns = cells.length;
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    String cell = cells[c].trim();
                    try {
                        row[c] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new GdflowException(file + " line " + lineNumber + ", column " + (c + 1) + ": '" + cell
                                + "' is not a number; the file must hold plain numbers (a header is allowed only on the first line)");
                    }
                    if (!Double.isFinite(row[c])) {
                        throw new GdflowException(file + " line " + lineNumber + ", column " + (c + 1) + ": " + cell
                                + " is not finite; remove or replace it");
                    }
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new GdflowException("cannot read " + file + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new GdflowException(file + ": no data rows");
        }
        double[] values = new double[rows.size() * columns];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * columns, columns);
        }
        return new Table(file, rows.size(), columns, values);
    }

    private static boolean isHeader(String[] cells) {
        for (String cell : cells) {
            try {
                Double.parseDouble(cell.trim());
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    /** Writes a table with full double precision (shortest round-trip decimal). */
    public static String format(double[] values, int rows, int columns) {
        StringBuilder sb = new StringBuilder(rows * columns * 20);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(values[i * columns + j]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
