package org.gdflow.cli;

import static org.gdflow.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gdflow.cli.CliTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gdflow run} of a study: the printed lines, the folders and index.csv, resuming, and the
 * refusals. The reference for the numbers is the same variant run on its own with {@code --set}.
 */
class StudyCommandTest {
    private static final String SINGLE = """
            { "name": "widths", "seed": 3,
              "data": {"kind": "sphere", "n": 8, "d": 3, "target": {"kind": "random"}},
              "model": {"width": 8, "activation": "tanh", "scaling": "ntk"},
              "integrator": {"name": "euler", "dt": 0.1},
              "stop": {"max_steps": 5},
              "observe": {"every": 2},
              "backend": "ejml" %s}
            """;
    private static final String STUDY = SINGLE.formatted(", \"sweep\": {\"model.width\": [8, 16], \"seed\": [1, 2]}");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final List<String> IDS = List.of("width=8_seed=1", "width=8_seed=2", "width=16_seed=1", "width=16_seed=2");

    @Test
    void aStudyRunsEveryVariantIntoItsFolderAndWritesTheIndex() throws IOException {
        Path spec = write("widths.json", STUDY);
        Path out = dir.resolve("out");
        Outcome o = cli("run", spec.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, o.status(), o.err());
        List<String> lines = o.out().lines().toList();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        assertEquals("gdflow run widths.json: a study of 4 runs (local, 2 jobs × " + threads + " thread" + (threads == 1 ? "" : "s")
                + ") -> " + out, lines.get(0));
        // runs end in any order on two jobs: one line each, numbered 1..4
        Set<String> ended = new TreeSet<>();
        for (int i = 1; i <= 4; i++) {
            String line = lines.get(i);
            assertTrue(line.startsWith("  [" + i + "/4] "), line);
            assertTrue(line.endsWith(": step_limit (reached stop.max_steps = 5)"), line);
            ended.add(line.substring(line.indexOf("] ") + 2, line.indexOf(": ")));
        }
        assertEquals(new TreeSet<>(IDS), ended);
        assertEquals("wrote " + out.resolve("index.csv") + " (4 rows) and " + out.resolve("report.html"), lines.get(5));
        assertEquals(6, lines.size());
        assertEquals("", o.err());

        List<String> index = Files.readAllLines(out.resolve("index.csv"));
        assertTrue(index.get(0).startsWith("id,model.width,seed,status,final_loss,steps,"), index.get(0));
        assertEquals(5, index.size());
        for (int i = 0; i < 4; i++) {
            assertTrue(index.get(i + 1).startsWith(IDS.get(i) + ","), index.get(i + 1));
        }
        // the variant width=16, seed=2 is the single run with those two values set
        Path alone = dir.resolve("alone");
        Path single = write("single.json", SINGLE.formatted(""));
        assertEquals(0, cli("run", single.toString(), "--out", alone.toString(), "--set", "model.width=16", "--set", "seed=2").status());
        assertEquals(Files.readAllLines(alone.resolve("trajectory.csv")), Files.readAllLines(out.resolve("width=16_seed=2/trajectory.csv")));
    }

    @Test
    void aSecondRunSkipsFinishedRunsAndAChangedSpecIsRefusedUnlessForced() throws IOException {
        Path spec = write("widths.json", STUDY);
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", spec.toString(), "--out", out.toString()).status());
        byte[] trajectory = Files.readAllBytes(out.resolve("width=8_seed=1/trajectory.csv"));
        Outcome again = cli("run", spec.toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(4, again.out().lines().filter(l -> l.endsWith(": skipped (finished with the same spec)")).count(), again.out());

        Files.writeString(spec, STUDY.replace("\"max_steps\": 5", "\"max_steps\": 6"));
        Outcome changed = cli("run", spec.toString(), "--out", out.toString());
        assertEquals(2, changed.status());
        assertTrue(changed.err().startsWith("gdflow: error: ") && changed.err().contains("stop.max_steps"), changed.err());
        assertArrayEquals(trajectory, Files.readAllBytes(out.resolve("width=8_seed=1/trajectory.csv")), "nothing was rerun");

        Outcome forced = cli("run", spec.toString(), "--out", out.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(Files.readAllLines(out.resolve("width=8_seed=1/trajectory.csv")).get(4).startsWith("6,"), "rerun to 6 steps");
    }

    @Test
    void aRunThatFailsIsReportedAndTheOthersFinish() throws IOException {
        // a(0) = 1e300 makes the loss at t = 0 infinite: that variant fails before its first step
        String failing = SINGLE.formatted(", \"sweep\": {\"model.init.a.value\": [1, 1e300]}")
                .replace("\"scaling\": \"ntk\"}", "\"scaling\": \"ntk\", \"init\": {\"a\": {\"kind\": \"constant\", \"value\": 1}}}");
        Path out = dir.resolve("out");
        Outcome o = cli("run", write("failing.json", failing).toString(), "--out", out.toString());
        assertEquals(1, o.status());
        assertEquals("gdflow: 1 of 2 runs failed; see the lines above" + System.lineSeparator(), o.err());
        assertTrue(o.out().contains("value=1: step_limit"), o.out());
        assertTrue(o.out().contains("value=1.0E300: failed (the loss at t = 0 is Infinity"), o.out());
        assertTrue(Files.exists(out.resolve("value=1/summary.json")));
        assertEquals(3, Files.readAllLines(out.resolve("index.csv")).size());
    }

    @Test
    void studyOptionsAreRefusedWhereTheyDoNotApply() throws IOException {
        Path study = write("widths.json", STUDY);
        Path single = write("single.json", SINGLE.formatted(""));
        assertRejected("run: --set changes a single run; " + study + " is a study (it has a \"sweep\" block): change the spec,"
                + " or sweep that path", "run", study.toString(), "--set", "model.width=4");
        assertRejected("run: --jobs, --executor and --master apply to a study (a spec with a \"sweep\" block); " + single + " is a single run",
                "run", single.toString(), "--jobs", "2");
        assertRejected("run: --jobs, --executor and --master apply to a study (a spec with a \"sweep\" block); " + single
                + " is a single run", "run", single.toString(), "--executor", "local");
        assertRejected("--jobs: expected a positive whole number, got '0'", "run", study.toString(), "--jobs", "0");
        assertRejected("--jobs: expected a positive whole number, got 'many'", "run", study.toString(), "--jobs", "many");
        assertRejected("Missing required parameter for option '--jobs' (N)" + System.lineSeparator()
                + MainTest.RUN_SYNOPSIS.replace("\n", System.lineSeparator())
                + "Try 'gdflow run --help' for more information.", "run", study.toString(), "--jobs");
    }

    @Test
    void theExecutorComesFromTheSpecOrTheCommandLine() throws IOException {
        Path spec = write("one-job.json", STUDY.replace("{ \"name\": \"widths\",", "{ \"executor\": {\"name\": \"local\", \"jobs\": 1}, \"name\": \"widths\","));
        Path out = dir.resolve("out");
        int cores = Runtime.getRuntime().availableProcessors();
        Outcome o = cli("run", spec.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals("gdflow run one-job.json: a study of 4 runs (local, 1 job × " + cores + " thread" + (cores == 1 ? "" : "s")
                + ") -> " + out, o.out().lines().findFirst().orElseThrow());
        assertRejected("executor.name: no executor plugin is named 'spark'; the executors are local (run `gdflow plugins` for"
                + " details) (the command line)", "run", spec.toString(), "--out", out.toString(), "--executor", "spark");
        // a spec with an executor block and no sweep is a study of one run
        Path single = write("single.json", SINGLE.formatted(", \"executor\": \"local\""));
        Outcome one = cli("run", single.toString(), "--out", dir.resolve("one").toString());
        assertEquals(0, one.status(), one.err());
        assertTrue(one.out().startsWith("gdflow run single.json: a study of 1 run (local, 1 job × "), one.out());
        assertTrue(Files.exists(dir.resolve("one").resolve("widths").resolve("summary.json")));
    }

    @Test
    void aRunThatCannotFitIsRefusedBeforeAnyFolderIsMade() throws IOException {
        Path spec = write("huge.json", SINGLE.formatted(", \"sweep\": {\"model.width\": [8, 1000000000]}"));
        Path out = dir.resolve("out");
        Outcome o = cli("run", spec.toString(), "--out", out.toString());
        assertEquals(4, o.status(), o.out());
        assertTrue(o.err().startsWith("gdflow: refused: run width=1000000000 needs an estimated 928.0 GB (data 320 B, parameters"
                + " 352.0 GB, kernels 576.0 GB, gram 1.5 kB) but this JVM can give a run "), o.err());
        assertTrue(o.err().endsWith("; give Java more memory (GDFLOW_JAVA_OPTS=-Xmx<size> for ./gdflow) or make the run smaller"
                + " (model.width, data.n)" + System.lineSeparator()), o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void outputThatIsNotATerminalHasPlainLinesAndATerminalHasABar() throws IOException {
        Path spec = write("widths.json", STUDY);
        Outcome plain = cli("run", spec.toString(), "--out", dir.resolve("plain").toString());
        assertEquals(0, plain.status(), plain.err());
        assertFalse(plain.out().contains("\u001b") || plain.out().contains("\r"), plain.out());
        assertEquals(6, plain.out().lines().count());

        Outcome bar = CliTest.cliOnTerminal("run", spec.toString(), "--out", dir.resolve("bar").toString());
        assertEquals(0, bar.status(), bar.err());
        // a bar is redrawn in place (carriage returns), in ASCII without colour codes, and ends full
        assertFalse(bar.out().contains("\u001b"), bar.out());
        assertTrue(bar.out().contains("\r"), bar.out());
        String last = bar.out().substring(bar.out().lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("study 100% [") && last.contains("] 4/4 ("), last);
        assertFalse(bar.out().contains("[1/4]"), "no per-run lines under a bar");
        // the bar of a single run ends at t = T or at its last step, with the loss
        Path single = write("single.json", SINGLE.formatted("").replace("\"max_steps\": 5", "\"time\": 0.3, \"max_steps\": 50"));
        Outcome run = CliTest.cliOnTerminal("run", single.toString(), "--out", dir.resolve("single").toString());
        assertEquals(0, run.status(), run.err());
        String end = run.out().substring(run.out().lastIndexOf('\r') + 1);
        assertTrue(end.startsWith("run 100% [") && end.contains("] 1000/1000 (") && end.contains(" step 3  t = 0.3000  loss "), end);
        assertFalse(run.out().contains("\u001b"), run.out());
    }

    @Test
    void withoutOutAStudyGoesToResultsSlashItsName() throws IOException {
        // the folder name, as for a single run: the spec's name, "run" when it has none
        assertEquals("widths", StudyCommand.name(write("widths.json", STUDY)));
        assertEquals("run", StudyCommand.name(write("nameless.json", STUDY.replace("\"name\": \"widths\",", ""))));
    }

    private static void assertRejected(String message, String... args) {
        Outcome o = cli(args);
        assertEquals(2, o.status(), o.out() + o.err());
        assertEquals("gdflow: error: " + message + System.lineSeparator(), o.err());
    }
}
