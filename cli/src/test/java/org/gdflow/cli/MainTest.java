package org.gdflow.cli;

import static org.gdflow.cli.CliTest.QUICK;
import static org.gdflow.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.gdflow.cli.CliTest.Outcome;
import org.gdflow.core.run.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact text the command line prints: run's lines, help, version, option errors, the plugin listing. */
class MainTest {
    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void runPrintsPlanOutcomeNumericDiagnosticsAndFiles() throws IOException {
        String spec = QUICK.replace("\"loss\": \"mean\",", "\"loss\": \"mean\", \"theory\": true,");
        Path out = dir.resolve("out");
        Outcome o = cli("run", write("quick.json", spec), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.err());
        List<String> lines = o.out().lines().toList();
        JsonNode summary = summary(out);

        assertEquals("gdflow run tanh-ntk: n=16 (sphere, d=4) m=32, tanh, ntk, rk4 -> " + out, lines.get(0));
        String loss = String.format(Locale.ROOT, "%.6e", summary.get("final_loss").asDouble());
        assertTrue(Pattern.matches(Pattern.quote("time_limit after 40 steps, t = 2.00000: loss " + loss + " (")
                + "[0-9]+\\.[0-9]{2} s on ejml\\)", lines.get(1)), lines.get(1));
        // the numeric diagnostics of summary.json, in its order; the rule name and the width thresholds are not numbers
        List<String> diagnostics = new ArrayList<>();
        for (String key : List.of("gram_min_eig_initial", "rate", "rate_bound", "lambda0", "lambda0_quadrature_degree")) {
            assertTrue(summary.get(key).isNumber(), key);
            diagnostics.add("  " + key + " = " + summary.get(key).asText());
        }
        assertEquals("polar", summary.get("lambda0_quadrature_rule").asText());
        assertTrue(summary.get("width_thresholds").isObject());
        assertEquals("  lambda0_quadrature_degree = 64", diagnostics.get(4));
        assertEquals(diagnostics, lines.subList(2, lines.size() - 1));
        // a short run prints no progress line
        assertEquals("wrote " + out.resolve("summary.json") + " and " + out.resolve("trajectory.csv"), lines.get(lines.size() - 1));
        assertEquals(2 + 5 + 1, lines.size());
    }

    @Test
    void runOnCsvDataSaysCsv() throws IOException {
        write("x.csv", "1,0\n0,1\n0.6,0.8\n");
        write("y.csv", "1\n-1\n0.5\n");
        String spec = QUICK.replaceFirst("\"data\": \\{.*\\}\\},", "\"data\": {\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"},");
        Path out = dir.resolve("csv");
        Outcome o = cli("run", write("csv.json", spec), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals("gdflow run tanh-ntk: n=csv m=32, tanh, ntk, rk4 -> " + out, o.out().lines().findFirst().orElseThrow());
    }

    @Test
    void divergedRunExitsOneWithTheRunsMessageAndWritesNoWroteLine() throws IOException {
        Path out = dir.resolve("diverged");
        Outcome o = cli("run", write("quick.json", QUICK), "--out", out.toString(),
                "--set", "integrator={\"name\": \"euler\", \"dt\": 400}", "--set", "model.train=[\"w\", \"a\"]",
                "--set", "stop={\"max_steps\": 50}");
        assertEquals(1, o.status(), o.out() + o.err());
        JsonNode summary = summary(out);
        assertEquals("diverged", summary.get("status").asText());
        assertEquals("gdflow: the run diverged: " + summary.get("message").asText() + System.lineSeparator(), o.err());
        List<String> lines = o.out().lines().toList();
        assertTrue(lines.get(1).startsWith("diverged after " + summary.get("steps").asLong() + " steps"), lines.get(1));
        assertFalse(o.out().contains("wrote "), o.out());
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        for (String help : List.of("help", "--help", "-h")) {
            Outcome o = cli(help);
            assertEquals(0, o.status(), help);
            assertEquals(Main.USAGE, o.out(), help);
            assertEquals("", o.err(), help);
        }
        assertTrue(Main.USAGE.startsWith("usage: gdflow <command> [options]\n"));
        for (String command : List.of("\n  run SPEC.json [--out DIR] [--set key.path=value ...]\n", "\n  plugins\n",
                "\n  bench [--backend NAME] [--workload small|medium|large]\n", "\n  help\n")) {
            assertTrue(Main.USAGE.contains(command), command);
        }
    }

    @Test
    void noArgumentsPrintsTheUsageAndExitsTwo() {
        Outcome o = cli();
        assertEquals(2, o.status());
        assertEquals(Main.USAGE, o.out());
        assertEquals("", o.err());
    }

    @Test
    void versionPrintsTheVersion() {
        for (String v : List.of("--version", "version")) {
            Outcome o = cli(v);
            assertEquals(0, o.status());
            assertEquals("gdflow " + Provenance.version() + System.lineSeparator(), o.out());
            assertEquals("", o.err());
        }
        // core comes as a jar here, whose manifest carries the Maven version
        assertEquals(Provenance.class.getPackage().getImplementationVersion(), Provenance.version());
        assertTrue(Provenance.version().startsWith("0."), Provenance.version());
    }

    /** Asserts exit 2, exactly one error line, and nothing on standard output. */
    private static void assertError(String message, String... args) {
        Outcome o = cli(args);
        assertEquals(2, o.status(), o.out() + o.err());
        assertEquals("gdflow: error: " + message + System.lineSeparator(), o.err());
        assertEquals("", o.out());
    }

    @Test
    void runOptionErrorsAreExplained() {
        assertError("--out needs a value: a folder", "run", "spec.json", "--out");
        assertError("--set needs a value: key.path=value", "run", "spec.json", "--set");
        assertError("run: unknown option --output; the options are --out DIR, --set key.path=value, --jobs N and --force", "run", "spec.json", "--output", "x");
        assertError("run: one spec at a time; got a.json and b.json", "run", "a.json", "b.json");
        assertError("run: give a spec file, for example gdflow run examples/specs/quickstart.json", "run", "--out", "x");
        assertError("unknown command 'train'; the commands are run, plugins, bench, help", "train");
    }

    @Test
    void pluginsListsKindsPluginsAndParametersWithDefaults() {
        Outcome o = cli("plugins");
        assertEquals(0, o.status());
        assertEquals("", o.err());
        List<String> lines = o.out().lines().toList();
        int activations = lines.indexOf("activations:");
        int scalings = lines.indexOf("scalings:");
        int integrators = lines.indexOf("integrators:");
        int backends = lines.indexOf("backends:");
        assertTrue(activations == 0 && activations < scalings && scalings < integrators && integrators < backends, o.out());
        assertEquals(4, lines.stream().filter(l -> !l.startsWith(" ")).count(), o.out());

        int gd = lines.indexOf("  gd           gradient descent: b = momentum b + F(theta), theta += lr b; optional mini-batches");
        assertTrue(gd > integrators && gd < backends, o.out());
        assertEquals(List.of(
                "      lr           double   learning rate lr > 0; each step advances time by lr (required)",
                "      momentum     double   heavy-ball momentum in [0, 1); 0 is plain gradient descent (default 0)",
                "      batch_size   int      mini-batch size; 0 (or >= n) is the full batch (default 0)"),
                lines.subList(gd + 1, gd + 4));
        int rk4 = lines.indexOf("  rk4          classical Runge-Kutta, order 4, 3 field evaluations per step");
        assertTrue(rk4 > integrators && rk4 < backends, o.out());
        assertEquals("      dt           double   time step dt > 0 (required)", lines.get(rk4 + 1));
        // ntk takes no parameters: the next line is the next plugin
        int ntk = lines.indexOf(lines.stream().filter(l -> l.startsWith("  ntk ")).findFirst().orElseThrow());
        assertTrue(ntk > scalings && ntk < integrators);
        assertTrue(lines.get(ntk + 1).matches("  [a-z].*"), lines.get(ntk + 1));
        assertTrue(lines.subList(backends + 1, lines.size()).stream().anyMatch(l -> l.startsWith("  ejml ")), o.out());
    }
}
