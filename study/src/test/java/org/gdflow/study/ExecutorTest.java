package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gdflow.api.NoParameters;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.MemoryEstimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor plugin kind: the local pool's size from cores and memory (worked out by hand), the
 * refusal of a run that cannot fit, the catalog and the spec's executor block, and the detached work
 * unit of a cluster executor against a run written in place.
 */
class ExecutorTest {
    private static final Gdflow GDFLOW = StudyPlanTest.GDFLOW;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long BASE = MemoryEstimate.BASELINE_BYTES;

    @TempDir
    Path dir;

    private static PlannedRun needing(String id, long bytes) {
        return new PlannedRun(id, List.of(), "{}", ".", "ejml", bytes, bytes + " B (by hand)");
    }

    private static List<PlannedRun> runs(long... bytes) {
        List<PlannedRun> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            out.add(needing("r" + i, bytes[i]));
        }
        return out;
    }

    @Test
    void automaticJobsAreTheFewestOfCoresRunsAndWhatTheHeapHolds() {
        // room = 3000 bytes after the baseline; the largest run (1000) fits 3 times
        LocalExecutor auto = new LocalExecutor(GDFLOW, 0, 4, BASE + 3000);
        assertEquals(3, auto.jobsFor(runs(1000, 10, 10, 10, 10)));
        // two runs: at most two jobs
        assertEquals(2, auto.jobsFor(runs(10, 10)));
        // four cores bound it when memory is plentiful
        assertEquals(4, auto.jobsFor(runs(1, 1, 1, 1, 1, 1)));
        // room / largest = 3000 / 1500 = 2
        assertEquals(2, auto.jobsFor(runs(1500, 1, 1, 1)));
        // a run of 3001 bytes would be refused; sizing alone still gives one job
        assertEquals(1, auto.jobsFor(runs(3001, 1)));
        assertEquals(1, auto.jobsFor(List.of()));
        // runs of 0 bytes count as 1 byte: never a division by zero
        assertEquals(4, auto.jobsFor(runs(0, 0, 0, 0, 0)));
    }

    @Test
    void explicitJobsAreKeptButNeverExceedTheRuns() {
        LocalExecutor two = new LocalExecutor(GDFLOW, 2, 4, BASE + 10);
        assertEquals(2, two.jobsFor(runs(1000, 1000, 1000)));
        assertEquals(1, two.jobsFor(runs(5)));
        assertEquals(1, two.jobsFor(List.of()));
    }

    @Test
    void threadsPerRunShareTheCores() {
        LocalExecutor e = new LocalExecutor(GDFLOW, 0, 4, BASE + 3000);
        assertEquals(4, e.threadsPerRun(1));
        assertEquals(2, e.threadsPerRun(2));
        assertEquals(1, e.threadsPerRun(3));
        assertEquals(1, e.threadsPerRun(8));
    }

    @Test
    void theDescriptionSaysJobsThreadsAndWhyThatMany() {
        // the heap: 64 MiB + 3000 B = 67 111 864 B
        assertEquals("local, 3 jobs × 1 thread (as many as fit 4 cores and 67.1 MB of heap)",
                new LocalExecutor(GDFLOW, 0, 4, BASE + 3000).describe(runs(1, 1, 1)));
        assertEquals("local, 1 job × 4 threads", new LocalExecutor(GDFLOW, 1, 4, BASE).describe(runs(1, 1)));
        assertEquals("local, 2 jobs × 2 threads", new LocalExecutor(GDFLOW, 2, 4, BASE).describe(runs(1, 1)));
    }

    @Test
    void aRunLargerThanTheHeapIsRefusedBeforeAnythingIsWritten() {
        LocalExecutor small = new LocalExecutor(GDFLOW, 0, 2, BASE + 2_000_000_000L);
        small.check(runs(2_000_000_000L));
        GdflowException e = assertThrows(GdflowException.class, () -> small.check(runs(5, 2_000_000_001L)));
        assertEquals("refused: run r1 needs an estimated 2000000001 B (by hand) but this JVM can give a run 2.0 GB (the heap's 2.1 GB"
                + " less 67.1 MB for gdflow itself); give Java more memory (GDFLOW_JAVA_OPTS=-Xmx<size> for ./gdflow) or make"
                + " the run smaller (model.width, data.n)", e.getMessage());

        // through a study: the planner's estimate of a width of a thousand million, refused before the folder exists
        Study huge = Study.parse(GDFLOW, StudySpecs.withSweep("{\"model.width\": [8, 1000000000]}"), Path.of("."));
        PlannedRun big = huge.plan().get(1);
        // P = 4·10⁹: parameters 8·11·P, kernels 8·(2·6·10⁹ + 2·18 + 2·3·10⁹ + 50·10⁹ + 5·6) (Z and σ(Z), X's batch copy and Rᵀ,
        // Wᵀ and Gᵀ, the pass's rows and sums), data 8·(18 + 12) and the teacher's 2×3 + 2, gram 8·3·36
        assertEquals(8L * 11 * 4_000_000_000L + 8L * (68_000_000_000L + 66) + 8 * (30 + 8) + 8 * 3 * 36, big.memoryBytes());
        assertEquals("ejml", big.backend());
        Path out = dir.resolve("never");
        GdflowException refused = assertThrows(GdflowException.class,
                () -> huge.run(out, new LocalExecutor(GDFLOW, 0), StudyListener.NONE, false));
        assertTrue(refused.getMessage().startsWith("refused: run width=1000000000 needs an estimated 896.0 GB (data 304 B, parameters"
                + " 352.0 GB, kernels 544.0 GB, gram 864 B) but this JVM can give a run "), refused.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void theCatalogFindsLocalAndBindsTheSpecsExecutorBlock() {
        ExecutorCatalog catalog = ExecutorCatalog.discover();
        assertEquals(List.of("local"), List.copyOf(catalog.plugins().keySet()));
        ExecutorPlugin<?> local = catalog.plugins().get("local");
        assertEquals(LocalExecutorPlugin.Parameters.class, local.parametersType());
        assertEquals("runs on a pool of threads in this JVM, jobs × BLAS threads ≤ cores", local.description());

        int cores = Runtime.getRuntime().availableProcessors();
        List<PlannedRun> three = runs(1, 1, 1);
        Study none = study("");
        String auto = none.executor(catalog, null, null).describe(three);
        assertTrue(auto.startsWith("local, " + Math.min(3, cores) + " job"), auto);
        assertTrue(auto.contains("(as many as fit " + cores + " cores and "), auto);
        assertEquals("local, 2 jobs × " + Math.max(1, cores / 2) + " thread" + (cores / 2 > 1 ? "s" : ""),
                none.executor(catalog, null, 2).describe(three));
        assertEquals("local, 1 job × " + cores + " thread" + (cores > 1 ? "s" : ""),
                study("\"executor\": {\"name\": \"local\", \"jobs\": 1},").executor(catalog, null, null).describe(three));
        // --jobs replaces the block's jobs; a string block is a name
        assertEquals("local, 2 jobs × " + Math.max(1, cores / 2) + " thread" + (cores / 2 > 1 ? "s" : ""),
                study("\"executor\": {\"name\": \"local\", \"jobs\": 1},").executor(catalog, null, 2).describe(three));
        assertTrue(study("\"executor\": \"local\",").executor(catalog, null, null).describe(three).contains("as many as fit"));
        assertEquals("local, 1 job × " + cores + " thread" + (cores > 1 ? "s" : ""),
                study("\"executor\": \"local\",").executor(catalog, "local", 1).describe(three));
    }

    @Test
    void aWrongExecutorIsNamedWithItsPlace() {
        ExecutorCatalog catalog = ExecutorCatalog.discover();
        assertEquals("executor: no executor plugin is named 'spark'; the executors are local (run `gdflow plugins`"
                + " for details) (spec line 2)", message(() -> study("\"executor\": \"spark\",").executor(catalog, null, null)));
        assertEquals("executor.name: no executor plugin is named 'ray'; the executors are local (run `gdflow plugins`"
                + " for details) (spec line 2)", message(() -> study("\"executor\": {\"name\": \"ray\"},").executor(catalog, null, null)));
        assertEquals("executor.workers: unknown parameter 'workers' of executor 'local'; its parameters are jobs (spec line 2)",
                message(() -> study("\"executor\": {\"name\": \"local\", \"workers\": 2},").executor(catalog, null, null)));
        assertEquals("executor: executor 'local': jobs must be 0 (automatic) or more, got -2 (spec line 2)",
                message(() -> study("\"executor\": {\"jobs\": -2},").executor(catalog, null, null)));
        String fromCli = message(() -> study("").executor(catalog, "spark", null));
        assertEquals("executor.name: no executor plugin is named 'spark'; the executors are local (run `gdflow plugins` for details)"
                + " (the command line)", fromCli);
    }

    @Test
    void twoExecutorsWithOneNameAreRefusedNamingBoth() {
        ExecutorPlugin<NoParameters> other = new ExecutorPlugin<>() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public String description() {
                return "a second local";
            }

            @Override
            public Class<NoParameters> parametersType() {
                return NoParameters.class;
            }

            @Override
            public StudyExecutor create(NoParameters parameters, Gdflow gdflow) {
                return new LocalExecutor(gdflow, 1);
            }
        };
        GdflowException e = assertThrows(GdflowException.class, () -> ExecutorCatalog.of(List.of(new LocalExecutorPlugin(), other)));
        assertEquals("two executor plugins are named 'local': org.gdflow.study.LocalExecutorPlugin and " + other.getClass().getName()
                + "; remove one from the plugin path", e.getMessage());
    }

    @Test
    void aDetachedRunShipsBackTheFilesOfARunWrittenInPlace() throws Exception {
        Study study = Study.parse(GDFLOW, StudySpecs.withSweep("{\"seed\": [1, 2]}").replace("\"backend\": \"ejml\"",
                "\"backend\": \"ejml\", \"output\": {\"parameters\": true}"), Path.of("."));
        PlannedRun run = study.plan().get(1);
        RunOutcome inPlace = RunWork.run(GDFLOW, run, dir.resolve("local").resolve(run.id()));
        // a temporary root of this test's own: the machine's tmpdir may hold folders other processes left
        Path tmpRoot = Files.createDirectories(dir.resolve("tmp"));
        RunFiles shipped = RunWork.detached(GDFLOW, run, tmpRoot);
        assertEquals(inPlace, shipped.outcome());
        List<String> names = List.copyOf(shipped.files().keySet());
        assertEquals(List.of("params/a.csv", "params/a0.csv", "params/w.csv", "params/w0.csv",
                "summary.json", "trajectory.csv"), names);
        shipped.writeInto(dir.resolve("remote").resolve(run.id()));
        for (String name : names) {
            byte[] local = Files.readAllBytes(dir.resolve("local").resolve(run.id()).resolve(name));
            byte[] remote = Files.readAllBytes(dir.resolve("remote").resolve(run.id()).resolve(name));
            if (name.equals("summary.json")) {
                assertEquals(withoutWall(local), withoutWall(remote));
            } else {
                assertArrayEquals(local, remote, name);
            }
        }
        // the temporary folder is gone
        try (Stream<Path> tmp = Files.list(tmpRoot)) {
            assertEquals(List.of(), tmp.toList());
        }
    }

    @Test
    void aStudyOnAnExecutorThatShipsFilesGivesTheLocalIndex() {
        StudyExecutor remote = (runs, studyDir, listener) -> {
            List<RunOutcome> out = new ArrayList<>();
            for (PlannedRun run : runs) {
                RunFiles files = RunWork.detached(GDFLOW, run);
                try {
                    files.writeInto(studyDir.resolve(run.id()));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                listener.ended(files.outcome());
                out.add(files.outcome());
            }
            return out;
        };
        List<IndexRow> shipped = study("{\"seed\": [1, 2]}").run(dir.resolve("a"), remote, StudyListener.NONE, false);
        List<IndexRow> local = study("{\"seed\": [1, 2]}").run(dir.resolve("b"), 2, StudyListener.NONE);
        for (int i = 0; i < 2; i++) {
            Map<String, String> a = new java.util.LinkedHashMap<>(shipped.get(i).cells());
            Map<String, String> b = new java.util.LinkedHashMap<>(local.get(i).cells());
            a.remove("wall_seconds");
            b.remove("wall_seconds");
            assertEquals(b, a);
        }
    }

    @Test
    void aRunThatFailsDetachedComesBackAsAFailureWithItsMessage() {
        PlannedRun broken = new PlannedRun("broken", List.of(), "{\"name\": \"x\"}", ".");
        RunFiles files = RunWork.detached(GDFLOW, broken);
        assertEquals(RunOutcome.FAILED, files.outcome().status());
        assertTrue(files.outcome().message().contains("data"), files.outcome().message());
        assertEquals(Map.of(), files.files());
        assertInstanceOf(java.io.Serializable.class, files);
    }

    private static Study study(String executorOrSweep) {
        String spec = executorOrSweep.startsWith("{") ? StudySpecs.withSweep(executorOrSweep)
                : StudySpecs.withSweep("").replace("{ \"name\": \"tiny\", \"seed\": 5,\n", "{ \"name\": \"tiny\", \"seed\": 5,\n"
                        + executorOrSweep);
        return Study.parse(GDFLOW, spec, Path.of("."));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(GdflowException.class, call).getMessage();
    }

    private static ObjectNode withoutWall(byte[] summary) throws java.io.IOException {
        ObjectNode node = (ObjectNode) MAPPER.readTree(summary);
        node.remove("wall_seconds");
        node.remove("provenance");
        return node;
    }
}
