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
        for (String key : List.of("gram_min_eig_initial", "rate", "rate_r2", "rate_bound", "lambda0", "lambda0_quadrature_degree")) {
            assertTrue(summary.get(key).isNumber(), key);
            diagnostics.add("  " + key + " = " + summary.get(key).asText());
        }
        assertEquals("polar", summary.get("lambda0_quadrature_rule").asText());
        assertTrue(summary.get("width_thresholds").isObject());
        assertEquals("  lambda0_quadrature_degree = 64", diagnostics.get(5));
        assertEquals(diagnostics, lines.subList(2, lines.size() - 1));
        // a short run prints no progress line
        assertEquals("wrote " + out.resolve("summary.json") + " and " + out.resolve("trajectory.csv"), lines.get(lines.size() - 1));
        assertEquals(2 + 6 + 1, lines.size());
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

    /** {@code text} with its \n line ends as this platform writes them. */
    private static String nl(String text) {
        return text.replace("\n", System.lineSeparator());
    }

    static final String USAGE = """
            Usage: gdflow [-hV] [--debug] [--plugins=DIR]... [COMMAND]
            Trains two-layer neural networks by gradient flow or gradient descent and records the dynamics.
                  --debug         print the stack trace of an internal error (for a bug report)
              -h, --help          Show this help message and exit.
                  --plugins=DIR   a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
              -V, --version       Print version information and exit.

            Commands:
              run         Train the network that SPEC describes; write DIR/trajectory.csv and DIR/summary.json.
              resume      Continue the run in DIR from its checkpoint (after Ctrl-C, a kill or a crash).
              inspect     Compute what holds at t = 0 for SPEC without a step: H(0)'s spectrum, lambda0, memory.
              report      Draw the plots of a results folder again and write DIR/report.md and DIR/report.html
              plugins     List every plugin found, by kind, with where it came from and its parameters.
              bench       Time an evaluation, an rk4 step, its two products alone and the activation pass.
              completion  Print a bash (and zsh) completion script for gdflow.
              help        Display help information about the specified command.

            Exit status: 0 finished, 1 the run failed (diverged, a study run failed, an internal error),
            2 bad input, 3 interrupted (continue it: gdflow resume DIR), 4 refused: not enough memory.
            Every message and what to do about it: docs/ERRORS.md.
            """;

    static final String RUN_SYNOPSIS = """
            Usage: gdflow run [-hV] [--debug] [--force] [--executor=NAME] [--jobs=N] [--master=URL] [--out=DIR]
                              [--plugins=DIR]... [--set=KEY=VALUE]... SPEC
            """;

    static final String RUN_USAGE = RUN_SYNOPSIS + """
            Train the network that SPEC describes; write DIR/trajectory.csv and DIR/summary.json.
            The trajectory grows as the run goes and a checkpoint is kept: a folder left by Ctrl-C or a kill
            is resumed. A folder with another spec's results is refused unless --force (which clears it).
            A spec with a "sweep" block is a study: one run per variant in DIR/<id>/, and DIR/index.csv;
            finished runs are skipped, the runs of a changed spec refused unless --force.
                  SPEC              the spec file (JSON), for example examples/specs/quickstart.json
                  --debug           print the stack trace of an internal error (for a bug report)
                  --executor=NAME   where a study's runs run (default: the spec's, else local; gdflow plugins)
                  --force           clear DIR of earlier results first and run afresh (a study: rerun the runs
                                      of a changed spec)
              -h, --help            Show this help message and exit.
                  --jobs=N          runs at once (a study; default: as many as fit the cores and the heap)
                  --master=URL      the spark executor's master: local[*], spark://host:7077, yarn, k8s://...
                                      (docs/CLUSTER.md)
                  --out=DIR         the output folder (default results/<name>)
                  --plugins=DIR     a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
                  --set=KEY=VALUE   change one path of the spec, e.g. --set model.width=4096 (a single run)
              -V, --version         Print version information and exit.
            """;

    static final String BENCH_USAGE = """
            Usage: gdflow bench [-hV] [--debug] [--activation=NAME] [--forks=N] [--backend=NAME]...
                                [--plugins=DIR]... [--workload=NAME]...
            Time an evaluation, an rk4 step, its two products alone and the activation pass.
            The activation pass (σ and σ' row by row, as the backends run it) is timed in --forks fresh JVMs.
                  --activation=NAME   the activation of the workloads (default tanh)
                  --backend=NAME      a backend to time (repeatable; default every backend found)
                  --debug             print the stack trace of an internal error (for a bug report)
                  --forks=N           the JVMs the activation pass is timed in, one after another (default 5);
                                        its line gives the median of their medians and their range
              -h, --help              Show this help message and exit.
                  --plugins=DIR       a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
              -V, --version           Print version information and exit.
                  --workload=NAME     small, lowdim, medium or large (repeatable; default all four)
            """;

    static final String PLUGINS_USAGE = """
            Usage: gdflow plugins [-hV] [--debug] [--json] [--plugins=DIR]...
            List every plugin found, by kind, with where it came from and its parameters.
                  --debug         print the stack trace of an internal error (for a bug report)
              -h, --help          Show this help message and exit.
                  --json          print the list as JSON, for scripts
                  --plugins=DIR   a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
              -V, --version       Print version information and exit.
            """;

    static final String COMPLETION_USAGE = """
            Usage: gdflow completion [-hV] [--debug] [--plugins=DIR]...
            Print a bash (and zsh) completion script for gdflow.
            Use it with: source <(./gdflow completion)
                  --debug         print the stack trace of an internal error (for a bug report)
              -h, --help          Show this help message and exit.
                  --plugins=DIR   a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
              -V, --version       Print version information and exit.
            """;

    static final String REPORT_USAGE = """
            Usage: gdflow report [-hV] [--debug] [--plugins=DIR]... DIR
            Draw the plots of a results folder again and write DIR/report.md and DIR/report.html
            (one self-contained file: figures inline, the tables, the spec, the provenance).
            Reads the folder's files only: nothing is run again.
                  DIR             what 'gdflow run' wrote: a study's folder or a run's
                  --debug         print the stack trace of an internal error (for a bug report)
              -h, --help          Show this help message and exit.
                  --plugins=DIR   a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
              -V, --version       Print version information and exit.
            """;

    static final String RESUME_USAGE = """
            Usage: gdflow resume [-hV] [--debug] [--plugins=DIR]... DIR
            Continue the run in DIR from its checkpoint (after Ctrl-C, a kill or a crash).
            It ends with the numbers of a run never stopped, bit for bit on the same backend; it is refused,
            with the differences named, if the spec or the plugins changed since. A finished run is reported.
                  DIR             the run's output folder (its --out)
                  --debug         print the stack trace of an internal error (for a bug report)
              -h, --help          Show this help message and exit.
                  --plugins=DIR   a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
              -V, --version       Print version information and exit.
            """;

    static final String INSPECT_USAGE = """
            Usage: gdflow inspect [-hV] [--debug] [--eigenvalues] [--out=DIR] [--plugins=DIR]...
                                  [--set=KEY=VALUE]... SPEC
            Compute what holds at t = 0 for SPEC without a step: H(0)'s spectrum, lambda0, memory.
            The smallest and largest eigenvalues of H(0), the rate bound, lambda0 and the width thresholds
            (with "theory" on) and the memory a run would take.
            Writes DIR/inspect.json (and DIR/eigenvalues.csv with --eigenvalues); the numbers are those a run
            of SPEC records for t = 0.
                  SPEC              the spec file (JSON) of a single run
                  --debug           print the stack trace of an internal error (for a bug report)
                  --eigenvalues     also write all eigenvalues of H(0), ascending, to DIR/eigenvalues.csv
              -h, --help            Show this help message and exit.
                  --out=DIR         the output folder (default results/<name>)
                  --plugins=DIR     a folder of plugin jars (repeatable; also GDFLOW_PLUGIN_PATH)
                  --set=KEY=VALUE   change one path of the spec, e.g. --set model.width=4096
              -V, --version         Print version information and exit.
            """;

    /** Asserts exit 0, exactly {@code expected} on standard output, nothing on standard error, and no ANSI escape code. */
    private static void assertPrints(String expected, String... args) {
        Outcome o = cli(args);
        assertEquals(0, o.status(), String.join(" ", args) + ": " + o.err());
        assertEquals(nl(expected), o.out(), String.join(" ", args));
        assertEquals("", o.err(), String.join(" ", args));
        assertFalse(o.out().contains("\u001B["), String.join(" ", args));
    }

    @Test
    void helpOnEveryCommandPrintsItsUsageAndExitsZero() {
        for (String help : List.of("--help", "-h")) {
            assertPrints(USAGE, help);
            assertPrints(RUN_USAGE, "run", help);
            // options after the spec, as users type them
            assertPrints(RUN_USAGE, "run", "spec.json", "--out", "x", help);
            assertPrints(BENCH_USAGE, "bench", help);
            assertPrints(REPORT_USAGE, "report", help);
            assertPrints(PLUGINS_USAGE, "plugins", help);
            assertPrints(COMPLETION_USAGE, "completion", help);
            assertPrints(RESUME_USAGE, "resume", help);
            assertPrints(INSPECT_USAGE, "inspect", help);
        }
        assertPrints(USAGE, "help");
        assertPrints(RUN_USAGE, "help", "run");
        assertPrints(BENCH_USAGE, "help", "bench");
    }

    @Test
    void noAnsiEscapeCodesEvenWhereColoursWouldBeOn() {
        // picocli.ansi=true is what a colour terminal would give picocli's default (Ansi.AUTO)
        String before = System.getProperty("picocli.ansi");
        System.setProperty("picocli.ansi", "true");
        try {
            assertPrints(RUN_USAGE, "run", "--help");
            assertPrints(USAGE, "--help");
            assertError("gdflow: error: Unknown option: '--fast'\n" + RUN_ERROR_TAIL, "run", "--fast", "spec.json");
        } finally {
            if (before == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", before);
            }
        }
    }

    @Test
    void noArgumentsPrintsTheUsageOnStandardErrorAndExitsTwo() {
        Outcome o = cli();
        assertEquals(2, o.status());
        assertEquals(nl(USAGE), o.err());
        assertEquals("", o.out());
    }

    @Test
    void versionPrintsTheVersion() {
        String version = "gdflow " + Provenance.version() + "\n";
        for (String v : List.of("--version", "-V", "version")) {
            assertPrints(version, v);
        }
        assertPrints(version, "run", "--version");
        assertPrints(version, "bench", "-V");
        // core comes as a jar here, whose manifest carries the Maven version
        assertEquals(Provenance.class.getPackage().getImplementationVersion(), Provenance.version());
        assertTrue(Provenance.version().startsWith("0."), Provenance.version());
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        Outcome o = cli("completion");
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.err());
        assertTrue(o.out().startsWith(nl("#!/usr/bin/env bash\n#\n# gdflow Bash Completion\n")), o.out());
        assertTrue(o.out().contains("  local commands=\"run resume inspect report plugins bench completion help\""), o.out());
        for (String function : List.of("_picocli_gdflow_run", "_picocli_gdflow_resume", "_picocli_gdflow_report",
                "_picocli_gdflow_plugins", "_picocli_gdflow_bench")) {
            assertTrue(o.out().contains("function " + function + "() {"), function);
        }
        assertTrue(o.out().contains("--workload"), "bench's options complete");
        assertTrue(o.out().contains("complete -F _complete_gdflow -o default gdflow"), o.out());
        assertFalse(o.out().contains("\u001B["));
    }

    /** Asserts exit 2, exactly {@code expected} (lines ending in \n) on standard error, and nothing on standard output. */
    private static void assertError(String expected, String... args) {
        Outcome o = cli(args);
        assertEquals(2, o.status(), o.out() + o.err());
        assertEquals(nl(expected), o.err());
        assertEquals("", o.out());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(o.err().contains("\u001B["), o.err());
    }

    private static final String RUN_ERROR_TAIL = RUN_SYNOPSIS + """
            Try 'gdflow run --help' for more information.
            """;

    @Test
    void runOptionErrorsAreExplained() {
        assertError("gdflow: error: Missing required parameter for option '--out' (DIR)\n" + RUN_ERROR_TAIL, "run", "spec.json", "--out");
        assertError("gdflow: error: Missing required parameter for option '--set' (KEY=VALUE)\n" + RUN_ERROR_TAIL, "run", "spec.json", "--set");
        assertError("gdflow: error: Unknown options: '--output', 'x'\n" + RUN_ERROR_TAIL, "run", "spec.json", "--output", "x");
        assertError("gdflow: error: Unmatched argument at index 2: 'b.json'\n" + RUN_ERROR_TAIL, "run", "a.json", "b.json");
        assertError("gdflow: error: Missing required parameter: 'SPEC'\n" + RUN_ERROR_TAIL, "run", "--out", "x");
        assertError("gdflow: error: Missing required parameter: 'SPEC'\n" + RUN_ERROR_TAIL, "run");
    }

    @Test
    void anUnknownOptionOrCommandIsOneErrorLineTheSynopsisAndAHint() {
        assertError("""
                gdflow: error: Unmatched argument at index 0: 'train'
                Usage: gdflow [-hV] [--debug] [--plugins=DIR]... [COMMAND]
                Try 'gdflow --help' for more information.
                """, "train");
        assertError("""
                gdflow: error: Unknown option: '--fast'
                Usage: gdflow [-hV] [--debug] [--plugins=DIR]... [COMMAND]
                Try 'gdflow --help' for more information.
                """, "--fast");
        assertError("""
                gdflow: error: Unknown option: '--fast'
                Usage: gdflow bench [-hV] [--debug] [--activation=NAME] [--forks=N] [--backend=NAME]...
                                    [--plugins=DIR]... [--workload=NAME]...
                Try 'gdflow bench --help' for more information.
                """, "bench", "--fast");
        assertError("""
                gdflow: error: Unknown option: '--fast'
                Usage: gdflow plugins [-hV] [--debug] [--json] [--plugins=DIR]...
                Try 'gdflow plugins --help' for more information.
                """, "plugins", "--fast");
        assertError("""
                gdflow: error: Unknown option: '--zsh'
                Usage: gdflow completion [-hV] [--debug] [--plugins=DIR]...
                Try 'gdflow completion --help' for more information.
                """, "completion", "--zsh");
        assertError("gdflow: error: Unknown option: '--fast'\n" + RUN_ERROR_TAIL, "run", "--fast", "spec.json");
    }

    @Test
    void eachKindOfFailureHasItsExitStatusAndAStackTraceOnlyWithDebug() {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter err = new java.io.PrintWriter(text);
        assertEquals(2, Main.failure(new org.gdflow.core.error.GdflowException("model.width: bad"), err, false));
        assertEquals(4, Main.failure(new org.gdflow.core.error.InsufficientMemoryException("refused: too big"), err, false));
        assertEquals(1, Main.failure(new org.gdflow.core.error.RunFailedException("cannot append", new java.io.IOException("full")), err,
                false));
        assertEquals(1, Main.failure(new OutOfMemoryError("Java heap space"), err, false));
        assertEquals(1, Main.failure(new IllegalStateException("a bug"), err, false));
        assertEquals(nl("gdflow: error: model.width: bad\n"
                + "gdflow: refused: too big\n"
                + "gdflow: the run failed: cannot append\n"
                + "gdflow: the run failed: Java ran out of memory (Java heap space); give it more with GDFLOW_JAVA_OPTS=-Xmx<size>, or"
                + " make the run smaller (model.width, data.n)\n"
                + "gdflow: internal error: java.lang.IllegalStateException: a bug (run again with --debug for the stack trace)\n"),
                text.toString());
        java.io.StringWriter debug = new java.io.StringWriter();
        assertEquals(1, Main.failure(new IllegalStateException("a bug"), new java.io.PrintWriter(debug), true));
        assertTrue(debug.toString().startsWith(nl("gdflow: internal error: java.lang.IllegalStateException: a bug\n"
                + "java.lang.IllegalStateException: a bug\n\tat org.gdflow.cli.MainTest.")), debug.toString());
        // --debug before or after the command
        for (List<String> args : List.of(List.of("--debug", "run", "nope.json"), List.of("run", "nope.json", "--debug"))) {
            Outcome o = cli(args.toArray(String[]::new));
            assertEquals(2, o.status());
            assertTrue(o.err().startsWith(nl("gdflow: error: spec file not found: nope.json; check the path (relative paths are"
                    + " against the current folder)\norg.gdflow.core.error.GdflowException: spec file not found")), o.err());
        }
    }

    @Test
    void anErrorOfTheSpecIsOneLineWithoutUsage() {
        assertError("gdflow: error: spec file not found: nope.json; check the path (relative paths are against the current folder)\n",
                "run", "nope.json");
    }

    @Test
    void pluginsListsKindsPluginsSourcesAndParametersWithDefaults() {
        Outcome o = cli("plugins");
        assertEquals(0, o.status());
        assertEquals("", o.err());
        List<String> lines = o.out().lines().toList();
        int activations = lines.indexOf("activations:");
        int scalings = lines.indexOf("scalings:");
        int integrators = lines.indexOf("integrators:");
        int backends = lines.indexOf("backends:");
        int executors = lines.indexOf("executors:");
        assertTrue(activations == 0 && activations < scalings && scalings < integrators && integrators < backends
                && backends < executors, o.out());
        assertEquals(5, lines.stream().filter(l -> !l.startsWith(" ")).count(), o.out());

        int gd = lines.indexOf("  gd           gradient descent: b = momentum b + F(theta), theta += lr b; optional mini-batches  [built in]");
        assertTrue(gd > integrators && gd < backends, o.out());
        assertEquals(List.of(
                "      lr           double   learning rate lr > 0; each step advances time by lr (required)",
                "      momentum     double   heavy-ball momentum in [0, 1); 0 is plain gradient descent (default 0)",
                "      batch_size   int      mini-batch size; 0 (or >= n) is the full batch (default 0)"),
                lines.subList(gd + 1, gd + 4));
        int rk4 = lines.indexOf("  rk4          classical Runge-Kutta, order 4, 3 field evaluations per step  [built in]");
        assertTrue(rk4 > integrators && rk4 < backends, o.out());
        assertEquals("      dt           double   time step dt > 0 (required)", lines.get(rk4 + 1));
        // ntk takes no parameters: the next line is the next plugin
        int ntk = lines.indexOf(lines.stream().filter(l -> l.startsWith("  ntk ")).findFirst().orElseThrow());
        assertTrue(ntk > scalings && ntk < integrators);
        assertTrue(lines.get(ntk + 1).matches("  [a-z].*"), lines.get(ntk + 1));
        assertTrue(lines.subList(backends + 1, executors).stream().anyMatch(l -> l.startsWith("  ejml ")), o.out());
        assertEquals(List.of("  local        runs on a pool of threads in this JVM, jobs × BLAS threads ≤ cores  [built in]",
                "      jobs         int      runs at once; 0 = as many as fit the cores and the heap (default 0)"),
                lines.subList(executors + 1, lines.size()));
        // every plugin line says where it came from
        assertTrue(lines.stream().filter(l -> l.matches("  [a-z].*")).allMatch(l -> l.endsWith("  [built in]")), o.out());
    }
}
