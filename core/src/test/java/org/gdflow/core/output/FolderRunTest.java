package org.gdflow.core.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.function.Supplier;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.LoopState;
import org.gdflow.core.run.RunInterrupt;
import org.gdflow.core.run.RunObserver;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs into output folders, against the same run never stopped: a run that crashed (an observer
 * throws at a step boundary, as a kill would leave the folder) or was interrupted goes on from its
 * last checkpoint and ends with the same files, byte for byte; a finished folder is reported; a
 * folder of another spec, or a checkpoint of other code or other input files, is refused with
 * the differences named.
 */
class FolderRunTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Spec spec(String integrator) {
        Spec spec = GDFLOW.spec(TestSpecs.small(integrator, "{\"max_steps\": 40}"), null);
        spec = GDFLOW.with(spec, "observe.every", "3");
        spec = GDFLOW.with(spec, "observe.metrics", "[\"max_weight_change\"]");
        spec = GDFLOW.with(spec, "output", "{\"parameters\": true}");
        return GDFLOW.with(spec, "checkpoint", "{\"every_steps\": 5}");
    }

    private static FolderRun.Options options(FolderRun.OtherSpec other, FolderRun.Finished finished, RunObserver... observers) {
        return options(other, finished, new RunInterrupt(), observers);
    }

    private static FolderRun.Options options(FolderRun.OtherSpec other, FolderRun.Finished finished, RunInterrupt interrupt,
                                             RunObserver... observers) {
        return new FolderRun.Options(other, finished, interrupt, List.of(observers), "a test");
    }

    private static FolderRun.Options report() {
        return options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.REPORT);
    }

    /** Throws at a step boundary, after the checkpoint writer (which comes first) heard it: what a kill leaves. */
    private static RunObserver crashAt(long at) {
        return new RunObserver() {
            @Override
            public void stepped(long step, double time, Supplier<LoopState> snapshot) {
                if (step == at) {
                    throw new IllegalStateException("crash at step " + step);
                }
            }
        };
    }

    /** The folder of {@code spec}'s run crashed at step {@code at}. */
    private Path crashed(Spec spec, long at) {
        Path out = dir.resolve("crashed");
        assertThrows(IllegalStateException.class,
                () -> GDFLOW.runInto(spec, out, options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.REPORT, crashAt(at))));
        return out;
    }

    /** Asks the run to stop at a step boundary, as a signal handler would. */
    private static RunObserver interruptAt(long at, RunInterrupt interrupt) {
        return new RunObserver() {
            @Override
            public void stepped(long step, double time, Supplier<LoopState> snapshot) {
                if (step == at) {
                    interrupt.request("a test");
                }
            }
        };
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        for (String name : List.of("trajectory.csv", "params/w0.csv", "params/a0.csv", "params/w.csv", "params/a.csv")) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)), name);
        }
        JsonNode a = MAPPER.readTree(expected.resolve("summary.json").toFile());
        JsonNode b = MAPPER.readTree(actual.resolve("summary.json").toFile());
        for (String key : List.of("status", "message", "final_loss", "steps", "time", "rate", "rate_bound", "gram_min_eig_initial",
                "integrator_counts", "spec")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertFalse(Files.exists(actual.resolve(Checkpoint.FILE_NAME)), "a finished run keeps no checkpoint");
    }

    private Path straight(Spec spec) {
        Path reference = dir.resolve("straight");
        FolderRun.Outcome outcome = GDFLOW.runInto(spec, reference, report());
        assertEquals(FolderRun.Kind.RAN, outcome.kind());
        return reference;
    }

    @Test
    void aRunIntoAFolderWritesTheFilesOfTheSameRunInMemory() throws IOException {
        Spec spec = spec("{\"name\": \"rk4\", \"dt\": 0.2}");
        Path out = straight(spec);
        var memory = GDFLOW.run(spec);
        assertEquals(memory.trajectory().toCsv(), Files.readString(out.resolve("trajectory.csv")));
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(memory.finalLoss(), summary.get("final_loss").asDouble(), 0.0);
        assertEquals(memory.diagnostics().get("rate"), summary.get("rate").asDouble());
        assertFalse(Files.exists(out.resolve(Checkpoint.FILE_NAME)));
    }

    @ParameterizedTest(name = "{0}, crashed at step {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"rk4\", \"dt\": 0.2}|7",
        "{\"name\": \"rk4\", \"dt\": 0.2}|1",
        "{\"name\": \"euler\", \"dt\": 0.1}|25",
        "{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.5, \"batch_size\": 5}|13",
        "{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.9}|39"})
    void aCrashedRunResumesFromItsLastCheckpointBitForBit(String integrator, long crash) throws IOException {
        Spec spec = spec(integrator);
        Path reference = straight(spec);
        Path out = dir.resolve("crashed");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GDFLOW.runInto(spec, out, options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.REPORT, crashAt(crash))));
        assertEquals("crash at step " + crash, e.getMessage());
        assertFalse(Files.exists(out.resolve("summary.json")), "no summary before the end");
        assertEquals(crash / 5 * 5, Checkpoint.read(out.resolve(Checkpoint.FILE_NAME)).state().step());

        List<String> log = new ArrayList<>();
        FolderRun.Outcome outcome = GDFLOW.runInto(spec, out, new FolderRun.Options(FolderRun.OtherSpec.REFUSE,
                FolderRun.Finished.REPORT, new RunInterrupt(), List.of(), "a test", log::add));
        assertEquals(FolderRun.Kind.RESUMED, outcome.kind());
        assertEquals(crash / 5 * 5, outcome.resumedFromStep());
        assertEquals(crash / 5 * 5, MAPPER.readTree(out.resolve("summary.json").toFile()).get("resumed_from_step").asLong());
        assertEquals(List.of("resuming from the checkpoint at step " + crash / 5 * 5), log);
        assertEquals(log, outcome.notes());
        assertSameFiles(reference, out);
    }

    @Test
    void anInterruptedRunKeepsItsCheckpointWritesAnInterruptedSummaryAndResumesBitForBit() throws IOException {
        Spec spec = spec("{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.5, \"batch_size\": 5}");
        Path reference = straight(spec);
        Path out = dir.resolve("interrupted");
        RunInterrupt interrupt = new RunInterrupt();
        FolderRun.Outcome stopped = GDFLOW.runInto(spec, out,
                options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.REPORT, interrupt, interruptAt(18, interrupt)));
        assertEquals("interrupted", stopped.status());
        // asked at the boundary of step 18, the run stops at the next one
        assertEquals(19, stopped.summary().get("steps").asLong());
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("interrupted", summary.get("status").asText());
        assertEquals("interrupted by a test at step 19 (time 1.9000000000000001); the checkpoint taken there continues the run",
                summary.get("message").asText());
        assertFalse(summary.has("rate"), "an interrupted run is summarised when it ends");
        assertFalse(Files.exists(out.resolve("params")), "the parameters are written when the run ends");
        Checkpoint checkpoint = Checkpoint.read(out.resolve(Checkpoint.FILE_NAME));
        assertEquals(19, checkpoint.state().step());
        // rows at 0, 3, ..., 18, and the interrupted run's last row at 19 (which the checkpoint does not count)
        assertEquals(7, checkpoint.state().rowsRecorded());
        assertEquals(1 + 8, Files.readAllLines(out.resolve("trajectory.csv")).size());

        FolderRun.Outcome resumed = GDFLOW.resume(out, report());
        assertEquals(FolderRun.Kind.RESUMED, resumed.kind());
        assertEquals(19, resumed.resumedFromStep());
        assertSameFiles(reference, out);
        // and once finished, resume only reports it
        assertEquals(FolderRun.Kind.ALREADY_FINISHED, GDFLOW.resume(out, report()).kind());
    }

    @Test
    void aFinishedFolderIsReportedOrRunAgain() throws IOException {
        Spec spec = spec("{\"name\": \"euler\", \"dt\": 0.1}");
        Path out = straight(spec);
        byte[] trajectory = Files.readAllBytes(out.resolve("trajectory.csv"));
        FolderRun.Outcome done = GDFLOW.runInto(spec, out, report());
        assertEquals(FolderRun.Kind.ALREADY_FINISHED, done.kind());
        assertNull(done.result());
        assertEquals("step_limit", done.status());
        assertEquals(MAPPER.readTree(out.resolve("summary.json").toFile()), done.summary());

        FolderRun.Outcome again = GDFLOW.runInto(spec, out, options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.RERUN));
        assertEquals(FolderRun.Kind.RAN, again.kind());
        assertEquals(List.of("replaced the finished results of the same spec (summary.json, trajectory.csv, params/w0.csv,"
                + " params/a0.csv, params/w.csv, params/a.csv)"), again.notes());
        assertArrayEquals(trajectory, Files.readAllBytes(out.resolve("trajectory.csv")));
    }

    @Test
    void aFolderOfAnotherSpecIsRefusedNamingTheDifferencesOrCleared() throws IOException {
        Spec spec = spec("{\"name\": \"euler\", \"dt\": 0.1}");
        Path out = straight(spec);
        Spec wider = GDFLOW.with(GDFLOW.with(spec, "model.width", "8"), "seed", "12");
        GdflowException e = assertThrows(GdflowException.class, () -> GDFLOW.runInto(wider, out, report()));
        assertEquals(out + " holds the results of another spec (seed: 12 here, 11 there; model.width: 8 here, 16 there); choose another"
                + " folder with --out, or add --force to clear it first", e.getMessage());
        // a checkpoint of another spec (a crashed run) is refused the same way
        Path crashed = dir.resolve("crashed");
        assertThrows(IllegalStateException.class,
                () -> GDFLOW.runInto(spec, crashed, options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.REPORT, crashAt(3))));
        e = assertThrows(GdflowException.class, () -> GDFLOW.runInto(wider, crashed, report()));
        assertEquals(crashed + " holds the results of another spec (seed: 12 here, 11 there; model.width: 8 here, 16 there); choose"
                + " another folder with --out, or add --force to clear it first", e.getMessage());
        // a different checkpoint policy is the same spec: the crashed run resumes
        FolderRun.Outcome resumed = GDFLOW.runInto(GDFLOW.with(spec, "checkpoint", "false"), crashed, report());
        assertEquals(FolderRun.Kind.RESUMED, resumed.kind());

        FolderRun.Outcome cleared = GDFLOW.runInto(wider, out, options(FolderRun.OtherSpec.CLEAR, FolderRun.Finished.REPORT));
        assertEquals(FolderRun.Kind.RAN, cleared.kind());
        assertEquals(List.of("cleared the results of another spec (summary.json, trajectory.csv, params/w0.csv, params/a0.csv,"
                + " params/w.csv, params/a.csv)"), cleared.notes());
        assertEquals(8, Files.readAllLines(out.resolve("params/w.csv")).size(), "the new width's parameters, not the old ones");

        FolderRun.Outcome fresh = GDFLOW.runInto(wider, out, options(FolderRun.OtherSpec.CLEAR_ALL, FolderRun.Finished.REPORT));
        assertEquals(FolderRun.Kind.RAN, fresh.kind());
        assertEquals(List.of("cleared " + out + " first (summary.json, trajectory.csv, params/w0.csv, params/a0.csv, params/w.csv,"
                + " params/a.csv)"), fresh.notes());
    }

    @Test
    void aCheckpointMadeByOtherCodeIsRefusedNamingTheVersions() throws Exception {
        Spec spec = spec("{\"name\": \"rk4\", \"dt\": 0.2}");
        Path out = crashed(spec, 6);
        Checkpoint c = Checkpoint.read(out.resolve(Checkpoint.FILE_NAME));
        Map<String, String> versions = new LinkedHashMap<>(c.versions());
        versions.put("integrator/rk4", "9.9 sha256:0123456789abcdef");
        versions.put("activation/erf", "1.0");
        new Checkpoint(c.spec(), c.backend(), versions, c.state()).write(out.resolve(Checkpoint.FILE_NAME));
        GdflowException e = assertThrows(GdflowException.class, () -> GDFLOW.resume(out, report()));
        // "now" is what the first run recorded: the same code
        assertEquals("cannot resume " + out + ": its checkpoint was made by other code (integrator/rk4: 9.9 sha256:0123456789abcdef"
                + " then, " + c.versions().get("integrator/rk4") + " now; activation/erf: 1.0 then, not used now), so the run would"
                + " not continue bit for bit; put those versions back, or run it again with --force", e.getMessage());
        assertEquals(CheckpointWriterTest.expectedVersion("org.gdflow.integrators.BuiltInIntegrators"), c.versions().get("integrator/rk4"));
        versions.remove("activation/erf");
        versions.remove("integrator/rk4");
        new Checkpoint(c.spec(), c.backend(), versions, c.state()).write(out.resolve(Checkpoint.FILE_NAME));
        e = assertThrows(GdflowException.class, () -> GDFLOW.runInto(spec, out, report()));
        assertTrue(e.getMessage().contains("(integrator/rk4: not used then, " + c.versions().get("integrator/rk4") + " now)"), e.getMessage());
    }

    @Test
    void aCheckpointWhoseSpecNowReadsDifferentlyIsRefused() throws IOException {
        Spec spec = spec("{\"name\": \"rk4\", \"dt\": 0.2}");
        Path out = crashed(spec, 6);
        Checkpoint c = Checkpoint.read(out.resolve(Checkpoint.FILE_NAME));
        // as if an older gdflow had written it without a default this one fills in
        ObjectNode older = c.spec();
        older.remove("theory");
        new Checkpoint(older, c.backend(), c.versions(), c.state()).write(out.resolve(Checkpoint.FILE_NAME));
        GdflowException e = assertThrows(GdflowException.class, () -> GDFLOW.resume(out, report()));
        assertEquals("cannot resume " + out + ": its spec reads differently with this gdflow (theory: {\"enabled\":false,\"rule\":"
                + "\"polar\",\"quadrature_degree\":64} now, missing in the folder), so the run would not continue as it began; run it"
                + " again with --force", e.getMessage());
        // a spec this gdflow cannot read at all
        older.put("seed", "not a number");
        new Checkpoint(older, c.backend(), c.versions(), c.state()).write(out.resolve(Checkpoint.FILE_NAME));
        e = assertThrows(GdflowException.class, () -> GDFLOW.resume(out, report()));
        assertEquals("cannot resume " + out + ": the spec it holds does not read with this gdflow: seed: expected an integer, got the"
                + " string \"not a number\" (the spec in " + out + ")", e.getMessage());
    }

    @Test
    void aChangedInputFileIsNamedWhenResumingOrRunningAgain() throws IOException {
        Files.writeString(dir.resolve("x.csv"), "1,0\n0,1\n0.6,0.8\n-1,0\n");
        Files.writeString(dir.resolve("y.csv"), "1\n-1\n0.5\n0\n");
        Spec spec = GDFLOW.with(spec("{\"name\": \"euler\", \"dt\": 0.1}"), "data",
                "{\"kind\": \"csv\", \"x\": \"" + dir.resolve("x.csv") + "\", \"y\": \"" + dir.resolve("y.csv") + "\"}");
        Path out = crashed(spec, 6);
        String before = Checkpoint.read(out.resolve(Checkpoint.FILE_NAME)).spec().at("/data/sha256/y").asText();
        Files.writeString(dir.resolve("y.csv"), "1\n-1\n0.5\n0.25\n");
        GdflowException e = assertThrows(GdflowException.class, () -> GDFLOW.resume(out, report()));
        assertTrue(e.getMessage().startsWith("data.sha256.y: " + dir.resolve("y.csv") + " has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains(" now, but the spec pins " + before + ": the file changed since the spec was resolved"),
                e.getMessage());
        e = assertThrows(GdflowException.class, () -> GDFLOW.runInto(spec, out, report()));
        assertTrue(e.getMessage().startsWith(out + " holds the results of another spec (data.sha256.y: \""), e.getMessage());
    }

    @Test
    void aFolderWithoutACheckpointCannotBeResumed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(empty + " holds no checkpoint to resume from and no run; run the spec again: gdflow run SPEC --out " + empty,
                assertThrows(GdflowException.class, () -> GDFLOW.resume(empty, report())).getMessage());
        Files.writeString(empty.resolve("trajectory.csv"), "step,time,loss\n0,0.0,1.0\n");
        assertEquals(empty + " holds no checkpoint to resume from (the run was stopped before its first one); run the spec again:"
                + " gdflow run SPEC --out " + empty, assertThrows(GdflowException.class, () -> GDFLOW.resume(empty, report())).getMessage());
        Path none = dir.resolve("none");
        assertEquals(none + " is not a folder; resume takes the output folder of a run (its --out)",
                assertThrows(GdflowException.class, () -> GDFLOW.resume(none, report())).getMessage());
        // the same trajectory without a checkpoint is what a run killed before its first checkpoint leaves: run afresh
        FolderRun.Outcome fresh = GDFLOW.runInto(spec("{\"name\": \"euler\", \"dt\": 0.1}"), empty, report());
        assertEquals(FolderRun.Kind.RAN, fresh.kind());
        assertEquals(List.of("removed what a run stopped before its first checkpoint left (trajectory.csv)"), fresh.notes());
    }

    @Test
    void aRunThatCannotFitIsRefusedBeforeItsFolderIsMadeAndAResumeBeforeItRuns() throws IOException {
        Spec huge = GDFLOW.with(spec("{\"name\": \"euler\", \"dt\": 0.1}"), "model.width", "1000000000");
        Path out = dir.resolve("huge");
        assertThrows(org.gdflow.core.error.InsufficientMemoryException.class, () -> GDFLOW.runInto(huge, out, report()));
        assertFalse(Files.exists(out), "refused before the folder is made");
        // a checkpoint whose spec cannot fit here (made on a larger machine): refused before the run goes on
        Path crashed = crashed(spec("{\"name\": \"euler\", \"dt\": 0.1}"), 6);
        Checkpoint c = Checkpoint.read(crashed.resolve(Checkpoint.FILE_NAME));
        ObjectNode wide = c.spec();
        ((ObjectNode) wide.get("model")).put("width", 1_000_000_000);
        new Checkpoint(wide, c.backend(), c.versions(), c.state()).write(crashed.resolve(Checkpoint.FILE_NAME));
        assertThrows(org.gdflow.core.error.InsufficientMemoryException.class, () -> GDFLOW.resume(crashed, report()));
    }

    @Test
    void aResumedRunHasNoSummaryUntilItEnds() throws IOException {
        Spec spec = spec("{\"name\": \"rk4\", \"dt\": 0.2}");
        Path out = dir.resolve("interrupted");
        RunInterrupt interrupt = new RunInterrupt();
        GDFLOW.runInto(spec, out, options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.REPORT, interrupt, interruptAt(8, interrupt)));
        assertTrue(Files.exists(out.resolve("summary.json")), "the interrupted run's summary");
        List<Boolean> summaryWhileRunning = new ArrayList<>();
        RunObserver look = new RunObserver() {
            @Override
            public void stepped(long step, double time, Supplier<LoopState> snapshot) {
                summaryWhileRunning.add(Files.exists(out.resolve("summary.json")));
            }
        };
        GDFLOW.runInto(spec, out, options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.REPORT, look));
        assertFalse(summaryWhileRunning.isEmpty());
        assertFalse(summaryWhileRunning.contains(true), "the interrupted run's summary is gone while the run goes on");
    }

    @Test
    void aSummaryThatIsNotASpecsIsAnotherSpecs() throws IOException {
        Spec spec = spec("{\"name\": \"euler\", \"dt\": 0.1}");
        Path out = Files.createDirectories(dir.resolve("odd"));
        for (String text : List.of("not json", "[1, 2]", "{\"status\": \"converged\"}")) {
            Files.writeString(out.resolve("summary.json"), text);
            GdflowException e = assertThrows(GdflowException.class, () -> GDFLOW.runInto(spec, out, report()));
            assertEquals(out + " holds the results of another spec (the folder's spec cannot be read); choose another folder with"
                    + " --out, or add --force to clear it first", e.getMessage(), text);
        }
    }

    @Test
    void theOutputEstimateCountsCheckpointsParametersAndRows() {
        FolderRun folders = new FolderRun(GDFLOW.runner(), new org.gdflow.core.spec.SpecReader(GDFLOW.catalog()), GDFLOW.catalog());
        // P = 16·3 + 16 = 64: checkpoint 2·8·2·64 + 64 KiB, parameters 4·25·64, rows (40/3 + 2)·(3 + 1)·25
        Spec spec = spec("{\"name\": \"euler\", \"dt\": 0.1}");
        assertEquals((long) (2048 + 65536 + 6400 + (40.0 / 3 + 2) * 4 * 25), folders.outputBytes(spec));
        // without parameters; a time limit shorter than max_steps: ⌈1.05/0.1⌉ = 11 steps
        Spec timed = GDFLOW.with(GDFLOW.with(spec, "output.parameters", "false"), "stop", "{\"time\": 1.05, \"max_steps\": 40}");
        assertEquals((long) (2048 + 65536 + (11.0 / 3 + 2) * 4 * 25), folders.outputBytes(timed));
        // a run without max_steps and a time limit: its rows are counted from the time
        Spec noSteps = GDFLOW.with(timed, "stop", "{\"time\": 2}");
        assertEquals((long) (2048 + 65536 + (20.0 / 3 + 2) * 4 * 25), folders.outputBytes(noSteps));
    }

    @Test
    void aResumedRunGoesOnOnTheBackendItsCheckpointNames() throws IOException {
        // a small auto run that ran on ejml, its checkpoint rewritten as if it had run on nd4j (as a large one would)
        Spec auto = GDFLOW.with(spec("{\"name\": \"rk4\", \"dt\": 0.2}"), "backend", "auto");
        Path out = crashed(auto, 6);
        Checkpoint c = Checkpoint.read(out.resolve(Checkpoint.FILE_NAME));
        ObjectNode onNd4j = c.spec();
        onNd4j.set("backend", SpecJsonOf.backend(GDFLOW, "nd4j"));
        Map<String, String> versions = new LinkedHashMap<>(c.versions());
        versions.remove("backend/ejml");
        versions.putAll(org.gdflow.core.run.PluginVersions.of(GDFLOW.spec(onNd4j.toString(), dir), "nd4j", GDFLOW.catalog()));
        new Checkpoint(onNd4j, "nd4j", versions, c.state()).write(out.resolve(Checkpoint.FILE_NAME));
        FolderRun.Outcome resumed = GDFLOW.runInto(auto, out, report());
        assertEquals(FolderRun.Kind.RESUMED, resumed.kind());
        assertEquals("nd4j", resumed.summary().at("/provenance/backend").asText());
    }

    /** The resolved backend block of a plugin, as a checkpoint's spec holds it. */
    private static final class SpecJsonOf {
        static JsonNode backend(Gdflow gdflow, String name) {
            return org.gdflow.core.spec.SpecJson.write(gdflow.with(spec("{\"name\": \"rk4\", \"dt\": 0.2}"), "backend", name), name)
                    .get("backend");
        }
    }

    @Test
    void anAutoBackendResumesOnTheBackendItRanOn() throws IOException {
        Spec auto = GDFLOW.with(spec("{\"name\": \"rk4\", \"dt\": 0.2}"), "backend", "auto");
        Path reference = dir.resolve("straight");
        GDFLOW.runInto(auto, reference, report());
        Path out = crashed(auto, 12);
        assertEquals("ejml", Checkpoint.read(out.resolve(Checkpoint.FILE_NAME)).backend(), "auto chooses ejml for a small problem");
        assertEquals(FolderRun.Kind.RESUMED, GDFLOW.runInto(auto, out, report()).kind());
        assertSameFiles(reference, out);
        assertEquals(FolderRun.Kind.ALREADY_FINISHED, GDFLOW.runInto(auto, out, report()).kind());
    }
}
