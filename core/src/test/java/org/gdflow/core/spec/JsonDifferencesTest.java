package org.gdflow.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where two specs differ, against differences written by hand: numbers by value, lists item by item. */
class JsonDifferencesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void numbersAreComparedByValueWhateverTheirJsonType() {
        ObjectNode written = MAPPER.createObjectNode().put("seed", 7L).put("dt", 1.0).put("big", 12345678901234L);
        assertEquals(List.of(), JsonDifferences.paths(written, json("{\"seed\": 7, \"dt\": 1, \"big\": 12345678901234}")));
        assertEquals(List.of("seed", "dt"), JsonDifferences.paths(written, json("{\"seed\": 8, \"dt\": 1.5, \"big\": 12345678901234}")));
        assertEquals(List.of("seed"), JsonDifferences.paths(written, json("{\"seed\": \"7\", \"dt\": 1.0, \"big\": 12345678901234}")));
        // integers beyond a double's 53 bits are compared exactly; an integer and a fraction by value
        assertEquals(List.of(""), JsonDifferences.paths(json("9007199254740993"), json("9007199254740992")));
        assertEquals(List.of(), JsonDifferences.paths(json("9007199254740993"), json("9007199254740993")));
        assertEquals(List.of(""), JsonDifferences.paths(json("2"), json("2.5")));
        assertEquals(List.of(), JsonDifferences.paths(json("2.5"), json("2.50")));
    }

    @Test
    void objectsAreDescendedIntoAndListsComparedItemByItem() {
        JsonNode a = json("{\"m\": {\"w\": 4, \"t\": [\"w\", {\"k\": 1}]}, \"x\": 1}");
        assertEquals(List.of(), JsonDifferences.paths(a, json("{\"x\": 1.0, \"m\": {\"t\": [\"w\", {\"k\": 1.0}], \"w\": 4}}")));
        assertEquals(List.of("m.t"), JsonDifferences.paths(a, json("{\"m\": {\"w\": 4, \"t\": [\"w\", {\"k\": 2}]}, \"x\": 1}")));
        assertEquals(List.of("m.t"), JsonDifferences.paths(a, json("{\"m\": {\"w\": 4, \"t\": [\"w\"]}, \"x\": 1}")));
        assertEquals(List.of("m.w", "x", "y"), JsonDifferences.paths(a, json("{\"m\": {\"w\": 5, \"t\": [\"w\", {\"k\": 1}]}, \"y\": 1}")));
        assertEquals(List.of(""), JsonDifferences.paths(json("1"), json("[1]")));
    }

    @Test
    void describedDifferencesNameBothValues() {
        JsonNode here = json("{\"model\": {\"width\": 64}, \"seed\": 1, \"name\": \"" + "x".repeat(70) + "\"}");
        JsonNode there = json("{\"model\": {\"width\": 128}, \"seed\": 1, \"loss\": \"sum\", \"name\": \"y\"}");
        assertEquals(List.of("model.width: 64 here, 128 there", "name: \"" + "x".repeat(56) + "... here, \"y\" there",
                "loss: missing here, \"sum\" there"), JsonDifferences.described(here, there, "here", "there"));
        assertEquals(List.of("the whole spec: 1 now, 2 then"), JsonDifferences.described(json("1"), json("2"), "now", "then"));
        // a value of 60 characters is shown whole
        String sixty = "\"" + "z".repeat(58) + "\"";
        assertEquals(List.of("v: " + sixty + " here, 1 there"), JsonDifferences.described(json("{\"v\": " + sixty + "}"), json("{\"v\": 1}"),
                "here", "there"));
    }
}
