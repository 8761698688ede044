package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gdflow.core.Gdflow;
import org.gdflow.study.IndexRow;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.Study;
import org.gdflow.study.StudyListener;
import org.gdflow.study.StudyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example study in examples/studies runs shrunk (each swept list cut to its first two values,
 * a few steps) through the public study API into a folder and writes its index, plots and report,
 * so an example that no longer reads or runs cannot land; the README names each one.
 */
class ExampleStudiesTest {
    /** surefire runs with the module's base dir as working directory (its {@code basedir} property). */
    static final Path BASE = Path.of(System.getProperty("basedir", ""));
    static final Path STUDIES = BASE.resolve("studies");
    private static final int STEPS = 4;
    /** Per study, spec paths set after the generic shrinking (a study that sweeps stop.max_steps is cut by time). */
    private static final Map<String, Map<String, Double>> SHRINK = Map.of("integrators.json", Map.of("stop.time", 0.2));
    /** n·d·m above this needs a smaller shrink, so this test stays a few seconds. */
    private static final long MAX_SIZE = 1L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> studies() throws IOException {
        try (Stream<Path> files = Files.list(STUDIES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * The study cut down: every swept list (zip groups too) to its first two values, stop.max_steps to
     * {@value #STEPS} unless swept, then the study's own entries of {@link #SHRINK}.
     */
    static String shrink(Path file) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode sweep = (ObjectNode) root.get("sweep");
        boolean stepsSwept = cut(sweep);
        if (!stepsSwept) {
            root.with("stop").put("max_steps", STEPS);
        }
        for (Map.Entry<String, Double> entry : SHRINK.getOrDefault(file.getFileName().toString(), Map.of()).entrySet()) {
            String[] path = entry.getKey().split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.with(path[i]);
            }
            node.put(path[path.length - 1], entry.getValue());
        }
        return root.toString();
    }

    /** Cuts every list of a sweep block to two values; returns whether stop.max_steps is swept. */
    private static boolean cut(ObjectNode sweep) {
        boolean steps = false;
        Iterator<Map.Entry<String, JsonNode>> fields = sweep.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject()) {
                steps |= cut((ObjectNode) field.getValue());
            } else {
                ArrayNode list = (ArrayNode) field.getValue();
                while (list.size() > 2) {
                    list.remove(list.size() - 1);
                }
                steps |= field.getKey().equals("stop.max_steps");
            }
        }
        return steps;
    }

    // compares against: the studies the README's gallery promises, each of which must be a file here
    @Test
    void everyStudyIsInTheReadme() throws IOException {
        List<Path> studies = studies();
        assertEquals(List.of("compare-scalings.json", "integrators.json", "pattern-flips.json", "rate-vs-n.json",
                "width-threshold.json"),
                studies.stream().map(p -> p.getFileName().toString()).toList());
        String readme = Files.readString(BASE.resolve("..").resolve("README.md"));
        for (Path study : studies) {
            assertTrue(readme.contains("examples/studies/" + study.getFileName()), study + " is not in README.md");
        }
        assertTrue(SHRINK.keySet().stream().allMatch(name -> studies.contains(STUDIES.resolve(name))), SHRINK.keySet().toString());
    }

    // compares against: the planned runs (one row each in index.csv) and the files a study promises
    @ParameterizedTest(name = "{0}")
    @MethodSource("studies")
    void studyRunsShrunkAndWritesItsIndexPlotsAndReport(Path file, @TempDir Path out) throws IOException {
        Study study = Study.parse(Gdflow.discover(), shrink(file), file.getParent());
        for (PlannedRun run : study.plan()) {
            JsonNode spec = JSON.readTree(run.specJson());
            long size = spec.at("/data/n").asLong() * spec.at("/data/d").asLong() * spec.at("/model/width").asLong();
            assertTrue(size <= MAX_SIZE, file + " " + run.id() + ": n·d·m = " + size + " is slow here; shrink it further");
        }
        List<IndexRow> rows = study.run(out, 0, StudyListener.NONE);
        assertEquals(study.plan().size(), rows.size());
        assertEquals(rows.size() + 1, Files.readAllLines(out.resolve("index.csv")).size());
        for (IndexRow row : rows) {
            assertFalse(row.get("status").equals("failed"), row.get("id"));
        }
        StudyReport.write(out);
        for (String name : List.of("study.json", "loss.png", "loss.svg", "report.md", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), file + ": " + name);
        }
    }
}
