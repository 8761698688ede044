package org.gdflow.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.gdflow.api.Activation;
import org.gdflow.api.NoParameters;
import org.gdflow.api.Parameter;
import org.gdflow.api.Plugin;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.SpecLocations;
import org.gdflow.core.spec.SpecNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binding a plugin's parameter record from JSON: types, defaults and each error message in full. */
class PluginParametersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every type a parameter record may use, with and without defaults. */
    record Cube(
            @Parameter(description = "the scale factor") double scale,
            @Parameter(description = "the power", defaultValue = "3") int power,
            @Parameter(description = "a seed", defaultValue = "12345678901") long seed,
            @Parameter(description = "a label", defaultValue = "\"plain\"") String label,
            @Parameter(description = "a switch", defaultValue = "true") boolean enabled,
            @Parameter(description = "an optional count", defaultValue = "null") Integer limit,
            double undocumented) {
        Cube {
            if (scale < 0) {
                throw new IllegalArgumentException("scale must be >= 0, got " + scale);
            }
        }
    }

    /** A parameter whose default is not JSON: the plugin's bug, not the user's. */
    record BadDefault(@Parameter(description = "x", defaultValue = "not json") double x) {
    }

    /** An activation σ(z) = scale z³, enough to be a plugin. */
    record CubeActivation(double scale) implements Activation {
        @Override
        public double value(double z) {
            return scale * z * z * z;
        }

        @Override
        public double derivative(double z) {
            return 3 * scale * z * z;
        }

        @Override
        public double secondDerivative(double z) {
            return 6 * scale * z;
        }
    }

    static final Plugin<Activation, Cube> CUBE = Plugin.activation("cube", "scale z^power", Cube.class, p -> new CubeActivation(p.scale()));

    private static SpecNode node(String json) {
        try {
            return SpecNode.root(MAPPER.readTree(json), SpecLocations.index("p.json", json));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String error(String json) {
        return assertThrows(GdflowException.class, () -> PluginParameters.bind(CUBE, node(json), "name")).getMessage();
    }

    @Test
    void snakeCaseSplitsBeforeEachCapital() {
        assertEquals("batch_size", PluginParameters.snakeCase("batchSize"));
        assertEquals("dt", PluginParameters.snakeCase("dt"));
        assertEquals("max_step2_size", PluginParameters.snakeCase("maxStep2Size"));
        assertEquals("alpha", PluginParameters.snakeCase("Alpha"));
    }

    @Test
    void describeListsKeysTypesDefaultsAndDescriptions() {
        List<PluginParameters.Description> d = PluginParameters.describe(CUBE);
        assertEquals(List.of(
                new PluginParameters.Description("scale", "double", null, "the scale factor"),
                new PluginParameters.Description("power", "int", "3", "the power"),
                new PluginParameters.Description("seed", "long", "12345678901", "a seed"),
                new PluginParameters.Description("label", "String", "\"plain\"", "a label"),
                new PluginParameters.Description("enabled", "boolean", "true", "a switch"),
                new PluginParameters.Description("limit", "Integer", "null", "an optional count"),
                new PluginParameters.Description("undocumented", "double", null, "")), d);
        assertTrue(d.get(0).required());
        assertFalse(d.get(1).required());
        assertTrue(d.get(6).required());
    }

    @Test
    void bindsGivenValuesAndFillsDefaults() {
        PluginParameters.Bound b = PluginParameters.bind(CUBE, node("{\"name\": \"cube\", \"scale\": 2.5, \"undocumented\": 1}"), "name");
        // against the values given and the annotations' defaults
        assertEquals(new Cube(2.5, 3, 12345678901L, "plain", true, null, 1), b.parameters());
        assertEquals(MAPPER.createObjectNode().put("scale", 2.5).put("power", 3).put("seed", 12345678901L)
                .put("label", "plain").put("enabled", true).putNull("limit").put("undocumented", 1), b.json());
        PluginParameters.Bound all = PluginParameters.bind(CUBE, node(
                "{\"scale\": 0, \"power\": 5.0, \"seed\": -4, \"label\": \"x\", \"enabled\": false, \"limit\": 7, \"undocumented\": -1.5}"));
        assertEquals(new Cube(0, 5, -4, "x", false, 7, -1.5), all.parameters());
    }

    @Test
    void noParametersBindsFromAMissingNode() {
        Plugin<Activation, NoParameters> plain = Plugin.activation("plain", "z", () -> new CubeActivation(1));
        PluginParameters.Bound b = PluginParameters.bind(plain, node("{}").get("absent"));
        assertEquals(new NoParameters(), b.parameters());
        assertEquals(MAPPER.createObjectNode(), b.json());
        assertEquals("x: unknown parameter 'x' of activation 'plain'; it takes no parameters (p.json line 1)",
                assertThrows(GdflowException.class, () -> PluginParameters.bind(plain, node("{\"x\": 1}"))).getMessage());
    }

    @Test
    void unknownParameterNamesTheKnownOnes() {
        assertEquals("sacle: unknown parameter 'sacle' of activation 'cube'; its parameters are scale, power, seed, label, enabled,"
                + " limit, undocumented (p.json line 2)", error("{\"name\": \"cube\",\n \"sacle\": 1}"));
    }

    @Test
    void theExcludedKeyIsOnlySkippedWhenExcluded() {
        assertEquals("name: unknown parameter 'name' of activation 'cube'; its parameters are scale, power, seed, label, enabled,"
                + " limit, undocumented (p.json line 1)", assertThrows(GdflowException.class,
                        () -> PluginParameters.bind(CUBE, node("{\"name\": \"cube\", \"scale\": 1, \"undocumented\": 1}"))).getMessage());
    }

    @Test
    void missingRequiredParameterSaysWhatToAdd() {
        assertEquals("scale: missing parameter of activation 'cube' (the scale factor); add \"scale\": <value> (p.json line 1)",
                error("{\"undocumented\": 1}"));
        assertEquals("undocumented: missing parameter of activation 'cube'; add \"undocumented\": <value> (p.json line 1)",
                error("{\"scale\": 1}"));
        // JSON null counts as missing
        assertEquals("scale: missing parameter of activation 'cube' (the scale factor); add \"scale\": <value> (p.json line 1)",
                error("{\"scale\": null, \"undocumented\": 1}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"power\": 2.5|power: expected an integer, got 2.5 (p.json line 2)",
        "\"seed\": 1.5|seed: expected an integer, got 1.5 (p.json line 2)",
        "\"power\": \"4\"|power: expected a number, got \"4\" (p.json line 2)",
        "\"seed\": \"4\"|seed: expected a number, got \"4\" (p.json line 2)",
        "\"scale\": \"1.5\"|scale: expected a number, got \"1.5\" (p.json line 2)",
    })
    void wrongTypesAreReportedWithPathAndLine(String member, String message) {
        String scale = member.startsWith("\"scale\"") ? "" : "\"scale\": 1, ";
        assertEquals(message, error("{" + scale + "\"undocumented\": 1,\n" + member + "}"));
    }

    @Test
    void unreadableValuesNameTheTypeAndJacksonsFirstLine() {
        String m = error("{\"scale\": 1, \"undocumented\": 1,\n\"power\": \"four\"}");
        // against Jackson 2.17's own first line
        assertTrue(m.startsWith("power: cannot read a int from \"four\": Cannot deserialize value of type `int` from String \"four\""), m);
        assertTrue(m.endsWith(" (p.json line 2)"), m);
        assertFalse(m.substring(0, m.length() - 16).contains("\n"), "first line only: " + m);
        String list = error("{\"scale\": [1], \"undocumented\": 1}");
        assertTrue(list.startsWith("scale: cannot read a double from [1]: "), list);
    }

    @Test
    void aWholeNumberWrittenAsADecimalIsAnInteger() {
        PluginParameters.Bound b = PluginParameters.bind(CUBE, node("{\"scale\": 1, \"undocumented\": 1, \"power\": 4.0, \"seed\": 2e3}"));
        assertEquals(4, ((Cube) b.parameters()).power());
        assertEquals(2000L, ((Cube) b.parameters()).seed());
    }

    @Test
    void theRecordsOwnCheckIsReportedAtThePluginsNode() {
        assertEquals("activation 'cube': scale must be >= 0, got -1.0 (p.json line 1)", error("{\"scale\": -1, \"undocumented\": 1}"));
    }

    /** A parameter record its plugin keeps private: its constructor is reachable only through setAccessible. */
    private record Hidden(@Parameter(description = "x", defaultValue = "2") double x) {
    }

    @Test
    void aPrivateParameterRecordIsBound() {
        Plugin<Activation, Hidden> hidden = Plugin.activation("hidden", "x", Hidden.class, p -> new CubeActivation(p.x()));
        assertEquals(new Hidden(0.5), PluginParameters.bind(hidden, node("{\"x\": 0.5}")).parameters());
        assertEquals(new Hidden(2), PluginParameters.bind(hidden, node("{}")).parameters());
    }

    @Test
    void aDefaultThatIsNotJsonIsThePluginsBug() {
        Plugin<Activation, BadDefault> bad = Plugin.activation("bad", "bad", BadDefault.class, p -> new CubeActivation(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PluginParameters.bind(bad, node("{}")));
        assertEquals("activation 'bad' has a default for x that is not JSON: not json", e.getMessage());
    }
}
