package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gdflow.core.Gdflow;
import org.gdflow.core.data.NumericCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of a run say what happened: summary.json holds the result's own numbers and a resolved
 * spec that, run again, gives the same trajectory bit for bit; params/ and trajectory.csv read
 * back to the doubles of the run (shortest round-trip decimal form).
 */
class ResultFilesTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A spec that leaves most keys to their defaults and sets plugin parameters, so the resolved spec must fill them in. */
    private static final String SPARSE = """
            { "name": "sparse", "seed": 5,
              "data": {"kind": "gaussian", "n": 9, "d": 3, "target": {"kind": "function", "name": "polynomial", "degree": 2}},
              "model": {"width": 12, "activation": "softplus", "scaling": {"name": "power", "alpha": 0.6},
                        "init": {"w": {"kind": "gaussian", "std": 0.7}, "a": {"kind": "gaussian", "std": 2}, "symmetric": true}},
              "loss": "sum",
              "integrator": {"name": "gd", "lr": 0.02, "momentum": 0.3, "batch_size": 4},
              "stop": {"max_steps": 23},
              "observe": {"every": 4, "metrics": ["max_weight_change", "gram_min_eig"]},
              "output": {"parameters": true} }
            """;

    @Test
    void theResolvedSpecInTheSummaryRerunsToTheSameTrajectory(@TempDir Path dir) throws IOException {
        RunResult first = GDFLOW.run(GDFLOW.spec(SPARSE, dir), dir.resolve("first"), ProgressListener.NONE);
        JsonNode summary = MAPPER.readTree(dir.resolve("first/summary.json").toFile());
        Path resolved = dir.resolve("resolved.json");
        Files.writeString(resolved, summary.get("spec").toString());
        RunResult again = GDFLOW.run(GDFLOW.spec(resolved), dir.resolve("again"), ProgressListener.NONE);
        assertEquals(Files.readAllLines(dir.resolve("first/trajectory.csv")), Files.readAllLines(dir.resolve("again/trajectory.csv")));
        assertArrayEquals(first.finalParameters(), again.finalParameters(), 0.0);
        // the defaults are written out, not left implicit
        JsonNode spec = summary.get("spec");
        assertEquals(0.6, spec.at("/model/scaling/alpha").asDouble(), 0.0);
        assertEquals(0.3, spec.at("/integrator/momentum").asDouble(), 0.0);
        assertEquals(4, spec.at("/integrator/batch_size").asInt());
        assertEquals("sum", spec.get("loss").asText());
        assertEquals(4, spec.at("/observe/every").asInt());
        assertTrue(spec.at("/model/init/symmetric").asBoolean());
        assertEquals(0.7, spec.at("/model/init/w/std").asDouble(), 0.0);
        assertEquals(5, spec.get("seed").asLong());
        assertFalse(spec.at("/stop/diverge_factor").isMissingNode(), "the default divergence factor is recorded");
    }

    @Test
    void theSummaryHoldsTheResultsNumbers(@TempDir Path dir) throws IOException {
        RunResult r = GDFLOW.run(GDFLOW.spec(SPARSE, dir), dir, ProgressListener.NONE);
        JsonNode summary = MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("step_limit", summary.get("status").asText());
        assertEquals(r.message(), summary.get("message").asText());
        assertEquals(r.finalLoss(), summary.get("final_loss").asDouble(), 0.0);
        assertEquals(23, summary.get("steps").asLong());
        assertEquals(23 * 0.02, summary.get("time").asDouble(), 1e-15);
        assertEquals(r.wallSeconds(), summary.get("wall_seconds").asDouble(), 0.0);
        assertEquals((double) r.diagnostics().get("gram_min_eig_initial"), summary.get("gram_min_eig_initial").asDouble(), 0.0);
        assertEquals(Trajectory.read(dir.resolve("trajectory.csv")).column("gram_min_eig")[0],
                summary.get("gram_min_eig_initial").asDouble(), 1e-12);
        assertEquals(r.provenance().backend(), summary.at("/provenance/backend").asText());
        assertEquals(r.provenance().backend(), summary.at("/spec/backend/name").asText());
        assertEquals(5, summary.at("/provenance/seed").asLong());
        assertEquals(r.provenance().startTime().toString(), summary.at("/provenance/start_time").asText());
        assertEquals(r.provenance().vector(), summary.at("/provenance/simd").asText());
        // the versions in their order: gdflow, then each plugin the spec uses
        java.util.List<String> written = new java.util.ArrayList<>();
        summary.at("/provenance/versions").fields().forEachRemaining(e -> written.add(e.getKey() + "=" + e.getValue().asText()));
        java.util.List<String> recorded = new java.util.ArrayList<>();
        r.provenance().versions().forEach((name, version) -> recorded.add(name + "=" + version));
        assertEquals(recorded, written);
        assertEquals(5, written.size(), written.toString());
    }

    @Test
    void parametersAndTrajectoryReadBackToTheRunsDoubles(@TempDir Path dir) throws IOException {
        RunResult r = GDFLOW.run(GDFLOW.spec(SPARSE, dir), dir, ProgressListener.NONE);
        int m = 12;
        int d = 3;
        double[] theta0 = r.initialParameters();
        double[] theta = r.finalParameters();
        assertArrayEquals(java.util.Arrays.copyOfRange(theta0, 0, m * d), NumericCsv.read(dir.resolve("params/w0.csv")).values(), 0.0);
        assertArrayEquals(java.util.Arrays.copyOfRange(theta0, m * d, m * d + m), NumericCsv.read(dir.resolve("params/a0.csv")).values(), 0.0);
        assertArrayEquals(java.util.Arrays.copyOfRange(theta, 0, m * d), NumericCsv.read(dir.resolve("params/w.csv")).values(), 0.0);
        assertArrayEquals(java.util.Arrays.copyOfRange(theta, m * d, m * d + m), NumericCsv.read(dir.resolve("params/a.csv")).values(), 0.0);
        assertEquals(m, NumericCsv.read(dir.resolve("params/w.csv")).rows());
        assertEquals(d, NumericCsv.read(dir.resolve("params/w.csv")).columns());

        List<String> lines = Files.readAllLines(dir.resolve("trajectory.csv"));
        assertEquals("step,time,loss,max_weight_change,gram_min_eig", lines.get(0));
        // the rows streamed to the file are those of the same run kept in memory
        assertEquals(0, r.trajectory().rows().size(), "a run into a folder keeps no rows in memory");
        assertEquals(List.of("step", "time", "loss", "max_weight_change", "gram_min_eig"), r.trajectory().columns());
        List<double[]> rows = GDFLOW.run(GDFLOW.spec(SPARSE, dir)).trajectory().rows();
        assertEquals(rows.size(), lines.size() - 1);
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals((long) rows.get(i)[0], Long.parseLong(cells[0]), "step is an integer");
            assertEquals(5, cells.length, "one cell per column on row " + i);
            for (int c = 1; c < cells.length; c++) {
                assertEquals(rows.get(i)[c], Double.parseDouble(cells[c]), 0.0, "row " + i + " column " + c);
            }
        }
        // no stray temporary files are left beside the results
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".gdflow.lock", "params", "summary.json", "trajectory.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void withoutOutputParametersNoParamsFolderIsWritten(@TempDir Path dir) {
        GDFLOW.run(GDFLOW.spec(SPARSE.replace("\"output\": {\"parameters\": true}", "\"output\": {\"parameters\": false}"), dir),
                dir.resolve("out"), ProgressListener.NONE);
        assertTrue(Files.exists(dir.resolve("out/summary.json")));
        assertFalse(Files.exists(dir.resolve("out/params")));
    }
}
