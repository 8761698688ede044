package org.gdflow.executors.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.study.ExecutorCatalog;
import org.gdflow.study.IndexRow;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.Study;
import org.gdflow.study.StudyExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark executor on {@code local[2]} against the local executor: the same study folder, a
 * diverging run recorded beside the others, finished runs skipped on a second attempt.
 */
class LocalSparkTest {
    @TempDir
    Path dir;

    private static StudyExecutor spark(Study study) {
        return study.executor(ExecutorCatalog.discover(), "spark", null);
    }

    @Test
    void aSweepOnLocalSparkGivesTheLocalExecutorsFolder() throws Exception {
        Study local = Study.parse(StudyFolders.GDFLOW, StudyFolders.sweep(""), dir);
        local.run(dir.resolve("local"), 2, o -> { });
        Study onSpark = Study.parse(StudyFolders.GDFLOW, StudyFolders.sweep("{\"name\": \"spark\", \"master\": \"local[2]\"}"), dir);
        List<RunOutcome> heard = Collections.synchronizedList(new ArrayList<>());
        List<IndexRow> rows = onSpark.run(dir.resolve("spark"), spark(onSpark), heard::add, false);
        assertEquals(4, rows.size());
        assertEquals(4, heard.size());
        // study.json holds the spec as written, executor block included: the one file that differs by design
        Files.delete(dir.resolve("local/study.json"));
        Files.delete(dir.resolve("spark/study.json"));
        StudyFolders.assertSameFolder(dir.resolve("local"), dir.resolve("spark"));
        // params/ came back too (output.parameters)
        assertTrue(Files.isRegularFile(dir.resolve("spark/seed=1_lr=0.5/params/w.csv")), StudyFolders.files(dir.resolve("spark")).toString());
    }

    @Test
    void aDivergingRunIsRecordedAndTheOthersComplete() {
        Study study = Study.parse(StudyFolders.GDFLOW, StudyFolders.sweep("{\"name\": \"spark\", \"master\": \"local[2]\"}"), dir);
        List<IndexRow> rows = study.run(dir.resolve("out"), spark(study), o -> { }, false);
        Map<String, String> status = new LinkedHashMap<>();
        for (IndexRow row : rows) {
            status.put(row.cells().get("id"), row.cells().get("status"));
        }
        assertEquals(Map.of("seed=1_lr=0.5", "step_limit", "seed=1_lr=1000000.0", "diverged",
                "seed=2_lr=0.5", "step_limit", "seed=2_lr=1000000.0", "diverged"), status);
    }

    @Test
    void runsFinishedInTheFolderAreNotRunAgain() throws Exception {
        Study study = Study.parse(StudyFolders.GDFLOW, StudyFolders.sweep("{\"name\": \"spark\", \"master\": \"local[2]\"}"), dir);
        Path out = dir.resolve("out");
        // a first attempt that finished three of the four runs (the local executor's, then one run's folder lost)
        study.run(out, 2, o -> { });
        String lost = study.plan().get(2).id();
        Map<String, FileTime> before = new LinkedHashMap<>();
        for (var run : study.plan()) {
            if (!run.id().equals(lost)) {
                before.put(run.id(), Files.getLastModifiedTime(out.resolve(run.id()).resolve("summary.json")));
            }
        }
        try (var walk = Files.walk(out.resolve(lost))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        List<RunOutcome> heard = Collections.synchronizedList(new ArrayList<>());
        study.run(out, spark(study), heard::add, false);
        List<String> ran = heard.stream().filter(o -> !o.status().equals(RunOutcome.SKIPPED)).map(RunOutcome::id).toList();
        assertEquals(List.of(lost), ran);
        for (Map.Entry<String, FileTime> e : before.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(out.resolve(e.getKey()).resolve("summary.json")), e.getKey());
        }
        assertTrue(Files.isRegularFile(out.resolve(lost).resolve("summary.json")));
    }
}
