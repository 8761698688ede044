package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running studies: parallel runs against serial ones, resumption, index.csv against each run's files. */
class StudyRunTest {
    private static final Gdflow GDFLOW = StudyPlanTest.GDFLOW;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SWEEP = "{\"model.scaling\": [\"ntk\", \"mean-field\"], \"zip\": {\"data.n\": [4, 6], \"model.width\": [6, 8]}}";
    private static final List<String> IDS = List.of("scaling=ntk_n=4_width=6", "scaling=ntk_n=6_width=8",
            "scaling=mean-field_n=4_width=6", "scaling=mean-field_n=6_width=8");

    @TempDir
    Path dir;

    /** Records every outcome it hears of, from any thread. */
    static final class Recorder implements StudyListener {
        final List<RunOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void ended(RunOutcome outcome) {
            outcomes.add(outcome);
        }

        List<String> ids(String status) {
            List<String> out = new ArrayList<>();
            synchronized (outcomes) {
                outcomes.stream().filter(o -> o.status().equals(status)).forEach(o -> out.add(o.id()));
            }
            Collections.sort(out);
            return out;
        }
    }

    private static Study study(String sweep) {
        return Study.parse(GDFLOW, StudySpecs.withSweep(sweep), Path.of("."));
    }

    /** index.csv split into cells (no cell of these studies is quoted). */
    private static List<Map<String, String>> readIndex(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.length, cells.length, line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, String> withoutWall(IndexRow row) {
        Map<String, String> cells = new LinkedHashMap<>(row.cells());
        cells.remove("wall_seconds");
        return cells;
    }

    // compares against: the same study run serially, file by file and row by row
    @Test
    void twoJobsGiveTheBitsOfOne() throws Exception {
        Recorder serial = new Recorder();
        Recorder parallel = new Recorder();
        List<IndexRow> one = study(SWEEP).run(dir.resolve("one"), 1, serial);
        List<IndexRow> two = study(SWEEP).run(dir.resolve("two"), 2, parallel);
        assertEquals(IDS.stream().sorted().toList(), parallel.ids("step_limit"));
        assertEquals(IDS.stream().sorted().toList(), serial.ids("step_limit"));
        assertEquals(4, serial.outcomes.size());
        for (int i = 0; i < IDS.size(); i++) {
            String id = IDS.get(i);
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(id).resolve("trajectory.csv")),
                    Files.readAllBytes(dir.resolve("two").resolve(id).resolve("trajectory.csv")), id);
            assertEquals(withoutWall(one.get(i)), withoutWall(two.get(i)));
            assertEquals(id, one.get(i).get("id"));
        }
    }

    // compares against: each run's own summary.json and the last line of its trajectory.csv
    @Test
    void indexRowsAreTheRunsFiles() throws Exception {
        List<IndexRow> rows = study(SWEEP).run(dir, 2, StudyListener.NONE);
        // numeric axes (data.n, model.width) and no seed axis: slopes.csv beside the index, no aggregate.csv
        assertTrue(Files.exists(dir.resolve("slopes.csv")), "slopes.csv");
        assertFalse(Files.exists(dir.resolve("aggregate.csv")), "aggregate.csv without a seed axis");
        List<Map<String, String>> index = readIndex(dir.resolve("index.csv"));
        assertEquals(List.of("id", "model.scaling", "data.n", "model.width", "status", "final_loss", "steps", "time",
                "wall_seconds", "rate", "rate_bound", "gram_min_eig_initial", "lambda0", "final_max_weight_change"),
                new ArrayList<>(index.get(0).keySet()));
        assertEquals(4, index.size());
        for (int i = 0; i < index.size(); i++) {
            Map<String, String> row = index.get(i);
            assertEquals(rows.get(i).cells(), row);
            assertEquals(IDS.get(i), row.get("id"));
            assertEquals(i < 2 ? "ntk" : "mean-field", row.get("model.scaling"));
            assertEquals(i % 2 == 0 ? "4" : "6", row.get("data.n"));
            assertEquals(i % 2 == 0 ? "6" : "8", row.get("model.width"));
            Path run = dir.resolve(IDS.get(i));
            JsonNode summary = MAPPER.readTree(run.resolve("summary.json").toFile());
            assertEquals("step_limit", row.get("status"));
            assertEquals("4", row.get("steps"));
            assertEquals(summary.get("final_loss").doubleValue(), Double.parseDouble(row.get("final_loss")));
            assertEquals(summary.get("time").doubleValue(), Double.parseDouble(row.get("time")));
            assertEquals(summary.get("wall_seconds").doubleValue(), Double.parseDouble(row.get("wall_seconds")));
            assertEquals(summary.get("rate").doubleValue(), Double.parseDouble(row.get("rate")));
            assertEquals(summary.get("rate_bound").doubleValue(), Double.parseDouble(row.get("rate_bound")));
            assertEquals(summary.get("gram_min_eig_initial").doubleValue(), Double.parseDouble(row.get("gram_min_eig_initial")));
            assertEquals("", row.get("lambda0"));
            assertEquals(MAPPER.readTree(rows.get(i).get("model.width")).intValue(), summary.at("/spec/model/width").intValue());
            List<String> trajectory = Files.readAllLines(run.resolve("trajectory.csv"));
            assertEquals("step,time,loss,max_weight_change", trajectory.get(0));
            String[] last = trajectory.get(trajectory.size() - 1).split(",");
            assertEquals(last[3], row.get("final_max_weight_change"));
            assertEquals(Double.parseDouble(last[2]), Double.parseDouble(row.get("final_loss")));
        }
    }

    // compares against: modification times of the runs' files and the outcomes the listener heard
    @Test
    void aSecondRunRecomputesOnlyWhatIsMissing() throws Exception {
        study(SWEEP).run(dir, 2, StudyListener.NONE);
        Map<String, Long> before = new LinkedHashMap<>();
        for (String id : IDS) {
            before.put(id, Files.getLastModifiedTime(dir.resolve(id).resolve("summary.json")).toMillis());
        }
        String index = Files.readString(dir.resolve("index.csv"));
        deleteTree(dir.resolve(IDS.get(2)));
        Thread.sleep(20);
        Recorder recorder = new Recorder();
        List<IndexRow> rows = study(SWEEP).run(dir, 2, recorder);
        assertEquals(List.of(IDS.get(3), IDS.get(0), IDS.get(1)), recorder.ids(RunOutcome.SKIPPED));
        assertEquals(List.of(IDS.get(2)), recorder.ids("step_limit"));
        assertEquals(4, recorder.outcomes.size());
        for (String id : List.of(IDS.get(0), IDS.get(1), IDS.get(3))) {
            assertEquals(before.get(id), Files.getLastModifiedTime(dir.resolve(id).resolve("summary.json")).toMillis(), id);
        }
        assertTrue(Files.isRegularFile(dir.resolve(IDS.get(2)).resolve("summary.json")));
        assertEquals(4, rows.size());
        // the rows of the untouched runs are those of the first index
        List<String> first = List.of(index.split("\n"));
        List<String> second = Files.readAllLines(dir.resolve("index.csv"));
        assertEquals(first.get(1), second.get(1));
        assertEquals(first.get(4), second.get(4));
        // a summary.json that does not parse is a run to do again
        Files.writeString(dir.resolve(IDS.get(0)).resolve("summary.json"), "{ half");
        Recorder third = new Recorder();
        study(SWEEP).run(dir, 1, third);
        assertEquals(List.of(IDS.get(0)), third.ids("step_limit"));
    }

    // compares against: the exact message naming the run and the paths that changed
    @Test
    void aChangedSpecIsRefusedUnlessForced() throws Exception {
        String sweep = "{\"model.width\": [6, 8]}";
        study(sweep).run(dir, 1, StudyListener.NONE);
        Study changed = Study.parse(GDFLOW, StudySpecs.withSweep(sweep).replace("\"max_steps\": 4", "\"max_steps\": 3")
                .replace("\"seed\": 5", "\"seed\": 6"), Path.of("."));
        // the folder holds the spec as written, the sweep included
        assertEquals(MAPPER.readTree(StudySpecs.withSweep(sweep)), MAPPER.readTree(dir.resolve("study.json").toFile()));
        GdflowException e = assertThrows(GdflowException.class, () -> changed.run(dir, 1, StudyListener.NONE));
        assertEquals("study folder " + dir + " already holds runs of another spec: width=6 (seed, stop.max_steps);"
                + " width=8 (seed, stop.max_steps); choose another folder, or force to run them again", e.getMessage());
        assertEquals("4", readIndex(dir.resolve("index.csv")).get(0).get("steps"));
        // a refused spec leaves the folder's study.json as it was
        assertEquals(MAPPER.readTree(StudySpecs.withSweep(sweep)), MAPPER.readTree(dir.resolve("study.json").toFile()));
        Recorder recorder = new Recorder();
        List<IndexRow> rows = changed.run(dir, new LocalExecutor(GDFLOW, 1), recorder, true);
        assertEquals(List.of("width=6", "width=8"), recorder.ids("step_limit"));
        assertEquals("3", rows.get(0).get("steps"));
        assertEquals("3", readIndex(dir.resolve("index.csv")).get(1).get("steps"));
        assertEquals(3, MAPPER.readTree(dir.resolve("study.json").toFile()).at("/stop/max_steps").intValue());
        // plots and report are StudyReport's, not the run's
        assertFalse(Files.exists(dir.resolve("report.html")));
        assertFalse(Files.exists(dir.resolve("loss.png")));
    }

    // compares against: a run whose data file vanished after planning, beside one that did not
    @Test
    void aFailingRunIsRecordedAndTheOthersGoOn() throws Exception {
        Files.writeString(dir.resolve("x.csv"), "1,0\n0,1\n0.6,0.8\n");
        Files.writeString(dir.resolve("y1.csv"), "1\n-1\n0.5\n");
        Files.writeString(dir.resolve("y2.csv"), "0\n1\n0.5\n");
        String spec = StudySpecs.withSweep("{\"data.y\": [\"y1.csv\", \"y2.csv\"]}")
                .replaceAll("\"data\": \\{.*}},", "\"data\": {\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y1.csv\"},")
                .replace("\"metrics\": [\"max_weight_change\"]", "\"metrics\": []");
        Study study = Study.parse(GDFLOW, spec, dir);
        Files.delete(dir.resolve("y2.csv"));
        Recorder recorder = new Recorder();
        List<IndexRow> rows = study.run(dir.resolve("out"), 2, recorder);
        assertEquals(List.of("y=y1.csv"), recorder.ids("step_limit"));
        assertEquals(List.of("y=y2.csv"), recorder.ids(RunOutcome.FAILED));
        RunOutcome failed = recorder.outcomes.stream().filter(o -> o.id().equals("y=y2.csv")).findFirst().orElseThrow();
        assertEquals("data.y: file not found: " + dir.resolve("y2.csv")
                + " (relative paths are resolved against the spec's folder) (spec line 1)", failed.message());
        assertEquals(List.of("id", "data.y", "status", "final_loss", "steps", "time", "wall_seconds", "rate", "rate_bound",
                "gram_min_eig_initial", "lambda0"), new ArrayList<>(rows.get(1).cells().keySet()));
        assertEquals("failed", rows.get(1).get("status"));
        assertEquals("", rows.get(1).get("final_loss"));
        assertEquals("y2.csv", rows.get(1).get("data.y"));
        assertEquals("4", rows.get(0).get("steps"));
        assertFalse(Files.exists(dir.resolve("out").resolve("y=y2.csv").resolve("summary.json")));
    }

    // compares against: the runs carried through Java serialisation, as a cluster executor would ship them
    @Test
    void plannedRunsAreSerialisableWorkUnits() throws Exception {
        StudyExecutor shipping = (runs, studyDir, listener) -> {
            List<PlannedRun> shipped = new ArrayList<>();
            for (PlannedRun run : runs) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(run);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    PlannedRun copy = (PlannedRun) in.readObject();
                    assertEquals(run, copy);
                    shipped.add(copy);
                } catch (java.io.IOException | ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
            return new LocalExecutor(GDFLOW, 1).execute(shipped, studyDir, listener);
        };
        List<IndexRow> rows = study("{\"seed\": [1, 2]}").run(dir.resolve("a"), shipping, StudyListener.NONE, false);
        List<IndexRow> local = study("{\"seed\": [1, 2]}").run(dir.resolve("b"), 1, StudyListener.NONE);
        assertEquals(withoutWall(local.get(1)), withoutWall(rows.get(1)));
        assertEquals(List.of(), new LocalExecutor(GDFLOW, 3).execute(List.of(), dir, StudyListener.NONE));
        assertEquals("jobs must be 0 (as many as fit) or more, got -1",
                assertThrows(IllegalArgumentException.class, () -> new LocalExecutor(GDFLOW, -1)).getMessage());
    }

    // compares against: a study without a sweep or a backend, read from its file with discovered plugins and resumed
    @Test
    void aOneRunStudyOnTheAutoBackendResumes() throws Exception {
        Path file = dir.resolve("one.json");
        Files.writeString(file, StudySpecs.withSweep("").replace("\"backend\": \"ejml\"", "\"theory\": true"));
        Study study = Study.read(file);
        assertEquals("auto", MAPPER.readTree(study.plan().get(0).specJson()).at("/backend/name").textValue());
        Path out = dir.resolve("out");
        List<IndexRow> rows = study.run(out, 1, StudyListener.NONE);
        assertEquals("tiny", rows.get(0).get("id"));
        JsonNode summary = MAPPER.readTree(out.resolve("tiny").resolve("summary.json").toFile());
        assertEquals("ejml", summary.at("/spec/backend/name").textValue());
        assertEquals(summary.get("lambda0").doubleValue(), Double.parseDouble(rows.get(0).get("lambda0")));
        Recorder recorder = new Recorder();
        study.run(out, 1, recorder);
        assertEquals(List.of("tiny"), recorder.ids(RunOutcome.SKIPPED));
    }

    // compares against: run folders written by hand (a trajectory with its header only, a summary without diagnostics)
    @Test
    void indexOfHandWrittenRunFolders() throws Exception {
        Path run = Files.createDirectories(dir.resolve("a"));
        Files.writeString(run.resolve("trajectory.csv"), "step,time,loss,gram_min_eig\n");
        Files.writeString(run.resolve("summary.json"), "{\"status\": \"diverged\", \"final_loss\": \"NaN\", \"rate\": null}");
        PlannedRun planned = new PlannedRun("a", List.of(new SweptValue("model.init", "{\"w\":1}")), "{}", ".");
        List<IndexRow> rows = StudyIndex.rows(List.of(planned), java.util.Set.of(), dir);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "a");
        expected.put("model.init", "{\"w\":1}");
        for (String key : StudyIndex.SUMMARY) {
            expected.put(key, "");
        }
        expected.put("status", "diverged");
        expected.put("final_loss", "NaN");
        assertEquals(expected, rows.get(0).cells());
        assertEquals("", rows.get(0).get("final_gram_min_eig"));
    }

    static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
