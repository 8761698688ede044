package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;

/** CSV quoting and reading back, and tree paths, against RFC 4180 examples and trees written by hand. */
class IndexCsvTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void cellsWithSeparatorsAreQuoted() {
        assertEquals("plain", IndexCsv.escape("plain"));
        assertEquals("\"a,b\"", IndexCsv.escape("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", IndexCsv.escape("say \"hi\""));
        assertEquals("\"two\nlines\"", IndexCsv.escape("two\nlines"));
        assertEquals("\"cr\r\"", IndexCsv.escape("cr\r"));
        // the special character first in the cell
        assertEquals("\",a\"", IndexCsv.escape(",a"));
        assertEquals("\"\"\"b\"", IndexCsv.escape("\"b"));
        assertEquals("\"\nc\"", IndexCsv.escape("\nc"));
        assertEquals("\"\rd\"", IndexCsv.escape("\rd"));
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", "x");
        cells.put("model.init", "{\"w\":1,\"a\":2}");
        IndexRow row = new IndexRow(cells);
        assertEquals("id,model.init\nx,\"{\"\"w\"\":1,\"\"a\"\":2}\"\n", IndexCsv.format(List.of(row, new IndexRow(Map.of("id", "y")))
                .subList(0, 1)));
        assertEquals("id,model.init\nx,\"{\"\"w\"\":1,\"\"a\"\":2}\"\ny,\n", IndexCsv.format(List.of(row, new IndexRow(Map.of("id", "y")))));
        assertEquals("{\"w\":1}", new SweptValue("p", "{\"w\":1}").cell());
        assertEquals("ntk", new SweptValue("p", "\"ntk\"").cell());
    }

    @Test
    void treesDifferAtTheirLeaves() throws Exception {
        var a = MAPPER.readTree("{\"a\": 1, \"b\": {\"c\": [1, 2], \"d\": \"x\"}, \"e\": 2}");
        var b = MAPPER.readTree("{\"a\": 1, \"b\": {\"c\": [1, 3], \"d\": \"x\", \"f\": 0}}");
        assertEquals(List.of("b.c", "b.f", "e"), JsonPaths.differences(a, b));
        assertEquals(List.of(), JsonPaths.differences(a, a.deepCopy()));
        assertEquals(List.of(""), JsonPaths.differences(MAPPER.readTree("1"), MAPPER.readTree("2")));
    }

    @Test
    void settingAPathCreatesObjectsAndNamesPlugins() throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree("{\"model\": {\"activation\": \"tanh\"}}");
        JsonPaths.set(root, "model.activation.beta", MAPPER.readTree("2"));
        JsonPaths.set(root, "stop.time", MAPPER.readTree("1.5"));
        JsonPaths.set(root, "seed", MAPPER.readTree("3"));
        assertEquals(MAPPER.readTree("{\"model\": {\"activation\": {\"name\": \"tanh\", \"beta\": 2}}, \"stop\": {\"time\": 1.5}, \"seed\": 3}"),
                root);
    }

    @Test
    void readsBackWhatItWritesCellForCell() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("id", "a,b");
        first.put("model.init", "{\"w\":1,\"a\":\"x\"}");
        first.put("note", "two\nlines and \r");
        first.put("empty", "");
        Map<String, String> second = new LinkedHashMap<>();
        second.put("id", "plain");
        second.put("model.init", "\"");
        second.put("note", ",");
        second.put("empty", "");
        List<IndexRow> rows = List.of(new IndexRow(first), new IndexRow(second));
        List<IndexRow> back = IndexCsv.parse(IndexCsv.format(rows), "index.csv");
        assertEquals(rows, back);
        assertEquals(List.of("id", "model.init", "note", "empty"), List.copyOf(back.get(0).cells().keySet()));
    }

    @Test
    void readsRfc4180RecordsWithCrLfAndWithoutAFinalLineBreak() {
        // RFC 4180 section 2: CRLF line breaks, the last record without one, quoted fields holding them
        assertEquals(List.of(List.of("aaa", "bbb", "ccc"), List.of("zzz", "yyy", "xxx")),
                IndexCsv.records("aaa,bbb,ccc\r\nzzz,yyy,xxx", "f"));
        assertEquals(List.of(List.of("aaa", "b\r\nbb", "ccc"), List.of("zzz", "y\"y", "")),
                IndexCsv.records("aaa,\"b\r\nbb\",ccc\r\nzzz,\"y\"\"y\",\r\n", "f"));
        // a lone CR ends a record too; an empty line is a record of one empty cell
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("")), IndexCsv.records("a\rb\n\n", "f"));
        assertEquals(List.of(), IndexCsv.records("", "f"));
        assertEquals(List.of(List.of("x", "")), IndexCsv.records("x,", "f"));
        // a quote or a CR as the very last character
        assertEquals(List.of(List.of("a")), IndexCsv.records("\"a\"", "f"));
        assertEquals(List.of(List.of("a")), IndexCsv.records("a\r", "f"));
        assertEquals(List.of(), IndexCsv.parse("id,status\n", "f"));
    }

    @Test
    void malformedCsvIsRefusedNamingTheFileAndRecord() {
        assertEquals("index.csv record 3: 1 cells, but the header names 2 columns",
                assertThrows(GdflowException.class, () -> IndexCsv.parse("id,status\na,b\nc\n", "index.csv")).getMessage());
        assertEquals("index.csv record 2: 3 cells, but the header names 2 columns",
                assertThrows(GdflowException.class, () -> IndexCsv.parse("id,status\na,b,c\n", "index.csv")).getMessage());
        assertEquals("index.csv: a quoted cell is not closed before the end of the file",
                assertThrows(GdflowException.class, () -> IndexCsv.parse("id\n\"open\n", "index.csv")).getMessage());
        assertEquals("index.csv: empty; expected a header line naming the columns",
                assertThrows(GdflowException.class, () -> IndexCsv.parse("", "index.csv")).getMessage());
    }
}
