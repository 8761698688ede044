package org.gdflow.study;

import java.util.ArrayList;
import java.util.List;

/** Formats index rows as CSV (RFC 4180): a header line, then one line per row. */
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
}
