package org.gdflow.executors.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gdflow.study.ExecutorCatalog;
import org.gdflow.study.IndexRow;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume after a driver killed part way: the spark-submit main runs a study of 6 runs on
 * {@code local[2]} in a child JVM (this test's class path); once at least 2 runs have finished on disk
 * the child is killed with SIGKILL, and the same study is run again into the same folder on
 * {@code local[2]}. The runs that had finished are skipped, not recomputed (their summary.json keeps its
 * bytes and modification time), index.csv has one row per run, and the folder is a clean local
 * executor run's, byte for byte apart from wall times and provenance. The child is killed on every
 * path: in {@code finally}, and by a shutdown hook should the test JVM be stopped.
 */
class KilledDriverTest {
    /** Gradient descent steps of the two long runs: a few seconds each here, so that the kill finds them running. */
    private static final int LONG_STEPS = 20000;
    private static final long WAIT_SECONDS = 45;

    @TempDir
    Path dir;

    /**
     * Four short runs (4 and 5 steps) and two long ones ({@value #LONG_STEPS} steps), in that order (Spark's
     * partition order on {@code local[2]}): 20 points on S⁴, 64 tanh neurons, gd.
     */
    static String study(String executor) {
        return """
                { "name": "resume", "seed": 5, %s
                  "sweep": {"stop.max_steps": [4, 5, %d], "seed": [1, 2]},
                  "data": {"kind": "sphere", "n": 20, "d": 5, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
                  "model": {"width": 64, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": {"name": "gd", "lr": 0.05},
                  "stop": {"max_steps": 4},
                  "observe": {"every": 2000, "metrics": []},
                  "backend": "ejml" }
                """.formatted(executor.isEmpty() ? "" : "\"executor\": " + executor + ",", LONG_STEPS);
    }

    @Test
    void aDriverKilledPartWayLeavesItsFinishedRunsWhichTheRerunSkips() throws Exception {
        Path spec = dir.resolve("resume.json");
        Files.writeString(spec, study(""));
        Path out = dir.resolve("out");
        Path log = dir.resolve("driver.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(System.getProperty("spark.test.java.flags", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        command.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
                SparkStudyMain.class.getName(), spec.toString(), "--out", out.toString()));
        long started = System.nanoTime();
        Process driver = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // should this JVM itself be stopped while the driver runs
        Thread hook = new Thread(() -> {
            driver.descendants().forEach(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
        }, "kill the test's Spark driver");
        Runtime.getRuntime().addShutdownHook(hook);
        Set<String> finished;
        Map<String, byte[]> summaries = new TreeMap<>();
        Map<String, FileTime> times = new TreeMap<>();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (finished(out).size() < 2) {
                if (!driver.isAlive()) {
                    fail("the driver ended before 2 runs had finished (exit " + driver.exitValue() + "):\n" + Files.readString(log));
                }
                if (System.nanoTime() > end) {
                    fail("fewer than 2 runs finished in " + WAIT_SECONDS + " s:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            List<ProcessHandle> descendants = driver.descendants().toList();
            driver.destroyForcibly();
            assertTrue(driver.waitFor(20, TimeUnit.SECONDS), "the driver did not die");
            assertFalse(driver.isAlive());
            // SIGKILL: exit status 128 + 9
            assertEquals(137, driver.exitValue());
            descendants.forEach(ProcessHandle::destroyForcibly);
            System.out.printf("KilledDriverTest: driver killed after %.1f s%n", (System.nanoTime() - started) / 1e9);
        } finally {
            if (driver.isAlive()) {
                driver.descendants().forEach(ProcessHandle::destroyForcibly);
                driver.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        finished = finished(out);
        assertTrue(finished.size() >= 2 && finished.size() < 6, "finished when killed: " + finished);
        assertFalse(Files.exists(out.resolve("index.csv")), "the killed driver got to the end");
        for (String id : finished) {
            Path summary = out.resolve(id).resolve("summary.json");
            summaries.put(id, Files.readAllBytes(summary));
            times.put(id, Files.getLastModifiedTime(summary));
        }

        Study again = Study.parse(StudyFolders.GDFLOW, study("{\"name\": \"spark\", \"master\": \"local[2]\"}"), dir);
        List<RunOutcome> heard = Collections.synchronizedList(new ArrayList<>());
        List<IndexRow> rows = again.run(out, again.executor(ExecutorCatalog.discover(), null, null), heard::add, false);
        System.out.printf("KilledDriverTest: rerun done after %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertEquals(6, rows.size());
        assertEquals(6, heard.size());
        Set<String> skipped = new TreeSet<>(heard.stream().filter(o -> o.status().equals(RunOutcome.SKIPPED)).map(RunOutcome::id).toList());
        assertEquals(finished, skipped);
        for (String id : finished) {
            Path summary = out.resolve(id).resolve("summary.json");
            assertArrayEquals(summaries.get(id), Files.readAllBytes(summary), id);
            assertEquals(times.get(id), Files.getLastModifiedTime(summary), id);
        }
        List<String> index = Files.readAllLines(out.resolve("index.csv"));
        assertEquals(7, index.size(), String.join("\n", index));
        assertEquals(index.size(), new LinkedHashSet<>(index).size(), "a duplicated row:\n" + String.join("\n", index));

        Study local = Study.parse(StudyFolders.GDFLOW, study(""), dir);
        local.run(dir.resolve("local"), 2, o -> { });
        System.out.printf("KilledDriverTest: local run done after %.1f s%n", (System.nanoTime() - started) / 1e9);
        Files.delete(dir.resolve("local/study.json"));
        Files.delete(out.resolve("study.json"));
        StudyFolders.assertSameFolder(dir.resolve("local"), out);
        System.out.printf("KilledDriverTest: %d runs finished when the driver was killed, %.1f s in all%n", finished.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** The runs with a summary.json in {@code out}: those the driver has finished writing (summary.json comes last). */
    private static Set<String> finished(Path out) throws IOException {
        Set<String> ids = new TreeSet<>();
        if (!Files.isDirectory(out)) {
            return ids;
        }
        try (Stream<Path> runs = Files.list(out)) {
            runs.filter(run -> Files.isRegularFile(run.resolve("summary.json"))).forEach(run -> ids.add(run.getFileName().toString()));
        }
        return ids;
    }
}
