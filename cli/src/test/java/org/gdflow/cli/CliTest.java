package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: outputs of a good run, and the message of each bad spec. */
class CliTest {
    static final String QUICK = """
            { "name": "tanh-ntk", "seed": 7,
              "data": {"kind": "sphere", "n": 16, "d": 4, "target": {"kind": "teacher", "width": 4, "activation": "tanh"}},
              "model": {"width": 32, "activation": "tanh", "scaling": "ntk", "train": ["w"],
                        "init": {"w": {"kind": "gaussian"}, "a": {"kind": "rademacher"}, "symmetric": false}},
              "loss": "mean",
              "integrator": {"name": "rk4", "dt": 0.05},
              "stop": {"time": 2.0, "max_steps": 100000, "loss_below": 1e-12},
              "observe": {"every": 7},
              "backend": "ejml",
              "output": {"parameters": true} }
            """;

    @TempDir
    Path dir;

    record Outcome(int status, String out, String err) {
    }

    static Outcome cli(String... args) {
        return cli(false, args);
    }

    /** As on a terminal: with progress bars. */
    static Outcome cliOnTerminal(String... args) {
        return cli(true, args);
    }

    private static Outcome cli(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal).execute(args);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void runWritesTrajectorySummaryAndParameters() throws IOException {
        Path spec = write("quick.json", QUICK);
        Path out = dir.resolve("out");
        Outcome o = cli("run", spec.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("time_limit after 40 steps"), o.out());

        List<String> lines = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("step,time,loss", lines.get(0));
        // rows at steps 0, 7, ..., 35 and the last step 40
        assertEquals(1 + 5 + 1, lines.size() - 1);
        assertTrue(lines.get(1).startsWith("0,0.0,"));
        assertTrue(lines.get(lines.size() - 1).startsWith("40,2.0,"), lines.get(lines.size() - 1));

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("time_limit", summary.get("status").asText());
        assertEquals(40, summary.get("steps").asInt());
        assertEquals(2.0, summary.get("time").asDouble(), 1e-12);
        double lastLoss = Double.parseDouble(lines.get(lines.size() - 1).split(",")[2]);
        assertEquals(lastLoss, summary.get("final_loss").asDouble(), 0.0);
        assertEquals(32, summary.at("/spec/model/width").asInt());
        assertEquals(0.05, summary.at("/spec/integrator/dt").asDouble(), 0.0);
        assertEquals("ejml", summary.at("/provenance/backend").asText());
        assertEquals(7, summary.at("/provenance/seed").asInt());
        assertTrue(summary.at("/provenance/java_version").asText().startsWith("17") || !summary.at("/provenance/java_version").asText().isEmpty());
        assertTrue(summary.get("wall_seconds").asDouble() > 0);

        assertEquals(32, Files.readAllLines(out.resolve("params/w0.csv")).size());
        assertEquals(4, Files.readAllLines(out.resolve("params/w.csv")).get(0).split(",").length);
        assertEquals(32, Files.readAllLines(out.resolve("params/a.csv")).size());
        // train: ["w"] keeps a fixed
        assertEquals(Files.readAllLines(out.resolve("params/a0.csv")), Files.readAllLines(out.resolve("params/a.csv")));
    }

    @Test
    void csvInitialWeightsReproduceTheRun() throws IOException {
        Path out = dir.resolve("first");
        assertEquals(0, cli("run", write("quick.json", QUICK).toString(), "--out", out.toString()).status());
        Files.copy(out.resolve("params/w0.csv"), dir.resolve("w0.csv"));
        Files.copy(out.resolve("params/a0.csv"), dir.resolve("a0.csv"));
        String fromCsv = QUICK.replace("\"init\": {\"w\": {\"kind\": \"gaussian\"}, \"a\": {\"kind\": \"rademacher\"}",
                "\"init\": {\"w\": {\"kind\": \"csv\", \"path\": \"w0.csv\"}, \"a\": {\"kind\": \"csv\", \"path\": \"a0.csv\"}");
        Path again = dir.resolve("again");
        assertEquals(0, cli("run", write("csv-init.json", fromCsv).toString(), "--out", again.toString()).status());
        assertEquals(Files.readAllLines(out.resolve("trajectory.csv")), Files.readAllLines(again.resolve("trajectory.csv")));
    }

    @Test
    void setOverridesAPath() throws IOException {
        Path out = dir.resolve("set");
        Outcome o = cli("run", write("quick.json", QUICK).toString(), "--out", out.toString(),
                "--set", "model.width=8", "--set", "stop.time=0.5");
        assertEquals(0, o.status(), o.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(8, summary.at("/spec/model/width").asInt());
        assertEquals(10, summary.get("steps").asInt());
    }

    @Test
    void pluginsListsEveryKind() {
        Outcome o = cli("plugins");
        assertEquals(0, o.status());
        for (String name : List.of("sigmoid", "softplus", "tanh", "ntk", "mean-field", "power", "euler", "rk4", "gd", "ejml")) {
            assertTrue(o.out().contains("  " + name + " "), name + " missing in\n" + o.out());
        }
        assertTrue(o.out().contains("alpha"), o.out());
        assertTrue(o.out().contains("batch_size"), o.out());
    }

    /** Runs a bad spec; asserts exit 2, the message parts, and that no summary was written. */
    private void assertRejected(String spec, String... expected) throws IOException {
        Path file = write("bad.json", spec);
        Path out = dir.resolve("bad-out");
        Outcome o = cli("run", file.toString(), "--out", out.toString());
        assertEquals(2, o.status(), o.out() + o.err());
        for (String part : expected) {
            assertTrue(o.err().contains(part), "expected '" + part + "' in: " + o.err());
        }
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void unknownPluginNameListsTheNames() throws IOException {
        assertRejected(QUICK.replace("\"activation\": \"tanh\", \"scaling\"", "\"activation\": \"tanhh\", \"scaling\""),
                "model.activation: no activation plugin is named 'tanhh'", "relu, sigmoid, softplus, tanh", "bad.json line 3");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        assertRejected(QUICK.replace("\"width\": 32, ", ""), "model.width: missing", "bad.json line 3");
    }

    @Test
    void widthMustBePositive() throws IOException {
        assertRejected(QUICK.replace("\"width\": 32", "\"width\": 0"), "model.width: must be a positive integer, got 0", "bad.json line 3");
    }

    @Test
    void stepMustBePositive() throws IOException {
        assertRejected(QUICK.replace("\"dt\": 0.05", "\"dt\": -0.05"), "integrator", "dt", "-0.05", "bad.json line 6");
    }

    @Test
    void rowCountsOfXAndYMustAgree() throws IOException {
        write("x.csv", "1,2\n3,4\n5,6\n");
        write("y.csv", "1\n2\n");
        String spec = QUICK.replaceFirst("\"data\": \\{.*\\}\\},", "\"data\": {\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"},");
        assertRejected(spec, "y.csv has 2 rows", "x.csv has 3", "data.y");
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        write("x.csv", "1,2\n3,abc\n5,6\n");
        write("y.csv", "1\n2\n3\n");
        String spec = QUICK.replaceFirst("\"data\": \\{.*\\}\\},", "\"data\": {\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"},");
        assertRejected(spec, "x.csv line 2, column 2: 'abc' is not a number");
    }

    @Test
    void invalidJsonNamesTheLine() throws IOException {
        assertRejected(QUICK.replace("\"loss\": \"mean\",", "\"loss\": mean,"), "bad.json line 5", "not valid JSON");
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        assertRejected(QUICK.replace("\"loss\": \"mean\",", "\"los\": \"mean\","), "los: unknown key 'los'", "bad.json line 5");
    }

    @Test
    void aDeclaredHeaderRowIsSkippedInCsvAndTheResolvedSpecPinsTheFiles() throws IOException {
        write("x.csv", "x1,x2\n1,0\n0,1\n0.6,0.8\n");
        write("y.csv", "y\n1\n-1\n0.5\n");
        String spec = QUICK.replaceFirst("\"data\": \\{.*\\}\\},",
                "\"data\": {\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\", \"header\": true},");
        Path out = dir.resolve("csv");
        Outcome o = cli("run", write("csv.json", spec).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode data = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/spec/data");
        assertEquals(3, data.get("n").asInt());
        assertEquals(2, data.get("d").asInt());
        // against sha256sum of the two files
        assertEquals(sha256("x1,x2\n1,0\n0,1\n0.6,0.8\n"), data.at("/sha256/x").asText());
        assertEquals(sha256("y\n1\n-1\n0.5\n"), data.at("/sha256/y").asText());
    }

    /** The SHA-256 of a text's UTF-8 bytes, by the JDK's MessageDigest (not the code under test). */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void divergedRunSaysWhichStepAndWhatToDo() throws IOException {
        Path out = dir.resolve("diverged");
        Outcome o = cli("run", write("quick.json", QUICK).toString(), "--out", out.toString(),
                "--set", "integrator={\"name\": \"euler\", \"dt\": 400}", "--set", "model.train=[\"w\", \"a\"]", "--set", "stop={\"max_steps\": 50}");
        assertEquals(1, o.status(), o.out() + o.err());
        assertTrue(o.err().contains("at step"), o.err());
        assertTrue(o.err().contains("try a smaller integrator.dt"), o.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("diverged", summary.get("status").asText());
    }

    @Test
    void benchRejectsUnknownWorkloadAndBackend() {
        Outcome workload = cli("bench", "--workload", "huge");
        assertEquals(2, workload.status());
        assertTrue(workload.err().contains("unknown workload 'huge'; the workloads are small, lowdim, medium, large"), workload.err());
        Outcome backend = cli("bench", "--backend", "cuda", "--workload", "small");
        assertEquals(2, backend.status());
        assertTrue(backend.err().contains("no backend plugin is named 'cuda'; the backends are ") && backend.err().contains("ejml"), backend.err());
    }

    @Test
    void unknownCommandAndMissingSpecAreExplained() {
        Outcome unknown = cli("train");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("gdflow: error: Unmatched argument at index 0: 'train'"), unknown.err());
        Outcome missing = cli("run", dir.resolve("nope.json").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("spec file not found"), missing.err());
    }

    @Test
    void theoryQuadratureDegreeIsBounded() throws IOException {
        assertRejected(QUICK.replace("\"loss\": \"mean\",", "\"loss\": \"mean\", \"theory\": {\"rule\": \"polar\", \"quadrature_degree\": 500},"),
                "theory.quadrature_degree: the polar rule takes at most 128 nodes, got 500", "bad.json line 5");
    }
}
