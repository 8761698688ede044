package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.gdflow.core.Gdflow;
import org.gdflow.core.data.DataSet;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect}: the numbers a run records for t = 0, without a step; H(0)'s spectrum against an
 * EJML eigen-decomposition of H(0) built by hand from θ(0).
 */
class InspectionTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final Spec SPEC = GDFLOW.spec("""
            { "name": "inspected", "seed": 7,
              "data": {"kind": "sphere", "n": 10, "d": 3, "target": {"kind": "random"}},
              "model": {"width": 24, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"],
                        "init": {"a": {"kind": "gaussian", "std": 1.5}}},
              "integrator": {"name": "gd", "lr": 0.01},
              "stop": {"max_steps": 1},
              "theory": true,
              "backend": "ejml" }
            """, null);

    @Test
    void theNumbersAreThoseARunRecordsAtTimeZero() {
        Inspection inspection = GDFLOW.inspect(SPEC);
        Map<String, Object> run = GDFLOW.run(SPEC).diagnostics();
        assertEquals((double) run.get("gram_min_eig_initial"), inspection.gramMinEig(), 0.0);
        assertEquals((double) run.get("rate_bound"), inspection.rateBound(), 0.0);
        assertEquals((double) run.get("lambda0"), (double) inspection.theory().get("lambda0"), 0.0);
        assertEquals(run.get("lambda0_assumes"), inspection.theory().get("lambda0_assumes"));
        assertEquals(run.get("width_thresholds"), inspection.theory().get("width_thresholds"));
        assertEquals("ejml", inspection.backend());
        assertEquals(MemoryEstimate.of(SPEC, "ejml"), inspection.memory());
        // without theory, no λ0
        assertTrue(GDFLOW.inspect(GDFLOW.with(SPEC, "theory", "false")).theory().isEmpty());
    }

    @Test
    void theSpectrumIsThatOfHZeroBuiltByHand() {
        Inspection inspection = GDFLOW.inspect(SPEC);
        double[] theta = GDFLOW.run(SPEC).initialParameters();
        DataSet data = GDFLOW.runner().data(SPEC);
        int n = 10;
        int d = 3;
        int m = 24;
        double[] x = data.x();
        // H_ij = (1/m) Σ_r [a_r² σ'(w_r·x_i) σ'(w_r·x_j) x_i·x_j + σ(w_r·x_i) σ(w_r·x_j)], ntk: τ s² = 1/m, σ = tanh
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[i * d + k] * x[j * d + k];
                }
                double sum = 0;
                for (int r = 0; r < m; r++) {
                    double zi = 0;
                    double zj = 0;
                    for (int k = 0; k < d; k++) {
                        zi += theta[r * d + k] * x[i * d + k];
                        zj += theta[r * d + k] * x[j * d + k];
                    }
                    double a = theta[m * d + r];
                    double ti = Math.tanh(zi);
                    double tj = Math.tanh(zj);
                    sum += a * a * (1 - ti * ti) * (1 - tj * tj) * dot + ti * tj;
                }
                h[i * n + j] = sum / m;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(DMatrixRMaj.wrap(n, n, h)));
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(expected);
        double[] actual = inspection.eigenvalues();
        assertEquals(n, actual.length);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * expected[n - 1], "eigenvalue " + i);
            if (i > 0) {
                assertTrue(actual[i] >= actual[i - 1], "ascending");
            }
        }
        assertEquals(actual[0], inspection.gramMinEig(), 0.0);
        assertEquals(actual[n - 1], inspection.gramMaxEig(), 0.0);
    }

    @Test
    void itWritesInspectJsonAndOnRequestTheEigenvalues(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("a/b");
        Inspection inspection = GDFLOW.inspect(SPEC, out, true);
        JsonNode json = new ObjectMapper().readTree(out.resolve(Inspection.FILE).toFile());
        assertEquals(inspection.gramMinEig(), json.get("gram_min_eig_initial").asDouble(), 0.0);
        assertEquals(inspection.gramMaxEig(), json.get("gram_max_eig_initial").asDouble(), 0.0);
        assertEquals((double) inspection.theory().get("lambda0"), json.get("lambda0").asDouble(), 0.0);
        assertEquals(2.25, json.get("lambda0_assumes").get("a_mean_square").asDouble(), 0.0);
        assertEquals(inspection.memory().bytes(), json.get("memory").get("heap_bytes").asLong());
        assertEquals(10, json.get("n").asInt());
        assertEquals("inspected", json.get("spec").get("name").asText());
        List<String> lines = Files.readAllLines(out.resolve(Inspection.EIGENVALUES_FILE));
        double[] values = inspection.eigenvalues();
        assertEquals(values.length, lines.size());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], Double.parseDouble(lines.get(i)), 0.0);
        }
        Path plain = dir.resolve("plain");
        GDFLOW.inspect(SPEC, plain, false);
        assertTrue(Files.exists(plain.resolve(Inspection.FILE)));
        assertFalse(Files.exists(plain.resolve(Inspection.EIGENVALUES_FILE)));
        try (var files = Files.list(plain)) {
            assertEquals(List.of(Inspection.FILE), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }
}
