package org.gdflow.executors.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.RunFiles;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task on a machine without the study's csv files: they travel as bytes, and the run's files are
 * those of the run where the files are (the summary naming the spec's own paths).
 */
class RunTaskTest {
    @TempDir
    Path dir;

    private static String csvSpec() {
        return StudyFolders.sweep("").replace("\"sweep\": {\"seed\": [1, 2], \"integrator.lr\": [0.5, 1e6]},", "\"sweep\": {\"seed\": [1]},")
                .replaceAll("\"data\": \\{.*}},", "\"data\": {\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\"},")
                .replace("\"metrics\": [\"max_weight_change\"]", "\"metrics\": []");
    }

    @Test
    void theSpecsFilesTravelAsBytesAndTheResultNamesTheirOwnPaths() throws Exception {
        Files.writeString(dir.resolve("x.csv"), "1,0,0\n0,1,0\n0.6,0.8,0\n");
        Files.writeString(dir.resolve("y.csv"), "1\n-1\n0.5\n");
        PlannedRun run = Study.parse(StudyFolders.GDFLOW, csvSpec(), dir).plan().get(0);
        ShippedRun shipped = ShippedRun.of(run);
        assertEquals(List.of(dir.resolve("x.csv").toString(), dir.resolve("y.csv").toString()), List.copyOf(shipped.inputs().keySet()));
        RunFiles here = RunTask.run(shipped, 1);
        // the worker's machine: the files are not at the spec's paths
        Files.move(dir.resolve("x.csv"), dir.resolve("x-gone.csv"));
        Files.move(dir.resolve("y.csv"), dir.resolve("y-gone.csv"));
        RunFiles there = RunTask.run(shipped, 1);
        assertEquals("step_limit", there.outcome().status(), there.outcome().message());
        assertEquals(here.files().keySet(), there.files().keySet());
        for (String name : here.files().keySet()) {
            if (!name.equals("summary.json")) {
                assertArrayEquals(here.files().get(name), there.files().get(name), name);
            }
        }
        String summary = new String(there.files().get("summary.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(summary.contains(com.fasterxml.jackson.databind.node.TextNode.valueOf(dir.resolve("x.csv").toString()).toString()), summary);
        assertTrue(!summary.contains("gdflow-inputs-"), summary);
    }

    @Test
    void aRunWhoseFileIsGoneEverywhereFailsWithCoresMessage() throws Exception {
        Files.writeString(dir.resolve("x.csv"), "1,0,0\n0,1,0\n0.6,0.8,0\n");
        Files.writeString(dir.resolve("y.csv"), "1\n-1\n0.5\n");
        PlannedRun run = Study.parse(StudyFolders.GDFLOW, csvSpec(), dir).plan().get(0);
        Files.delete(dir.resolve("y.csv"));
        ShippedRun shipped = ShippedRun.of(run);
        assertEquals(List.of(dir.resolve("x.csv").toString()), List.copyOf(shipped.inputs().keySet()));
        RunFiles files = RunTask.run(shipped, 1);
        assertEquals(RunOutcome.FAILED, files.outcome().status());
        assertTrue(files.outcome().message().contains("file not found: " + dir.resolve("y.csv")), files.outcome().message());
    }
}
