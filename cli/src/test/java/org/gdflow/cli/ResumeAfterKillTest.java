package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gdflow.cli.CliTest.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in a child JVM stopped at random moments, against the same run never stopped (run in this
 * JVM): killed with SIGKILL (no handler, nothing tidied up), a folder never holds a truncated
 * summary, and {@code gdflow resume} (or the same {@code gdflow run} again, when the kill came before
 * the first checkpoint) ends with the same trajectory, parameters and final loss, byte for byte;
 * stopped with SIGINT or SIGTERM, the run exits with status 3, its summary says {@code interrupted}
 * and resuming ends the same way. The moments are drawn from a seeded generator (the seed is printed).
 */
class ResumeAfterKillTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** About a second of steps after the JVM started (the kills range over what it takes here); a checkpoint every 300 steps, a row every 10. */
    private static final String SPEC = """
            { "name": "killed", "seed": 5,
              "data": {"kind": "sphere", "n": 24, "d": 6, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
              "model": {"width": 96, "activation": "tanh", "scaling": "ntk"},
              "integrator": {"name": "gd", "lr": 0.05, "momentum": 0.5, "batch_size": 8},
              "stop": {"max_steps": 6000},
              "observe": {"every": 10},
              "backend": "ejml",
              "output": {"parameters": true},
              "checkpoint": {"every_steps": 300} }
            """;
    private static final int KILLS = 20;

    @TempDir
    static Path dir;
    private static Path spec;
    private static Path reference;

    @BeforeAll
    static void runTheReferenceOnce() throws IOException {
        spec = dir.resolve("killed.json");
        Files.writeString(spec, SPEC);
        reference = dir.resolve("reference");
        Outcome o = CliTest.cli("run", spec.toString(), "--out", reference.toString());
        assertEquals(0, o.status(), o.err());
    }

    /** A child JVM running gdflow with {@code args}, its standard output read line by line. */
    private static final class Child {
        final Process process;
        final BufferedReader out;
        final CompletableFuture<String> err;

        Child(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
        }

        /** Waits for the line the run prints once its spec is read (the work starts after it). */
        void awaitStart() throws IOException {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("gdflow run killed:"), String.valueOf(line));
            // drain the rest so the child never blocks on a full pipe
            CompletableFuture.runAsync(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the child was killed
                }
            });
        }

        int waitFor() throws InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child ended");
            return process.exitValue();
        }

        /** Sends a signal; false if the process had ended already. */
        boolean signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            return kill.waitFor() == 0;
        }
    }

    /** The folder holds either no summary or a whole one. */
    private static JsonNode summaryOrNull(Path out) throws IOException {
        Path summary = out.resolve("summary.json");
        if (!Files.exists(summary)) {
            return null;
        }
        JsonNode json = MAPPER.readTree(summary.toFile());
        assertTrue(json != null && json.has("status") && json.has("provenance"), "a whole summary: " + Files.readString(summary));
        return json;
    }

    private static void assertSameAsReference(Path out) throws IOException {
        for (String name : List.of("trajectory.csv", "params/w.csv", "params/a.csv", "params/w0.csv", "params/a0.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(out.resolve(name)), out + ": " + name);
        }
        JsonNode a = MAPPER.readTree(reference.resolve("summary.json").toFile());
        JsonNode b = MAPPER.readTree(out.resolve("summary.json").toFile());
        for (String key : List.of("status", "final_loss", "steps", "time", "rate", "integrator_counts", "spec")) {
            assertEquals(a.get(key), b.get(key), out + ": " + key);
        }
    }

    /** Brings a stopped run to its end the way a user would; returns what was done. */
    private static String finish(Path out) throws IOException {
        JsonNode summary = summaryOrNull(out);
        if (summary != null && !summary.get("status").asText().equals("interrupted")) {
            return "finished before the kill";
        }
        if (Files.exists(out.resolve("checkpoint.bin"))) {
            Outcome o = CliTest.cli("resume", out.toString());
            assertEquals(0, o.status(), o.out() + o.err());
            assertTrue(o.out().contains("resuming from the checkpoint at step "), o.out());
            return "resumed";
        }
        // killed before its first checkpoint: nothing to resume, the same command starts it again
        Outcome o = CliTest.cli("run", spec.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        return "run again";
    }

    @Test
    void aRunKilledAtRandomMomentsResumesToTheSameNumbersBitForBit() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("ResumeAfterKillTest seed " + seed);
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        // the kills' range: how long one child takes from its start line to its end here, now (a fixed range
        // let most runs finish before the kill on a fast, quiet machine: 13 of 20 once)
        Child calibration = new Child("run", spec.toString(), "--out", dir.resolve("calibration").toString());
        calibration.awaitStart();
        long started = System.nanoTime();
        assertEquals(0, calibration.waitFor());
        int work = (int) Math.max(1, (System.nanoTime() - started) / 1_000_000);
        System.out.println("ResumeAfterKillTest: an unkilled run takes " + work + " ms after its start line");
        // two children at a time (the trials are independent); each is brought to its end in turn, in this JVM
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> trials = new ArrayList<>();
        for (int trial = 0; trial < KILLS; trial++) {
            Path out = dir.resolve("kill-" + trial);
            // uniform over the work: the folder's making, the checkpoints, the rows, the last files
            int delay = random.nextInt(work);
            trials.add(pool.submit(() -> {
                Child child = new Child("run", spec.toString(), "--out", out.toString());
                child.awaitStart();
                Thread.sleep(delay);
                child.process.destroyForcibly();
                child.waitFor();
                synchronized (outcomes) {
                    outcomes.merge(finish(out), 1, Integer::sum);
                }
                assertSameAsReference(out);
                return null;
            }));
        }
        try {
            for (java.util.concurrent.Future<?> trial : trials) {
                trial.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("ResumeAfterKillTest: " + outcomes);
        assertTrue(outcomes.getOrDefault("resumed", 0) >= KILLS / 4, "most kills land in the run: " + outcomes + " (seed " + seed + ")");
    }

    /** Whether this JVM's children start with SIGINT ignored (a background job of a non-interactive shell). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                // bit 1 is signal 2, SIGINT
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2) != 0;
            }
        }
        return false;
    }

    @Test
    void sigintAndSigtermStopTheRunAtAStepBoundaryAndResumeBitForBit() throws Exception {
        boolean sigint = !sigintIgnoredHere();
        if (!sigint) {
            System.out.println("ResumeAfterKillTest: SIGINT is ignored in this process (started in the background), so its children ignore"
                    + " it too, as POSIX wants; SIGTERM only");
        }
        List<String> signals = sigint ? List.of("INT", "TERM", "INT") : List.of("TERM");
        Random random = new Random(7);
        for (int trial = 0; trial < signals.size(); trial++) {
            String signal = signals.get(trial);
            Path out = dir.resolve("signal-" + trial);
            Child child = new Child("run", spec.toString(), "--out", out.toString());
            child.awaitStart();
            Thread.sleep(400 + random.nextInt(300));
            child.signal(signal);
            int status = child.waitFor();
            String err = child.err.get(10, TimeUnit.SECONDS);
            JsonNode summary = summaryOrNull(out);
            if (status == 0) {
                // the run ended before the signal came: nothing to resume
                assertEquals("step_limit", summary.get("status").asText());
            } else {
                assertEquals(3, status, err);
                assertTrue(err.contains("gdflow: SIG" + signal + ": stopping at the next step boundary to save a checkpoint in " + out),
                        err);
                assertEquals("interrupted", summary.get("status").asText());
                assertTrue(summary.get("message").asText().startsWith("interrupted by SIG" + signal + " at step "), summary.toString());
                assertTrue(err.contains("continue it with: gdflow resume " + out), err);
                assertTrue(Files.exists(out.resolve("checkpoint.bin")));
                assertFalse(Files.exists(out.resolve("params")), "parameters come when the run ends");
                assertEquals("resumed", finish(out));
            }
            assertSameAsReference(out);
        }
    }

    /** About 50 ms a step (n above 2048: no Gram matrix at the end), so a second signal comes during a step. */
    private static final String SLOW = """
            { "name": "killed", "seed": 5,
              "data": {"kind": "sphere", "n": 2100, "d": 20, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
              "model": {"width": 600, "activation": "tanh", "scaling": "ntk"},
              "integrator": {"name": "gd", "lr": 0.5},
              "stop": {"max_steps": 100},
              "observe": {"every": 5},
              "backend": "ejml",
              "output": {"parameters": true},
              "checkpoint": {"every_steps": 10} }
            """;

    @Test
    void aSecondSignalQuitsAtOnceAndLeavesAFolderThatResumes() throws Exception {
        Assumptions.assumeFalse(sigintIgnoredHere(), "SIGINT is ignored in this process, and so in its children");
        Path slow = dir.resolve("slow.json");
        Files.writeString(slow, SLOW);
        Path slowReference = dir.resolve("slow-reference");
        assertEquals(0, CliTest.cli("run", slow.toString(), "--out", slowReference.toString()).status());
        Path out = dir.resolve("twice");
        Child child = new Child("run", slow.toString(), "--out", out.toString());
        child.awaitStart();
        // signal once the run is well under way (rows at steps 0, 5 and 10), however busy the machine
        Path rows = out.resolve("trajectory.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!Files.exists(rows) || Files.readAllLines(rows).size() < 4) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(child.signal("INT"), "the run was going");
        Thread.sleep(10);
        // the second signal may find the process gone, if the first had already stopped it
        child.signal("INT");
        assertEquals(3, child.waitFor());
        String err = child.err.get(10, TimeUnit.SECONDS);
        assertTrue(err.contains("gdflow: SIGINT: stopping at the next step boundary"), err);
        System.out.println("ResumeAfterKillTest: second SIGINT " + (err.contains("again: quitting at once") ? "quit at once" : "came late"));
        // whatever the moment, the folder is consistent: no summary or a whole one
        JsonNode summary = summaryOrNull(out);
        assertTrue(summary == null || summary.get("status").asText().equals("interrupted"), String.valueOf(summary));
        assertTrue(Files.exists(out.resolve("checkpoint.bin")));
        Outcome resumed = CliTest.cli("resume", out.toString());
        assertEquals(0, resumed.status(), resumed.err());
        for (String name : List.of("trajectory.csv", "params/w.csv", "params/a.csv")) {
            assertArrayEquals(Files.readAllBytes(slowReference.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
        assertEquals(MAPPER.readTree(slowReference.resolve("summary.json").toFile()).get("final_loss"),
                MAPPER.readTree(out.resolve("summary.json").toFile()).get("final_loss"));
    }
}
