package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API version: parsing, the compatibility rule written out case by case, and the version Maven filled in. */
class ApiVersionTest {

    @Test
    void parsesMajorAndMinorAndKeepsTheText() {
        assertEquals(new ApiVersion(1, 2, "1.2.3"), ApiVersion.parse("1.2.3"));
        assertEquals(new ApiVersion(0, 1, "0.1.0-SNAPSHOT"), ApiVersion.parse("0.1.0-SNAPSHOT"));
        assertEquals(new ApiVersion(2, 0, "2"), ApiVersion.parse(" 2 "));
        assertEquals(new ApiVersion(3, 14, "3.14-rc1"), ApiVersion.parse("3.14-rc1"));
        assertEquals(new ApiVersion(3, 0, "3+build"), ApiVersion.parse("3+build"));
        assertEquals("0.1.0-SNAPSHOT", ApiVersion.parse("0.1.0-SNAPSHOT").toString());
    }

    @Test
    void refusesTextThatIsNoVersion() {
        for (String bad : new String[] {"", "v1.2", "one", "1.x", ".1", "1..2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse(bad), bad);
            assertEquals("'" + bad + "' is not a version such as 1.2 or 0.1.0-SNAPSHOT", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("99999999999.1"));
        assertEquals("'99999999999.1' has a number too large for a version", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ApiVersion(-1, 0, "x"));
        assertEquals("version numbers cannot be negative: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ApiVersion(1, -2, "x"));
        assertEquals("version numbers cannot be negative: 1.-2", e.getMessage());
    }

    /** Asserts which plugin versions the runtime {@code runtime} loads and which it refuses. */
    private static void assertRule(String runtime, List<String> loaded, List<String> refused) {
        ApiVersion api = ApiVersion.parse(runtime);
        loaded.forEach(v -> assertTrue(api.accepts(ApiVersion.parse(v)), runtime + " loads " + v));
        refused.forEach(v -> assertFalse(api.accepts(ApiVersion.parse(v)), runtime + " refuses " + v));
    }

    @Test
    void aPluginLoadsUnderTheSameMajorAndAMinorNoNewer() {
        // a newer minor may use what this API lacks
        assertRule("2.3.1", List.of("2.3.0", "2.3.9", "2.0"), List.of("2.4", "1.3", "3.0"));
    }

    @Test
    void whileTheMajorIsZeroTheMinorBreaks() {
        assertRule("0.2.0-SNAPSHOT", List.of("0.2.5"), List.of("0.1.0", "0.3.0", "1.2"));
        assertRule("1.2", List.of(), List.of("0.2"));
    }

    @Test
    void theCurrentVersionIsTheBuildsProjectVersion() throws IOException {
        // the version in the parent pom, read independently of the filtered resource
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<artifactId>gdflow-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the parent pom names its version");
        assertEquals(ApiVersion.parse(m.group(1)), ApiVersion.current());
    }

    @Test
    void readsTheVersionLineAndSaysWhatIsWrongOtherwise() {
        assertEquals(new ApiVersion(4, 5, "4.5.6"), ApiVersion.read(stream("# a comment\nversion=4.5.6\n")));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> ApiVersion.read(null));
        assertEquals("gdflow-api has no org/gdflow/api/api-version.properties: a broken build", missing.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ApiVersion.read(stream("other=1\n")));
        assertEquals("'' is not a version such as 1.2 or 0.1.0-SNAPSHOT", empty.getMessage());
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        IllegalStateException broken = assertThrows(IllegalStateException.class, () -> ApiVersion.read(failing));
        assertEquals("cannot read gdflow-api's api-version.properties: disk gone", broken.getMessage());
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
