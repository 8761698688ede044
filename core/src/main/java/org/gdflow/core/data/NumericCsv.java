package org.gdflow.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gdflow.core.error.GdflowException;

/**
 * Plain numeric CSV: one row per data point or neuron, comma separated. A header row is skipped
 * only when the spec declares one ({@code "header": true}); never guessed. Without it, a first row
 * that is not numeric is an error, and so is a first row of column numbers {@code 0,1,2,…} above
 * rows that are not whole numbers (what pandas writes with {@code index=False}): it would otherwise
 * be read as one more data point. Errors name the file, line and column.
 */
public final class NumericCsv {
    private NumericCsv() {
    }

    /**
     * A table read from a file: {@code rows × columns} values, row-major.
     *
     * @param sha256 the SHA-256 of the file's bytes, in hexadecimal
     */
    public record Table(Path file, int rows, int columns, double[] values, String sha256) {
    }

    /** Reads a table with no header row; every row must have the same number of columns. */
    public static Table read(Path file) {
        return read(file, false, "header");
    }

    /**
     * Reads a table.
     *
     * @param header whether the first non-blank line is a header, skipped whatever it holds
     * @param headerKey the spec key that declares a header ({@code data.header}), for messages
     */
    public static Table read(Path file, boolean header, String headerKey) {
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        String[] firstRow = null;
        boolean laterRowsWhole = true;
        MessageDigest sha = sha256();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new DigestInputStream(Files.newInputStream(file), sha), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            boolean headerSkipped = !header;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (!headerSkipped) {
                    headerSkipped = true;
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (columns >= 0 && cells.length != columns) {
                    throw new GdflowException(file + " line " + lineNumber + ": " + cells.length + " columns, but earlier rows have "
                            + columns + "; every row needs the same number of comma-separated values");
                }
                columns = cells.length;
                rows.add(parse(file, lineNumber, cells, rows.isEmpty() && !header, headerKey));
                if (firstRow == null) {
                    firstRow = cells;
                } else if (laterRowsWhole && !wholeNumbers(cells)) {
                    laterRowsWhole = false;
                }
            }
        } catch (NoSuchFileException e) {
            throw new GdflowException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new GdflowException("cannot read " + file + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new GdflowException(file + ": no data rows" + (header ? " below the header" : ""));
        }
        if (!header && !laterRowsWhole && columnNumbers(firstRow)) {
            throw new GdflowException(file + " line 1: the first row " + String.join(",", firstRow).trim()
                    + " numbers the columns (a header, as pandas writes with index=False) while the rows below are not whole"
                    + " numbers; declare it with \"header\": true (" + headerKey + ") so it is skipped, or remove it");
        }
        double[] values = new double[rows.size() * columns];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * columns, columns);
        }
        return new Table(file, rows.size(), columns, values, HexFormat.of().formatHex(sha.digest()));
    }

    private static double[] parse(Path file, int lineNumber, String[] cells, boolean firstRow, String headerKey) {
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].trim();
            try {
                row[c] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new GdflowException(file + " line " + lineNumber + ", column " + (c + 1) + ": '" + cell + "' is not a number; "
                        + (firstRow ? "if this first row is a header, declare it with \"header\": true (" + headerKey + ")"
                        : "the file must hold plain numbers"));
            }
            if (!Double.isFinite(row[c])) {
                throw new GdflowException(file + " line " + lineNumber + ", column " + (c + 1) + ": " + cell
                        + " is not finite; remove or replace it");
            }
        }
        return row;
    }

    /** Whether every cell is written as a whole number ({@code 3}, {@code -1}; not {@code 3.0}). */
    private static boolean wholeNumbers(String[] cells) {
        for (String cell : cells) {
            if (!cell.trim().matches("[+-]?[0-9]+")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the cells read 0, 1, 2, … (the column numbers), written as whole numbers. */
    private static boolean columnNumbers(String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            if (!cells[c].trim().equals(Integer.toString(c))) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
