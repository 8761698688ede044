package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gdflow.cli.CliTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study killed part way (SIGKILL of a child JVM after its first run ended) and run again into the
 * same folder: the runs that finished are skipped, not recomputed, and the folder ends identical,
 * run by run, to an uninterrupted study's.
 */
class StudyKillTest {
    private static final String STUDY = """
            { "name": "killed", "seed": 3,
              "data": {"kind": "sphere", "n": 48, "d": 8, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
              "model": {"width": 256, "activation": "tanh", "scaling": "ntk"},
              "integrator": {"name": "rk4", "dt": 0.05},
              "stop": {"max_steps": 400},
              "observe": {"every": 50},
              "backend": "ejml",
              "sweep": {"seed": [1, 2, 3, 4, 5, 6]} }
            """;

    @TempDir
    Path dir;

    @Test
    void aKilledStudyResumesWithoutRecomputingWhatFinished() throws Exception {
        Path spec = dir.resolve("killed.json");
        Files.writeString(spec, STUDY);
        Path out = dir.resolve("out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", spec.toString(), "--out", out.toString(), "--jobs", "1")
                .redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("  [1/6] ")) {
                    break;
                }
            }
            // SIGKILL: no shutdown hook, no chance to tidy up
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(seen.get(seen.size() - 1).startsWith("  [1/6] seed=1: step_limit"), String.join("\n", seen));

        Map<String, FileTime> finished = new HashMap<>();
        for (int seed = 1; seed <= 6; seed++) {
            Path summary = out.resolve("seed=" + seed).resolve("summary.json");
            if (Files.exists(summary)) {
                finished.put("seed=" + seed, Files.getLastModifiedTime(summary));
            }
        }
        assertTrue(finished.containsKey("seed=1") && finished.size() < 6, finished.toString());

        Outcome again = CliTest.cli("run", spec.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, again.status(), again.err());
        for (String id : finished.keySet()) {
            assertTrue(again.out().contains(id + ": skipped (finished with the same spec)"), again.out());
            assertEquals(finished.get(id), Files.getLastModifiedTime(out.resolve(id).resolve("summary.json")), id + " was not rerun");
        }
        assertEquals(6 - finished.size(), again.out().lines().filter(l -> l.contains(": step_limit (")).count(), again.out());

        // the same study without a kill: every run's trajectory is the same, bit for bit
        Path whole = dir.resolve("whole");
        assertEquals(0, CliTest.cli("run", spec.toString(), "--out", whole.toString(), "--jobs", "2").status());
        for (int seed = 1; seed <= 6; seed++) {
            String id = "seed=" + seed;
            assertArrayEquals(Files.readAllBytes(whole.resolve(id).resolve("trajectory.csv")),
                    Files.readAllBytes(out.resolve(id).resolve("trajectory.csv")), id);
        }
        assertEquals(7, Files.readAllLines(out.resolve("index.csv")).size());
    }
}
