package org.gdflow.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The line of each value, against a document whose line numbers are written out by hand. */
class SpecLocationsTest {
    /** Lines: 1 {, 2 "a": {, 3 "b", 4 "bc", 5 }, 6 "l": [, 7 1, 8 {"c"}, 9 ], 10 }. */
    private static final String JSON = "{\n\"a\": {\n\"b\": 1,\n\"bc\": 2\n},\n\"l\": [\n1,\n{\"c\": 3}\n]\n}";

    @Test
    void eachValueHasItsLine() {
        SpecLocations at = SpecLocations.index("j.json", JSON);
        assertEquals("j.json", at.source());
        assertEquals("j.json line 1", at.describe(""));
        assertEquals("j.json line 2", at.describe("a"));
        assertEquals("j.json line 3", at.describe("a.b"));
        assertEquals("j.json line 4", at.describe("a.bc"));
        assertEquals("j.json line 6", at.describe("l"));
        assertEquals("j.json line 7", at.describe("l[0]"));
        assertEquals("j.json line 8", at.describe("l[1]"));
        assertEquals("j.json line 8", at.describe("l[1].c"));
    }

    @Test
    void anUnknownPathTakesItsNearestEnclosingLine() {
        SpecLocations at = SpecLocations.index("j.json", JSON);
        assertEquals("j.json line 3", at.describe("a.b.c"));
        assertEquals("j.json line 2", at.describe("a.zz"));
        assertEquals("j.json line 6", at.describe("l[5]"));
        assertEquals("j.json line 8", at.describe("l[1].d[2]"));
        assertEquals("j.json line 1", at.describe("zz"));
        assertEquals("j.json line 1", at.describe("zz.y"));
    }

    @Test
    void anOverrideDescribesItsPathAndEverythingUnderIt() {
        SpecLocations at = SpecLocations.index("j.json", JSON).withOverride("a.b", "--set a.b=5");
        assertEquals("--set a.b=5", at.describe("a.b"));
        assertEquals("--set a.b=5", at.describe("a.b.c"));
        // a sibling whose name starts the same keeps its line
        assertEquals("j.json line 4", at.describe("a.bc"));
        assertEquals("j.json line 2", at.describe("a"));
        SpecLocations list = SpecLocations.index("j.json", JSON).withOverride("l", "set l");
        assertEquals("set l", list.describe("l[0]"));
        assertEquals("set l", list.describe("l[1].c"));
        assertEquals("j.json line 3", list.describe("a.b"));
        // overrides accumulate
        SpecLocations both = at.withOverride("l", "set l");
        assertEquals("--set a.b=5", both.describe("a.b"));
        assertEquals("set l", both.describe("l[1]"));
    }

    @Test
    void aSpecWithoutSourceNamesOnlyItsOrigin() {
        SpecLocations none = SpecLocations.none("spec 'x'");
        assertEquals("spec 'x'", none.describe("a.b"));
        assertEquals("spec 'x'", none.describe(""));
        assertEquals("set a=1", none.withOverride("a", "set a=1").describe("a.b"));
    }

    @Test
    void invalidJsonKeepsTheLinesBeforeTheError() {
        SpecLocations at = SpecLocations.index("bad.json", "{\n\"a\": 1,\n\"b\": }");
        assertEquals("bad.json line 2", at.describe("a"));
        assertEquals("bad.json line 1", at.describe("b"));
    }
}
