package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observe.metrics columns and the summary diagnostics, through spec runs on every backend the
 * catalog finds.
 */
class MetricsTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    private static String allMetricsSpec(String backend) {
        return """
                { "name": "metrics", "seed": 4,
                  "data": {"kind": "sphere", "n": 10, "d": 3, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
                  "model": {"width": 64, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": {"name": "rk4", "dt": 0.1},
                  "stop": {"time": 20.0},
                  "observe": {"every": 10, "metrics": %s},
                  "backend": "%s",
                  "theory": true }
                """.formatted(new ObjectMapper().valueToTree(SpecReader.METRICS).toString(), backend);
    }

    @Test
    void everyMetricIsATrajectoryColumnAndTheSummaryHasTheDiagnostics(@TempDir Path dir) throws IOException {
        List<RunResult> results = new ArrayList<>();
        List<Trajectory> trajectories = new ArrayList<>();
        for (String backend : GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet()) {
            Path out = dir.resolve(backend);
            RunResult result = GDFLOW.run(GDFLOW.spec(allMetricsSpec(backend), null), out, ProgressListener.NONE);
            results.add(result);
            String header = Files.readAllLines(out.resolve("trajectory.csv")).get(0);
            List<String> expected = new ArrayList<>(List.of("step", "time", "loss"));
            expected.addAll(SpecReader.METRICS);
            assertEquals(String.join(",", expected), header);

            Trajectory t = Trajectory.read(out.resolve("trajectory.csv"));
            trajectories.add(t);
            // at t = 0 nothing has moved and u = u_lin
            for (String name : List.of("max_weight_change", "rel_weight_change", "max_a_change")) {
                assertEquals(0.0, t.column(name)[0], 0.0, name + " at step 0");
            }
            assertEquals(0.0, t.column("lin_deviation")[0], 1e-14);
            double[] min = t.column("gram_min_eig");
            double[] max = t.column("gram_max_eig");
            for (int i = 0; i < min.length; i++) {
                assertTrue(0 < min[i] && min[i] <= max[i], "0 < λ_min ≤ λ_max at row " + i);
            }
            double[] change = t.column("max_weight_change");
            assertTrue(change[change.length - 1] > 0);

            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals(min[0], summary.get("gram_min_eig_initial").asDouble(), 1e-12 * min[0]);
            // mean loss: rate_bound = 2 λ_min(H(0)) / n
            assertEquals(2 * min[0] / 10, summary.get("rate_bound").asDouble(), 1e-10 * min[0]);
            assertTrue(summary.get("rate").isNumber());
            double lambda0 = summary.get("lambda0").asDouble();
            assertTrue(lambda0 > 0);
            assertEquals(org.gdflow.core.theory.InfiniteWidthKernel.DEFAULT_DEGREE, summary.get("lambda0_quadrature_degree").asInt());
            JsonNode thresholds = summary.get("width_thresholds");
            assertEquals(64, thresholds.get("width").asInt());
            assertEquals(Math.pow(10, 6) / (Math.pow(lambda0, 4) * 1e-3),
                    thresholds.get("du_et_al_2019").get("value").asDouble(), 1e-9 * thresholds.get("du_et_al_2019").get("value").asDouble());
            assertEquals(Math.pow(10, 4) / Math.pow(lambda0, 4), thresholds.get("song_yang_2019").get("value").asDouble(),
                    1e-9 * thresholds.get("song_yang_2019").get("value").asDouble());
            assertEquals(100 / (lambda0 * lambda0), thresholds.get("das_golikov_2019").get("value").asDouble(),
                    1e-9 * thresholds.get("das_golikov_2019").get("value").asDouble());
            for (String paper : List.of("du_et_al_2019", "song_yang_2019", "das_golikov_2019")) {
                assertEquals("up to constants and log factors", thresholds.get(paper).get("note").asText());
                assertFalse(thresholds.get(paper).get("paper").asText().isBlank());
            }
            System.out.printf("%s: lambda0 = %.6f, gram_min_eig_initial = %.6f, rate = %.5f, rate_bound = %.5f%n", backend,
                    lambda0, min[0], summary.get("rate").asDouble(), summary.get("rate_bound").asDouble());
        }
        // every backend gives the same numbers
        for (int k = 1; k < results.size(); k++) {
            RunResult other = results.get(k);
            Trajectory a = trajectories.get(0);
            Trajectory b = trajectories.get(k);
            assertEquals(a.rows().size(), b.rows().size());
            for (String name : SpecReader.METRICS) {
                double[] x = a.column(name);
                double[] y = b.column(name);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-8 * Math.max(1, Math.abs(x[i])), name + " row " + i);
                }
            }
            for (String key : List.of("gram_min_eig_initial", "rate", "rate_bound", "lambda0")) {
                double x = (Double) results.get(0).diagnostics().get(key);
                double y = (Double) other.diagnostics().get(key);
                assertEquals(x, y, 1e-8 * Math.max(1, Math.abs(x)), key);
            }
        }
    }

    @Test
    void maxAChangeIsRejectedWhenAIsNotTrained() {
        Spec spec = GDFLOW.spec(allMetricsSpec("ejml").replace("\"train\": [\"w\", \"a\"]", "\"train\": [\"w\"]"), null);
        GdflowException e = assertThrows(GdflowException.class, () -> GDFLOW.run(spec));
        assertTrue(e.getMessage().startsWith("observe.metrics"), e.getMessage());
        assertTrue(e.getMessage().contains("not trained"), e.getMessage());
    }

    @Test
    void linearisationHoldsAtNtkScaleAndBreaksAtMeanFieldScale() {
        for (String backend : GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet()) {
            String json = """
                    { "seed": 6,
                      "data": {"kind": "sphere", "n": 6, "d": 3, "target": {"kind": "teacher", "width": 2, "activation": "tanh"}},
                      "model": {"width": 16384, "activation": "tanh", "scaling": "%s", "train": ["w", "a"]},
                      "loss": "sum",
                      "integrator": {"name": "rk4", "dt": 0.05},
                      "stop": {"time": 3.0},
                      "observe": {"every": 10, "metrics": ["lin_deviation"]},
                      "backend": "%s" }
                    """;
            double ntk = max(GDFLOW.run(GDFLOW.spec(json.formatted("ntk", backend), null)).trajectory().column("lin_deviation"));
            double meanField = max(GDFLOW.run(GDFLOW.spec(json.formatted("mean-field", backend), null)).trajectory().column("lin_deviation"));
            System.out.printf("%s, m = 16384: max lin_deviation ntk %.3e, mean-field %.3e%n", backend, ntk, meanField);
            assertTrue(ntk < 1e-3, "ntk " + ntk);
            assertTrue(meanField > 10 * ntk, "mean-field " + meanField + " vs ntk " + ntk);
        }
    }

    @Test
    void linearisedPredictionIsExactWhenOnlyTheOutputWeightsAreTrained(@TempDir Path dir) throws IOException {
        // with W fixed the model is linear in a, so u(t) = u_lin(t); zero weights exercise the undriven rows
        int n = 7;
        int d = 3;
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x.append(k > 0 ? "," : "").append(random.nextGaussian() / Math.sqrt(d));
            }
            x.append('\n');
            y.append(random.nextDouble() * 2 - 1).append('\n');
        }
        Files.writeString(dir.resolve("x.csv"), x.toString());
        Files.writeString(dir.resolve("y.csv"), y.toString());
        Files.writeString(dir.resolve("w.csv"), "1\n0.5\n0\n2\n0\n1\n0.25\n");
        for (String backend : GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet()) {
            Spec spec = GDFLOW.spec("""
                    { "seed": 1,
                      "data": {"kind": "csv", "x": "x.csv", "y": "y.csv", "weights": "w.csv"},
                      "model": {"width": 32, "activation": "tanh", "scaling": "ntk", "train": ["a"]},
                      "integrator": {"name": "rk4", "dt": 0.02},
                      "stop": {"time": 10.0},
                      "observe": {"every": 25, "metrics": ["lin_deviation", "max_a_change"]},
                      "backend": "%s" }
                    """.formatted(backend), dir);
            RunResult result = GDFLOW.run(spec);
            double deviation = max(result.trajectory().column("lin_deviation"));
            double moved = max(result.trajectory().column("max_a_change"));
            System.out.printf("%s, train [a], weights with zeros: max lin_deviation %.2e (a moved up to %.3f)%n", backend, deviation, moved);
            assertTrue(moved > 0.05, "a must move: " + moved);
            assertTrue(deviation < 1e-9, "lin_deviation " + deviation);
        }
    }

    @Test
    void rateEqualsTwiceTheSmallestWeightedEigenvalueForALinearFlow() {
        for (String backend : GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet()) {
            // train a only: H = τ s² S Sᵀ is constant, L(t) = ½ Σ_k c_k² e^(−2 λ_k t), rate → 2 λ_min(H)/n
            String json = """
                    { "seed": 12,
                      "data": {"kind": "sphere", "n": 5, "d": 4, "target": {"kind": "random"}},
                      "model": {"width": 128, "activation": "tanh", "scaling": "ntk", "train": ["a"]},
                      "integrator": {"name": "rk4", "dt": %s},
                      "stop": {"time": %s},
                      "observe": {"every": 20},
                      "backend": "%s" }
                    """;
            // a short run gives the spectrum of H(0) M; then the time is chosen so L falls by e^(−36)
            RunResult probe = GDFLOW.run(GDFLOW.spec(json.formatted("0.1", "0.1", backend), null));
            double bound = (Double) probe.diagnostics().get("rate_bound");
            double time = 36 / bound;
            double dt = time / 4000;
            RunResult result = GDFLOW.run(GDFLOW.spec(json.formatted(dt, time, backend), null));
            double rate = (Double) result.diagnostics().get("rate");
            double lambdaMin = (Double) result.diagnostics().get("gram_min_eig_initial");
            System.out.printf("%s, train [a], n = 5: rate %.8f, 2 lambda_min(H)/n %.8f, relative difference %.1e%n",
                    backend, rate, 2 * lambdaMin / 5, Math.abs(rate - 2 * lambdaMin / 5) / rate);
            assertEquals(2 * lambdaMin / 5, (Double) result.diagnostics().get("rate_bound"), 1e-12 * lambdaMin);
            assertEquals(2 * lambdaMin / 5, rate, 1e-3 * rate);
        }
    }

    @Test
    void rateIsTheSlopeOfMinusLogLossOverTheLastHalf() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double t = 0.5 * i;
            // L = 2 e^(−3t) on the last half, something else before
            rows.add(new double[] {i, t, i < 10 ? 1.0 : 2 * Math.exp(-3 * t)});
        }
        Trajectory trajectory = new Trajectory(List.of("step", "time", "loss"), rows);
        assertEquals(3.0, Diagnostics.rate(trajectory), 1e-12);
        // 5 rows: the last half is rows 2..4, enough; 4 rows: rows 2..3, too few
        assertTrue(Double.isFinite(Diagnostics.rate(new Trajectory(List.of("step", "time", "loss"), rows.subList(0, 5)))));
        assertTrue(Double.isNaN(Diagnostics.rate(new Trajectory(List.of("step", "time", "loss"), rows.subList(0, 4)))),
                "fewer than 3 rows in the last half");
        rows.set(20, new double[] {20, 10, 0.0});
        assertTrue(Double.isNaN(Diagnostics.rate(new Trajectory(List.of("step", "time", "loss"), rows))), "L = 0 on a row");
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
