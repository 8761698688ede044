package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gdflow.core.Gdflow;
import org.gdflow.core.run.ProgressListener;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.run.RunStatus;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.Spec.GeneratedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec in examples/specs loads through the public Java API and runs a few steps into a
 * folder, so an example that no longer reads or runs cannot land.
 */
class ExampleSpecsTest {
    /** surefire runs with the module's base dir as working directory (its {@code basedir} property). */
    private static final Path SPECS = Path.of(System.getProperty("basedir", "")).resolve("specs");
    private static final int STEPS = 3;
    /** Overrides that make a big example small; it still runs its data kind, model, integrator and observers. */
    private static final Map<String, List<String>> SHRINK = Map.of(
            "large.json", List.of("data.n=64", "data.d=8", "model.width=128"));
    /** n·d·m above this needs an entry in SHRINK, so this test stays a few seconds. */
    private static final long MAX_SIZE = 1L << 20;
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(SPECS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    // compares against: the spec the README starts from, which must be found among the files
    @Test
    void specFolderHoldsTheExamplesIncludingQuickstart() throws IOException {
        List<Path> specs = specs();
        assertFalse(specs.isEmpty(), "no spec found in " + SPECS.toAbsolutePath());
        assertTrue(specs.contains(SPECS.resolve("quickstart.json")), "quickstart.json not among " + specs);
        assertTrue(SHRINK.keySet().stream().allMatch(name -> specs.contains(SPECS.resolve(name))),
                "SHRINK names a spec that is gone: " + SHRINK.keySet());
    }

    // compares against: the run's own result, its summary.json and the last row of its trajectory.csv
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void specRunsAFewStepsAndWritesConsistentFiles(Path file, @TempDir Path out) throws IOException {
        List<String> overrides = new ArrayList<>(List.of("stop.max_steps=" + STEPS));
        overrides.addAll(SHRINK.getOrDefault(file.getFileName().toString(), List.of()));
        Spec spec = GDFLOW.spec(file, overrides.toArray(String[]::new));
        if (spec.data() instanceof GeneratedData data) {
            long size = (long) data.n() * data.d() * spec.model().width();
            assertTrue(size <= MAX_SIZE, file + ": n·d·m = " + size + " is slow here; add it to SHRINK");
        }

        RunResult result = GDFLOW.run(spec, out, ProgressListener.NONE);

        assertEquals(RunStatus.STEP_LIMIT, result.status(), result.message());
        assertEquals(STEPS, result.steps());
        assertTrue(Double.isFinite(result.finalLoss()) && result.finalLoss() > 0, "final loss " + result.finalLoss());

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("step_limit", summary.get("status").asText());
        assertEquals(STEPS, summary.get("steps").asLong());
        assertEquals(result.finalLoss(), summary.get("final_loss").asDouble());

        List<String> lines = Files.readAllLines(out.resolve("trajectory.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> expected = new ArrayList<>(List.of("step", "time", "loss"));
        expected.addAll(spec.observe().metrics());
        assertEquals(expected, header);
        String[] first = lines.get(1).split(",");
        String[] last = lines.get(lines.size() - 1).split(",");
        assertEquals("0", first[0]);
        assertEquals(Integer.toString(STEPS), last[0]);
        assertEquals(result.finalLoss(), Double.parseDouble(last[header.indexOf("loss")]));
        for (String value : last) {
            assertTrue(Double.isFinite(Double.parseDouble(value)), "last row " + String.join(",", last));
        }
        if (spec.output().parameters()) {
            assertTrue(Files.isRegularFile(out.resolve("params/w.csv")), "params/w.csv missing");
            assertTrue(Files.isRegularFile(out.resolve("params/a0.csv")), "params/a0.csv missing");
        }
    }
}
