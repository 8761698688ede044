package org.gdflow.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;

/** The typed accessors of a spec value: results, fallbacks and each error message in full. */
class SpecNodeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The member {@code x} of {@code {"x": value}} written on line 2 of n.json. */
    private static SpecNode x(String value) {
        String json = "{\n\"x\": " + value + "}";
        try {
            return SpecNode.root(MAPPER.readTree(json), SpecLocations.index("n.json", json)).get("x");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static SpecNode missing() {
        return x("null").get("absent");
    }

    private static String error(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(GdflowException.class, call).getMessage();
    }

    @Test
    void pathsNameMembersAndListItems() {
        SpecNode root = SpecNode.root(MAPPER.createObjectNode(), SpecLocations.none("t"));
        assertEquals("", root.path());
        assertEquals("a", root.get("a").path());
        assertEquals("a.b", root.get("a").get("b").path());
        assertTrue(root.get("a").get("b").isMissing());
        assertTrue(root.get("a").json().isMissingNode());
        assertEquals("x", x("1").path());
        assertFalse(x("1").isMissing());
        assertTrue(x("null").isMissing());
    }

    @Test
    void errorsNamePathMessageAndLine() {
        assertEquals("x: bad (n.json line 2)", x("1").error("bad").getMessage());
        assertEquals("n.json line 2", x("1").location());
        // the root has no path prefix
        SpecNode root = SpecNode.root(MAPPER.createObjectNode(), SpecLocations.none("t.json"));
        assertEquals("bad (t.json)", root.error("bad").getMessage());
    }

    @Test
    void strings() {
        assertEquals("abc", x("\"abc\"").string());
        assertEquals("abc", x("\"abc\"").string("d"));
        assertEquals("d", missing().string("d"));
        assertEquals("x.absent: missing; add a string value (n.json line 2)", error(() -> missing().string()));
        assertEquals("x: expected a string, got the number 3 (n.json line 2)", error(() -> x("3").string()));
        assertEquals("x: expected a string, got the number 3 (n.json line 2)", error(() -> x("3").string("d")));
    }

    @Test
    void choices() {
        assertEquals("sum", x("\"sum\"").choice("mean", "mean", "sum"));
        assertEquals("mean", missing().choice("mean", "mean", "sum"));
        assertEquals("x.absent: missing; add a string value (n.json line 2)", error(() -> missing().choice(null, "a", "b")));
        assertEquals("x: 'c' is not one of a, b (n.json line 2)", error(() -> x("\"c\"").choice("a", "a", "b")));
        assertEquals("x: expected a string, got true (n.json line 2)", error(() -> x("true").choice("a", "a", "b")));
    }

    @Test
    void numbers() {
        assertEquals(2.5, x("2.5").number());
        assertEquals(-3.0, x("-3").number(7));
        assertEquals(7.0, missing().number(7));
        assertEquals("x.absent: missing; add a number (n.json line 2)", error(() -> missing().number()));
        assertEquals("x: expected a number, got the string \"2\" (n.json line 2)", error(() -> x("\"2\"").number()));
        assertEquals("x: expected a finite number, got Infinity (n.json line 2)", error(() -> x("1e400").number()));
    }

    @Test
    void positiveNumbers() {
        assertEquals(0.5, x("0.5").positive(1));
        assertEquals(4.0, missing().positive(4));
        assertEquals(Double.MIN_VALUE, x("4.9e-324").positive(1));
        assertEquals("x: must be positive, got 0.0 (n.json line 2)", error(() -> x("0").positive(1)));
        assertEquals("x: must be positive, got -2.0 (n.json line 2)", error(() -> x("-2").positive(1)));
        assertEquals("x.absent: must be positive, got 0.0 (n.json line 2)", error(() -> missing().positive(0)));
    }

    @Test
    void integers() {
        assertEquals(12L, x("12").integer());
        assertEquals(-12L, x("-12").integer(5));
        assertEquals(3L, x("3.0").integer());
        assertEquals(5L, missing().integer(5));
        assertEquals(9_000_000_000L, x("9000000000").integer());
        assertEquals("x.absent: missing; add an integer (n.json line 2)", error(() -> missing().integer()));
        assertEquals("x: expected an integer, got the number 3.5 (n.json line 2)", error(() -> x("3.5").integer()));
        assertEquals("x: expected an integer, got the string \"3\" (n.json line 2)", error(() -> x("\"3\"").integer()));
    }

    @Test
    void positiveInts() {
        assertEquals(1, x("1").positiveInt());
        assertEquals(Integer.MAX_VALUE, x("2147483647").positiveInt());
        assertEquals(6, missing().positiveInt(6));
        assertEquals(2, x("2").positiveInt(6));
        assertEquals("x: must be a positive integer, got 0 (n.json line 2)", error(() -> x("0").positiveInt()));
        assertEquals("x: must be a positive integer, got -1 (n.json line 2)", error(() -> x("-1").positiveInt(6)));
        assertEquals("x: must be a positive integer, got 2147483648 (n.json line 2)", error(() -> x("2147483648").positiveInt()));
    }

    @Test
    void booleans() {
        assertTrue(x("true").bool(false));
        assertFalse(x("false").bool(true));
        assertTrue(missing().bool(true));
        assertFalse(missing().bool(false));
        assertEquals("x: expected true or false, got the string \"yes\" (n.json line 2)", error(() -> x("\"yes\"").bool(false)));
        assertEquals("x: expected true or false, got the number 1 (n.json line 2)", error(() -> x("1").bool(false)));
    }

    @Test
    void listsOfStrings() {
        assertEquals(List.of("a", "b"), x("[\"a\", \"b\"]").strings(List.of()));
        assertEquals(List.of("a"), x("\"a\"").strings(List.of()));
        assertEquals(List.of(), x("[]").strings(List.of("z")));
        List<String> fallback = List.of("z");
        assertSame(fallback, missing().strings(fallback));
        assertEquals("x: expected a list of strings, got the number 3 (n.json line 2)", error(() -> x("3").strings(List.of())));
        assertEquals("x[1]: expected a string, got the number 3 (n.json line 2)", error(() -> x("[\"a\", 3]").strings(List.of())));
        assertThrows(UnsupportedOperationException.class, () -> x("[\"a\"]").strings(List.of()).add("b"));
    }

    @Test
    void objectsAndKeys() {
        SpecNode o = x("{\"a\": 1, \"b\": 2}");
        assertSame(o, o.requireObject());
        assertSame(o, o.onlyKeys("a", "b", "c"));
        assertEquals("x.b: unknown key 'b'; the keys here are a, c (n.json line 2)", error(() -> o.onlyKeys("c", "a")));
        // a value that is not an object has no keys to check
        SpecNode n = x("3");
        assertSame(n, n.onlyKeys());
        assertEquals("x.absent: missing; add an object here (n.json line 2)", error(() -> missing().requireObject()));
        assertEquals("x: expected an object {...}, got the number 3 (n.json line 2)", error(() -> x("3").requireObject()));
        assertEquals("x: expected an object {...}, got a list [1,2] (n.json line 2)", error(() -> x("[1, 2]").requireObject()));
        assertEquals("x: expected an object {...}, got true (n.json line 2)", error(() -> x("true").requireObject()));
    }

    @Test
    void objectCopyIsADeepCopyOrEmpty() {
        SpecNode o = x("{\"a\": {\"b\": 1}}");
        var copy = o.objectCopy();
        assertEquals(o.json(), copy);
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("a")).put("b", 2);
        assertEquals(1, o.json().get("a").get("b").intValue());
        assertEquals(MAPPER.createObjectNode(), x("3").objectCopy());
        assertEquals(MAPPER.createObjectNode(), missing().objectCopy());
    }

    @Test
    void describeNamesTheTypeAndShortensLongValues() {
        assertEquals("the string \"a\"", SpecNode.describe(x("\"a\"").json()));
        assertEquals("the number 1.5", SpecNode.describe(x("1.5").json()));
        assertEquals("false", SpecNode.describe(x("false").json()));
        assertEquals("null", SpecNode.describe(x("null").json()));
        assertEquals("an object {\"a\":1}", SpecNode.describe(x("{\"a\": 1}").json()));
        String forty = "a".repeat(38);
        // "…" + 38 + "…" is 40 characters: kept whole; one more is cut to 37 and "..."
        assertEquals("the string \"" + forty + "\"", SpecNode.describe(x("\"" + forty + "\"").json()));
        assertEquals("the string \"" + "a".repeat(36) + "...", SpecNode.describe(x("\"" + forty + "a\"").json()));
    }
}
