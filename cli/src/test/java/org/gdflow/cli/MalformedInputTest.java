package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gdflow.cli.CliTest.Outcome;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed specs, CSV files and options, one row each: the exit status (2 bad input, 4 refused
 * for want of memory), a single line on standard error with no stack trace, and the message that
 * names the field (its JSON path and the spec's line, or the --set), or the file, line and column.
 * The run folder is never made for input refused before the run.
 */
class MalformedInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A valid spec; each case changes one thing. Written one key per line, so the lines below are known. */
    private static final String BASE = """
            {
              "name": "base",
              "seed": 1,
              "data": {"kind": "sphere", "n": 8, "d": 3, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
              "model": {"width": 8, "activation": "tanh", "scaling": "ntk"},
              "integrator": {"name": "rk4", "dt": 0.1},
              "stop": {"max_steps": 3},
              "backend": "ejml"
            }
            """;
    private static final String X = "1,0\n0,1\n0.6,0.8\n-1,0\n";
    private static final String Y = "1\n-1\n0.5\n0\n";

    @TempDir
    Path dir;

    /**
     * One malformed input.
     *
     * @param name what is wrong
     * @param spec the spec's text ({@code {dir}} is replaced by the test folder)
     * @param files other files by name, and their text
     * @param args extra arguments after the spec
     * @param status the exit status
     * @param message what standard error says after "gdflow: ", {@code {dir}} and {@code {spec}} replaced
     */
    record Case(String name, String spec, Map<String, String> files, List<String> args, int status, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case spec(String name, String spec, String message) {
        return new Case(name, spec, Map.of(), List.of(), 2, "error: " + message);
    }

    /** BASE with the value at a dotted path replaced by {@code json} (null: removed). */
    private static String with(String path, String json) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(BASE);
            String[] parts = path.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode next = node.get(parts[i]);
                node = next instanceof ObjectNode o ? o : node.putObject(parts[i]);
            }
            if (json == null) {
                node.remove(parts[parts.length - 1]);
            } else {
                node.set(parts[parts.length - 1], MAPPER.readTree(json));
            }
            // one top-level key per line, as BASE
            StringBuilder text = new StringBuilder("{\n");
            List<String> keys = new ArrayList<>();
            root.fieldNames().forEachRemaining(keys::add);
            for (int i = 0; i < keys.size(); i++) {
                text.append("  \"").append(keys.get(i)).append("\": ").append(root.get(keys.get(i))).append(i < keys.size() - 1 ? ",\n" : "\n");
            }
            return text.append("}\n").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Case csv(String name, String x, String y, String extra, String message) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("x.csv", x);
        files.put("y.csv", y);
        files.put("w.csv", "1\n2\n-0.5\n1\n");
        files.put("iw.csv", "1,2,3\n");
        return new Case(name, with("data", "{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"" + extra + "}"), files, List.of(), 2,
                "error: " + message);
    }

    static Stream<Case> cases() {
        String set = "(--set ";
        return Stream.of(
                spec("not JSON", "{\"name\": ", "{spec} line 1 column 10: not valid JSON: Unexpected end-of-input within/between"
                        + " Object entries"),
                spec("a list, not an object", "[1, 2]", "{spec}: a spec is a JSON object {...}"),
                spec("an unknown top-level key", with("sed", "1"), "sed: unknown key 'sed'; the keys here are backend, checkpoint,"
                        + " data, integrator, loss, model, name, observe, output, seed, stop, theory ({spec} line 9)"),
                spec("a name that cannot name a folder", with("name", "\"a/b\""), "name: 'a/b' cannot name a folder; use letters,"
                        + " digits, '-', '_' or '.' ({spec} line 2)"),
                spec("a seed that is text", with("seed", "\"one\""), "seed: expected an integer, got the string \"one\" ({spec} line 3)"),
                spec("no data", with("data", null), "data: missing; add an object here ({spec} line 1)"),
                spec("an unknown data kind", with("data.kind", "\"cube\""), "data.kind: 'cube' is not one of sphere, gaussian, csv"
                        + " ({spec} line 4)"),
                spec("no points", with("data.n", "0"), "data.n: must be a positive integer, got 0 ({spec} line 4)"),
                spec("a negative dimension", with("data.d", "-3"), "data.d: must be a positive integer, got -3 ({spec} line 4)"),
                spec("n beyond an int", with("data.n", "3000000000"), "data.n: must be a positive integer, got 3000000000 ({spec} line 4)"),
                spec("no target", with("data.target", null), "data.target: missing; add an object here ({spec} line 4)"),
                spec("a teacher of width 0", with("data.target.width", "0"), "data.target.width: must be a positive integer, got 0"
                        + " ({spec} line 4)"),
                spec("an unknown teacher activation", with("data.target.activation", "\"tan\""), "data.target.activation: no activation"
                        + " plugin is named 'tan' (did you mean 'tanh'?); the activation plugins are erf, relu, sigmoid, softplus, tanh"
                        + " (run `gdflow plugins` for details; plugins in jars are loaded with --plugins DIR or GDFLOW_PLUGIN_PATH)"
                        + " ({spec} line 4)"),
                spec("a sin target with a degree", with("data.target", "{\"kind\": \"function\", \"name\": \"sin\", \"degree\": 2}"),
                        "data.target.degree: unknown key 'degree'; the keys here are frequency, kind, name ({spec} line 4)"),
                spec("no model", with("model", null), "model: missing; add an object here ({spec} line 1)"),
                spec("a width of 0", with("model.width", "0"), "model.width: must be a positive integer, got 0 ({spec} line 5)"),
                spec("a width of 1.5", with("model.width", "1.5"), "model.width: expected an integer, got the number 1.5 ({spec} line 5)"),
                spec("a width as text", with("model.width", "\"wide\""), "model.width: expected an integer, got the string \"wide\""
                        + " ({spec} line 5)"),
                spec("an unknown activation", with("model.activation", "\"gelu\""), "model.activation: no activation plugin is named"
                        + " 'gelu' (did you mean 'relu'?); the activation plugins are erf, relu, sigmoid, softplus, tanh"
                        + " (run `gdflow plugins` for details; plugins in jars are loaded with --plugins DIR or GDFLOW_PLUGIN_PATH)"
                        + " ({spec} line 5)"),
                spec("an unknown trained part", with("model.train", "[\"b\"]"), "model.train: 'b' is not a trainable part; use"
                        + " [\"w\"], [\"a\"] or [\"w\", \"a\"] ({spec} line 5)"),
                spec("nothing trained", with("model.train", "[]"), "model.train: nothing to train; use [\"w\"], [\"a\"] or [\"w\","
                        + " \"a\"] ({spec} line 5)"),
                spec("a negative std", with("model.init", "{\"w\": {\"kind\": \"gaussian\", \"std\": -1}}"), "model.init.w.std: must"
                        + " be positive, got -1.0 ({spec} line 5)"),
                spec("a std for rademacher, which has none", with("model.init", "{\"a\": {\"kind\": \"rademacher\", \"std\": 2}}"),
                        "model.init.a.std: unknown key 'std'; the keys here are kind ({spec} line 5)"),
                spec("symmetric pairs of an odd width", with("model", "{\"width\": 7, \"activation\": \"tanh\", \"scaling\": \"ntk\","
                        + " \"init\": {\"symmetric\": true}}"), "model.init.symmetric: symmetric initialisation pairs neurons, so"
                        + " model.width must be even, got 7 ({spec} line 5)"),
                spec("an unknown loss", with("loss", "\"median\""), "loss: 'median' is not one of mean, sum ({spec} line 9)"),
                spec("no integrator", with("integrator", null), "integrator: missing; add for example \"integrator\": {\"name\":"
                        + " \"rk4\", \"dt\": 0.05} ({spec} line 1)"),
                spec("an unknown integrator", with("integrator.name", "\"rk45\""), "integrator.name: no integrator plugin is named"
                        + " 'rk45' (did you mean 'rk4'?); the integrator plugins are euler, gd, rk4"
                        + " (run `gdflow plugins` for details; plugins in jars are loaded with --plugins DIR or GDFLOW_PLUGIN_PATH) ({spec} line 6)"),
                spec("rk4 without dt", with("integrator", "{\"name\": \"rk4\"}"), "integrator.dt: missing parameter of integrator"
                        + " 'rk4' (time step dt > 0); add \"dt\": <value> ({spec} line 6)"),
                spec("a negative dt", with("integrator.dt", "-0.1"), "integrator: integrator 'rk4': dt must be positive and finite,"
                        + " got -0.1; use a step such as 0.01 ({spec} line 6)"),
                spec("an unknown integrator parameter", with("integrator.momentum", "0.9"), "integrator.momentum: unknown parameter"
                        + " 'momentum' of integrator 'rk4'; its parameters are dt ({spec} line 6)"),
                spec("no stop", with("stop", null), "stop: missing; add for example \"stop\": {\"time\": 50.0} ({spec} line 1)"),
                spec("a stop that never comes", with("stop", "{\"loss_below\": 1e-6}"), "stop: give \"time\" or \"max_steps\" (or"
                        + " both), so the run ends ({spec} line 7)"),
                spec("no steps", with("stop.max_steps", "0"), "stop.max_steps: must be a positive integer, got 0 ({spec} line 7)"),
                spec("a negative loss threshold", with("stop.loss_below", "-1"), "stop.loss_below: must be ≥ 0, got -1.0 ({spec} line 7)"),
                spec("recording every 0 steps", with("observe", "{\"every\": 0}"), "observe.every: must be a positive integer, got 0"
                        + " ({spec} line 9)"),
                spec("an unknown metric", with("observe", "{\"metrics\": [\"ntk_drift\"]}"), "observe.metrics: unknown metric"
                        + " 'ntk_drift'; the metrics are gram_min_eig, gram_max_eig, max_weight_change, rel_weight_change,"
                        + " max_a_change, lin_deviation, pattern_flip_fraction ({spec} line 9)"),
                spec("a metric of a not trained", with("model.train", "[\"w\"]").replace("\"backend\"", "\"observe\": {\"metrics\":"
                        + " [\"max_a_change\"]},\n  \"backend\""), "observe.metrics: 'max_a_change' measures the output weights a, but"
                        + " a is not trained (model.train = [w]); remove it from observe.metrics or add \"a\" to model.train"),
                spec("an unknown backend", with("backend", "\"cuda\""), "backend: no backend plugin is named 'cuda'; the backend"
                        + " plugins are ejml, nd4j"
                        + " (run `gdflow plugins` for details; plugins in jars are loaded with --plugins DIR or GDFLOW_PLUGIN_PATH) ({spec} line 8)"),
                spec("too fine a quadrature", with("theory", "{\"quadrature_degree\": 500}"), "theory.quadrature_degree: the polar rule"
                        + " takes at most 128 nodes, got 500 ({spec} line 9)"),
                spec("a checkpoint every 0 steps", with("checkpoint", "{\"every_steps\": 0}"), "checkpoint.every_steps: must be a"
                        + " positive integer, got 0 ({spec} line 9)"),
                spec("a checkpoint block without a period", with("checkpoint", "{}"), "checkpoint: give \"every_steps\" or"
                        + " \"every_seconds\" (or false for no periodic checkpoints) ({spec} line 9)"),
                spec("an unknown output", with("output", "{\"plots\": true}"), "output.plots: unknown key 'plots'; the keys here are"
                        + " data, parameters ({spec} line 9)"),
                new Case("a misspelt --set", BASE, Map.of(), List.of("--set", "modle.width=4"), 2, "error: modle: unknown key 'modle';"
                        + " the keys here are backend, checkpoint, data, integrator, loss, model, name, observe, output, seed, stop,"
                        + " theory " + set + "modle.width=4)"),
                new Case("a --set without a value", BASE, Map.of(), List.of("--set", "model.width"), 2, "error: --set model.width:"
                        + " expected key.path=value, for example --set model.width=1024"),
                new Case("power without alpha, by --set", BASE, Map.of(), List.of("--set", "model.scaling=power"), 2, "error:"
                        + " model.scaling.alpha: missing parameter of scaling 'power' (exponent alpha of s(m) = m^-alpha, tau(m) ="
                        + " m^(2 alpha - 1); 0.5 is ntk, 1 is mean-field); add \"alpha\": <value> " + set + "model.scaling=power)"),
                csv("a missing csv file", X, Y, ", \"weights\": \"nope.csv\"", "data.weights: file not found: {dir}/nope.csv (relative"
                        + " paths are resolved against the spec's folder) ({spec} line 4)"),
                csv("an undeclared text header", "x1,x2\n" + X, Y, "", "{dir}/x.csv line 1, column 1: 'x1' is not a number; if this"
                        + " first row is a header, declare it with \"header\": true (data.header)"),
                csv("pandas' numeric header, undeclared", "0,1\n" + X, "0\n" + Y, "", "{dir}/x.csv line 1: the first row 0,1 numbers"
                        + " the columns (a header, as pandas writes with index=False) while the rows below are not whole numbers;"
                        + " declare it with \"header\": true (data.header) so it is skipped, or remove it"),
                csv("a ragged row", "1,0\n0,1\n0.6\n-1,0\n", Y, "", "{dir}/x.csv line 3: 1 columns, but earlier rows have 2; every row"
                        + " needs the same number of comma-separated values"),
                csv("text in a row", "1,0\n0,abc\n0.6,0.8\n-1,0\n", Y, "", "{dir}/x.csv line 2, column 2: 'abc' is not a number; the"
                        + " file must hold plain numbers"),
                csv("a NaN", X, "1\n-1\nNaN\n0\n", "", "{dir}/y.csv line 3, column 1: NaN is not finite; remove or replace it"),
                csv("two target columns", X, "1,1\n-1,1\n0.5,1\n0,1\n", "", "{dir}/y.csv: expected one value per line (the targets),"
                        + " found 2 columns"),
                csv("fewer targets than points", X, "1\n-1\n0.5\n", "", "data.y: {dir}/y.csv has 3 rows but data.x {dir}/x.csv has 4;"
                        + " they need one row per data point each"),
                csv("a negative weight", X, Y, ", \"weights\": \"w.csv\"", "data.weights: {dir}/w.csv row 3: weight -0.5 is negative"),
                csv("an empty file", "", Y, "", "{dir}/x.csv: no data rows"),
                csv("a header declared on a file that is only a header", "x1,x2\n", "y\n", ", \"header\": true", "{dir}/x.csv: no data"
                        + " rows below the header"),
                csv("a file changed since the spec was resolved", X, Y, ", \"sha256\": {\"x\": \"" + "0".repeat(64) + "\"}", "data.sha256.x:"
                        + " {dir}/x.csv has SHA-256 " + CliTest.sha256(X) + " now, but the spec pins " + "0".repeat(64) + ": the file"
                        + " changed since the spec was resolved; restore it, or remove the pin to use the new file"),
                csv("a pin that is not a SHA-256", X, Y, ", \"sha256\": {\"x\": \"abc\"}", "data.sha256.x: expected a SHA-256 as 64"
                        + " lower-case hexadecimal digits, got 'abc' ({spec} line 4)"),
                csv("a pinned n the file no longer has", X, Y, ", \"n\": 5", "data.n: {dir}/x.csv has 4 rows now, but the spec pins n = 5:"
                        + " the file changed since the spec was resolved; restore it, or remove the pin"),
                new Case("a loss beside weights", with("data", "{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\", \"weights\":"
                        + " \"y.csv\"}").replace("\"backend\"", "\"loss\": \"mean\",\n  \"backend\""), Map.of("x.csv", X, "y.csv", "1\n1\n1\n1\n"),
                        List.of(), 2, "error: loss: the string \"mean\" would have no effect: data.weights give μ_i, so the loss is"
                        + " 1/2 Σ μ_i (f − y)²; remove loss (or write \"weights\") ({spec} line 8)"),
                new Case("an init file of the wrong shape", with("model.init", "{\"w\": {\"kind\": \"csv\", \"path\": \"iw.csv\"}}"),
                        Map.of("iw.csv", "1,2,3\n"), List.of(), 2, "error: model.init.w.path: {dir}/iw.csv has 1×3 values; expected"
                        + " 8×3 (model.width rows of d = 3 values)"),
                new Case("a width whose parameters no Java array holds", BASE, Map.of(), List.of("--set", "model.width=1000000000"), 4,
                        "refused: θ (m·d + m = 1000000000·3 + 1000000000) would hold 4,000,000,000 values, more than a Java array can"
                        + " (2,147,483,639); use model.width ≤ "),
                new Case("a width no heap holds", BASE, Map.of(), List.of("--set", "model.width=100000000"), 4,
                        "refused: the run needs about 92.8 GB of Java heap (data 384 B, parameters 35.2 GB, kernels 57.6 GB, gram"
                        + " 1.5 kB) and 67.1 MB for gdflow itself, but Java may use at most "),
                new Case("a missing spec file", null, Map.of(), List.of(), 2, "error: spec file not found: {dir}/missing.json; check the"
                        + " path (relative paths are against the current folder)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsExitStatusAndAMessageThatNamesWhere(Case c) throws IOException {
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Path spec = dir.resolve(c.spec() == null ? "missing.json" : "spec.json");
        if (c.spec() != null) {
            Files.writeString(spec, c.spec());
        }
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--out", out.toString()));
        args.addAll(c.args());
        Outcome o = CliTest.cli(args.toArray(String[]::new));
        String expected = "gdflow: " + c.message().replace("{dir}", dir.toString()).replace("{spec}", spec.toString());
        assertEquals(c.status(), o.status(), o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(1, lines.size(), "one line, no stack trace: " + o.err());
        if (c.status() == 4 || c.message().endsWith("≤ ")) {
            assertTrue(lines.get(0).startsWith(expected), lines.get(0));
        } else {
            assertEquals(expected, lines.get(0));
        }
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        if (!c.name().equals("a metric of a not trained") && !c.name().equals("an init file of the wrong shape")) {
            assertFalse(Files.exists(out), "refused before the output folder is made");
        }
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastFortyCases() {
        assertTrue(cases().count() >= 40, "cases: " + cases().count());
    }
}
