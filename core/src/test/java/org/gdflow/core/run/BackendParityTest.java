package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every backend found runs the same spec to the same numbers as ejml: the loss at every recorded
 * step to 1e-10 relative for every activation × scaling × trainable set × integrator, and every
 * metric and diagnostic to 1e-8.
 */
class BackendParityTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    static List<String> otherBackends() {
        List<String> names = new ArrayList<>(GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet());
        names.remove("ejml");
        return names;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : otherBackends()) {
            for (String activation : GDFLOW.catalog().plugins(PluginKind.ACTIVATION).keySet()) {
                for (String scaling : List.of("\"ntk\"", "\"mean-field\"", "{\"name\": \"power\", \"alpha\": 0.75}")) {
                    for (String train : List.of("[\"w\"]", "[\"a\"]", "[\"w\", \"a\"]")) {
                        for (String integrator : List.of("{\"name\": \"euler\", \"dt\": 0.2}", "{\"name\": \"rk4\", \"dt\": 0.2}",
                                "{\"name\": \"gd\", \"lr\": 0.2, \"momentum\": 0.5, \"batch_size\": 7}")) {
                            cases.add(Arguments.of(backend, activation, scaling, train, integrator));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    private static Spec spec(String backend, String activation, String scaling, String train, String integrator) {
        return GDFLOW.spec("""
                { "seed": 5,
                  "data": {"kind": "sphere", "n": 13, "d": 4, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
                  "model": {"width": 24, "activation": "%s", "scaling": %s, "train": %s},
                  "integrator": %s, "stop": {"max_steps": 15}, "observe": {"every": 1}, "backend": "%s" }
                """.formatted(activation, scaling, train, integrator, backend), null);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @MethodSource("cases")
    void lossAgreesWithEjmlAtEveryRecordedStep(String backend, String activation, String scaling, String train, String integrator) {
        double[] reference = GDFLOW.run(spec("ejml", activation, scaling, train, integrator)).trajectory().column("loss");
        double[] other = GDFLOW.run(spec(backend, activation, scaling, train, integrator)).trajectory().column("loss");
        assertEquals(16, reference.length);
        assertEquals(reference.length, other.length);
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], other[i], 1e-10 * Math.abs(reference[i]), "step " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"name\": \"rk4\", \"dt\": 0.5}", "{\"name\": \"gd\", \"lr\": 0.5, \"batch_size\": 65}"})
    void lossAgreesWithEjmlWhereNd4jComputesZInSteps(String integrator) {
        // n·m = 70·8192 and the batch's 65·8192 are ≥ 2¹⁹: nd4j's blocked field, 16 rows per lane and step
        // (lanes of 35 rows, so a ragged last step), the lanes on two threads where there are two
        String json = """
                { "seed": 3,
                  "data": {"kind": "sphere", "n": 70, "d": 4, "target": {"kind": "random"}},
                  "model": {"width": 8192, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": %s, "stop": {"max_steps": 6}, "observe": {"every": 1}, "backend": "%s" }
                """;
        double[] reference = GDFLOW.run(GDFLOW.spec(json.formatted(integrator, "ejml"), null)).trajectory().column("loss");
        double[] other = GDFLOW.run(GDFLOW.spec(json.formatted(integrator, "nd4j"), null)).trajectory().column("loss");
        assertEquals(7, reference.length);
        assertEquals(reference.length, other.length);
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], other[i], 1e-10 * Math.abs(reference[i]), "step " + i);
        }
    }

    @Test
    void everyMetricAndDiagnosticAgreesWithEjml() {
        assertTrue(!otherBackends().isEmpty(), "a second backend (nd4j) is on the test class path");
        String json = """
                { "seed": 9, "theory": true,
                  "data": {"kind": "sphere", "n": 20, "d": 5, "target": {"kind": "random"}},
                  "model": {"width": 256, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": {"name": "rk4", "dt": 0.5}, "stop": {"time": 10.0}, "observe": {"every": 2,
                  "metrics": ["gram_min_eig", "gram_max_eig", "max_weight_change", "rel_weight_change", "max_a_change", "lin_deviation"]},
                  "backend": "%s" }
                """;
        RunResult reference = GDFLOW.run(GDFLOW.spec(json.formatted("ejml"), null));
        for (String backend : otherBackends()) {
            RunResult other = GDFLOW.run(GDFLOW.spec(json.formatted(backend), null));
            for (String column : reference.trajectory().columns()) {
                double[] a = reference.trajectory().column(column);
                double[] b = other.trajectory().column(column);
                for (int i = 0; i < a.length; i++) {
                    // lin_deviation starts at round-off level (1e-16); compare it against the loss scale
                    double scale = column.equals("lin_deviation") ? 1.0 : Math.abs(a[i]);
                    assertEquals(a[i], b[i], 1e-8 * scale, backend + " " + column + " row " + i);
                }
            }
            for (Map.Entry<String, Object> e : reference.diagnostics().entrySet()) {
                if (e.getValue() instanceof Double value) {
                    double otherValue = (Double) other.diagnostics().get(e.getKey());
                    assertEquals(value, otherValue, 1e-8 * Math.abs(value), backend + " " + e.getKey());
                }
            }
        }
    }

    @Test
    void autoTakesTheNativeBackendOnlyForLargeProblems() {
        String json = """
                { "data": {"kind": "gaussian", "n": %d, "d": 16, "target": {"kind": "random"}},
                  "model": {"width": 64, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"max_steps": 2} }
                """;
        // n·m·d = 4·64·16 = 4096 < 65536: ejml; 128·64·16 = 131072: nd4j
        RunResult small = GDFLOW.run(GDFLOW.spec(json.formatted(4), null));
        assertEquals("ejml", small.provenance().backend());
        RunResult large = GDFLOW.run(GDFLOW.spec(json.formatted(128), null));
        assertEquals("nd4j", large.provenance().backend());
        assertEquals(List.of("nd4j", "ejml"), GDFLOW.runner().backendCandidates(GDFLOW.spec(json.formatted(128), null), 128, 16));
    }
}
