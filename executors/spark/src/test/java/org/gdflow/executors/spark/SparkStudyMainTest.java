package org.gdflow.executors.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit main class: its arguments, and a study on the master spark-submit would set (spark.master). */
class SparkStudyMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SparkStudyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutOutTheUsageIsGivenAndTheStatusIsTwo() {
        assertEquals(2, run("study.json"));
        assertEquals("gdflow: give the study spec and --out DIR; " + SparkStudyMain.USAGE + "\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadTaskCpusIsNamed() {
        assertEquals(2, run("study.json", "--out", "x", "--task-cpus", "0"));
        assertEquals("gdflow: --task-cpus: expected a whole number of cores, 1 or more, got '0'\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStudyRunsOnTheApplicationsMasterAndWritesTheFolderAndReport() throws Exception {
        Path spec = Files.writeString(dir.resolve("study.json"), StudyFolders.sweep(""));
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.ui.enabled", "false");
        try {
            assertEquals(0, run(spec.toString(), "--out", dir.resolve("out").toString()), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("spark.master");
            System.clearProperty("spark.ui.enabled");
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("gdflow: a study of 4 runs (spark, master local[2], 1 core per run) -> " + dir.resolve("out")), printed);
        assertTrue(printed.contains("[4/4]"), printed);
        assertEquals(5, Files.readAllLines(dir.resolve("out/index.csv")).size());
        assertTrue(Files.isRegularFile(dir.resolve("out/report.html")));
    }
}
