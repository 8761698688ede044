package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV quoting and tree paths, against RFC 4180 examples and trees written by hand. */
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
}
