package org.gdflow.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.core.error.GdflowException;

/** Index rows as CSV (RFC 4180): a header line, then one line per row; written and read back. */
final class IndexCsv {
    private IndexCsv() {
    }

    /** The CSV text; the columns are those of the first row. */
    static String format(List<IndexRow> rows) {
        StringBuilder sb = new StringBuilder();
        List<String> columns = new ArrayList<>(rows.get(0).cells().keySet());
        line(sb, columns);
        for (IndexRow row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                cells.add(row.get(column));
            }
            line(sb, cells);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        List<String> escaped = new ArrayList<>();
        for (String cell : cells) {
            escaped.add(escape(cell));
        }
        sb.append(String.join(",", escaped)).append('\n');
    }

    /** A cell holding a comma, quote or line break is quoted, its quotes doubled. */
    static String escape(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /**
     * Reads CSV text as {@link #format} writes it: the first record names the columns, every other
     * record is a row with one cell per column. A quoted cell may hold commas, doubled quotes and line
     * breaks; {@code source} names the text in messages.
     */
    static List<IndexRow> parse(String text, String source) {
        List<List<String>> records = records(text, source);
        if (records.isEmpty()) {
            throw new GdflowException(source + ": empty; expected a header line naming the columns");
        }
        List<String> columns = records.get(0);
        List<IndexRow> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != columns.size()) {
                throw new GdflowException(source + " record " + (r + 1) + ": " + cells.size() + " cells, but the header names "
                        + columns.size() + " columns");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), cells.get(c));
            }
            rows.add(new IndexRow(row));
        }
        return rows;
    }

    /** The records of the text, each a list of unquoted cells; a final line break ends the last record. */
    static List<List<String>> records(String text, String source) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                // CRLF is one line break
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                cell.append(ch);
            }
            i++;
        }
        if (quoted) {
            throw new GdflowException(source + ": a quoted cell is not closed before the end of the file");
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
