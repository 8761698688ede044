package org.gdflow.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.plugin.PluginDiscovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The resolved spec as JSON: against the document written out by hand, and read back unchanged. */
class SpecJsonTest {
    private static final PluginCatalog CATALOG = PluginDiscovery.discover();
    private static final SpecReader READER = new SpecReader(CATALOG);

    private static Spec read(String json, Path dir) {
        return READER.read(json, "spec.json", dir, List.of());
    }

    /** Writes (as run on ejml), reads back, writes again: the two documents and the resolved parts are equal. */
    private static void assertRoundTrip(Spec spec) {
        String first = SpecJson.write(spec, "ejml").toString();
        Spec again = READER.read(first, "written", spec.baseDir(), List.of());
        assertEquals(first, SpecJson.write(again, "ejml").toString());
        assertEquals("ejml", again.backend().name());
        assertEquals(spec.name(), again.name());
        assertEquals(spec.seed(), again.seed());
        assertEquals(spec.data(), again.data());
        assertEquals(spec.test(), again.test());
        assertEquals(spec.model(), again.model());
        assertEquals(spec.loss(), again.loss());
        assertEquals(spec.integrator(), again.integrator());
        assertEquals(spec.stop(), again.stop());
        assertEquals(spec.observe(), again.observe());
        assertEquals(spec.output(), again.output());
        assertEquals(spec.theory(), again.theory());
        assertEquals(spec.checkpoint(), again.checkpoint());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"every_steps\": 50}|{\"every_steps\":50}|50|0.0",
        "{\"every_seconds\": 1.5}|{\"every_seconds\":1.5}|0|1.5",
        "{\"every_steps\": 7, \"every_seconds\": 2}|{\"every_steps\":7,\"every_seconds\":2.0}|7|2.0",
        "false|false|0|0.0",
        "true|{\"every_seconds\":60.0}|0|60.0"})
    void theCheckpointPolicyIsWrittenAsGivenAndReadsBack(String given, String written, long steps, double seconds) {
        Spec spec = read("""
                { "data": {"kind": "sphere", "n": 4, "d": 2, "target": {"kind": "random"}}, "model": {"width": 4, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"time": 2}, "checkpoint": %s }
                """.formatted(given), null);
        assertEquals(new Spec.CheckpointSpec(steps, seconds), spec.checkpoint());
        assertEquals(written, SpecJson.write(spec, "ejml").get("checkpoint").toString());
        assertRoundTrip(spec);
    }

    @Test
    void aTeacherSpecIsWrittenWithEveryDefault() {
        Spec spec = read("""
                { "name": "t", "seed": 5, "loss": "sum",
                  "data": {"kind": "sphere", "n": 4, "d": 2, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
                  "model": {"width": 4, "activation": "tanh", "scaling": {"name": "power", "alpha": 0.75},
                            "init": {"w": {"kind": "gaussian", "std": 0.5}, "a": {"kind": "constant", "value": -2}, "symmetric": true}},
                  "integrator": {"name": "gd", "lr": 0.2},
                  "stop": {"max_steps": 30, "loss_below": 1e-6, "diverge_factor": 100},
                  "observe": {"every": 3, "metrics": ["gram_min_eig"]},
                  "output": {"parameters": true}, "theory": {"rule": "hermite"} }
                """, null);
        // against the document written out by hand: defaults filled in, "auto" replaced by the backend that ran
        assertEquals("{\"name\":\"t\",\"seed\":5,"
                + "\"data\":{\"kind\":\"sphere\",\"n\":4,\"d\":2,\"target\":{\"kind\":\"teacher\",\"width\":3,\"activation\":{\"name\":\"tanh\"}}},"
                + "\"model\":{\"width\":4,\"activation\":{\"name\":\"tanh\"},\"scaling\":{\"name\":\"power\",\"alpha\":0.75},"
                + "\"train\":[\"w\",\"a\"],\"init\":{\"w\":{\"kind\":\"gaussian\",\"std\":0.5},\"a\":{\"kind\":\"constant\",\"value\":-2.0},"
                + "\"symmetric\":true}},"
                + "\"loss\":\"sum\",\"integrator\":{\"name\":\"gd\",\"lr\":0.2,\"momentum\":0,\"batch_size\":0},"
                + "\"stop\":{\"time\":null,\"max_steps\":30,\"loss_below\":1.0E-6,\"diverge_factor\":100.0},"
                + "\"observe\":{\"every\":3,\"metrics\":[\"gram_min_eig\"],\"rate_window\":{\"from\":0.5,\"to\":1.0}},\"backend\":{\"name\":\"ejml\"},"
                + "\"output\":{\"parameters\":true,\"data\":false},\"theory\":{\"enabled\":true,\"rule\":\"hermite\",\"quadrature_degree\":128},"
                + "\"checkpoint\":{\"every_seconds\":60.0}}",
                SpecJson.write(spec, "ejml").toString());
        assertRoundTrip(spec);
    }

    @Test
    void functionAndRandomTargetsAndTheDefaultInit() {
        Spec sin = read("""
                { "data": {"kind": "gaussian", "n": 4, "d": 2, "target": {"kind": "function", "name": "sin"}},
                  "model": {"width": 4, "activation": "tanh", "scaling": "ntk", "train": ["a"]},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"time": 2} }
                """, null);
        assertEquals("{\"kind\":\"gaussian\",\"n\":4,\"d\":2,\"target\":{\"kind\":\"function\",\"name\":\"sin\",\"frequency\":"
                + Math.PI + "}}", SpecJson.write(sin, "ejml").get("data").toString());
        assertEquals("{\"width\":4,\"activation\":{\"name\":\"tanh\"},\"scaling\":{\"name\":\"ntk\"},\"train\":[\"a\"],"
                + "\"init\":{\"w\":{\"kind\":\"gaussian\",\"std\":1.0},\"a\":{\"kind\":\"rademacher\"},\"symmetric\":false}}",
                SpecJson.write(sin, "ejml").get("model").toString());
        assertEquals("{\"time\":2.0,\"max_steps\":null,\"loss_below\":0.0,\"diverge_factor\":1.0E8}",
                SpecJson.write(sin, "ejml").get("stop").toString());
        assertEquals("{\"name\":\"run\",\"seed\":0}", SpecJson.write(sin, "ejml").deepCopy().retain("name", "seed").toString());
        assertEquals("{\"every\":10,\"metrics\":[],\"rate_window\":{\"from\":0.5,\"to\":1.0}}", SpecJson.write(sin, "ejml").get("observe").toString());
        assertEquals("{\"enabled\":false,\"rule\":\"polar\",\"quadrature_degree\":64}", SpecJson.write(sin, "ejml").get("theory").toString());
        assertRoundTrip(sin);
        Spec random = read("""
                { "data": {"kind": "sphere", "n": 4, "d": 2, "target": {"kind": "random"}},
                  "model": {"width": 4, "activation": "relu", "scaling": "mean-field", "train": ["w"]},
                  "integrator": {"name": "rk4", "dt": 0.1}, "stop": {"time": 2, "max_steps": 5} }
                """, null);
        assertEquals("{\"kind\":\"random\",\"distribution\":\"uniform\"}", SpecJson.write(random, "nd4j").get("data").get("target").toString());
        assertTrue(SpecJson.write(random, "nd4j").get("data").get("test") == null, "no test set, no key");
        Spec withTest = read("""
                { "data": {"kind": "sphere", "n": 4, "d": 2, "target": {"kind": "random", "distribution": "gaussian"}, "test": {"n": 9}},
                  "model": {"width": 4, "activation": "relu", "scaling": "mean-field", "train": ["w"]},
                  "integrator": {"name": "rk4", "dt": 0.1}, "stop": {"time": 2, "max_steps": 5} }
                """, null);
        assertEquals("{\"kind\":\"sphere\",\"n\":4,\"d\":2,\"target\":{\"kind\":\"random\",\"distribution\":\"gaussian\"},"
                + "\"test\":{\"n\":9}}", SpecJson.write(withTest, "ejml").get("data").toString());
        assertRoundTrip(withTest);
        assertEquals("[\"w\"]", SpecJson.write(random, "nd4j").get("model").get("train").toString());
        assertEquals("{\"name\":\"nd4j\"}", SpecJson.write(random, "nd4j").get("backend").toString());
        assertRoundTrip(random);
    }

    @Test
    void csvDataAndCsvInitWriteTheirResolvedPaths(@TempDir Path dir) throws IOException {
        for (String f : List.of("x.csv", "y.csv", "w.csv", "iw.csv", "ia.csv")) {
            Files.writeString(dir.resolve(f), "1\n");
        }
        Spec spec = read("""
                { "data": {"kind": "csv", "x": "x.csv", "y": "y.csv", "weights": "w.csv"},
                  "model": {"width": 1, "activation": "tanh", "scaling": "ntk",
                            "init": {"w": {"kind": "csv", "path": "iw.csv"}, "a": {"kind": "csv", "path": "ia.csv"}}},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"time": 2} }
                """, dir);
        var json = SpecJson.write(spec, "ejml");
        assertEquals("{\"kind\":\"csv\",\"x\":" + quoted(dir.resolve("x.csv")) + ",\"y\":" + quoted(dir.resolve("y.csv"))
                + ",\"weights\":" + quoted(dir.resolve("w.csv")) + ",\"header\":false}", json.get("data").toString());
        assertEquals("{\"w\":{\"kind\":\"csv\",\"path\":" + quoted(dir.resolve("iw.csv")) + ",\"header\":false},\"a\":{\"kind\":\"csv\",\"path\":"
                + quoted(dir.resolve("ia.csv")) + ",\"header\":false},\"symmetric\":false}", json.get("model").get("init").toString());
        assertRoundTrip(spec);
        Spec noWeights = READER.with(spec, "data", "{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"}");
        assertEquals("{\"kind\":\"csv\",\"x\":" + quoted(dir.resolve("x.csv")) + ",\"y\":" + quoted(dir.resolve("y.csv")) + ",\"header\":false}",
                SpecJson.write(noWeights, "ejml").get("data").toString());
    }

    private static String quoted(Path p) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(p.toString()).toString();
    }
}
