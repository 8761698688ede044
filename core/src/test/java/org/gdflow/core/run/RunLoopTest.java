package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run loop: which steps the trajectory records, and how a run ends. The reference for every
 * recorded row is the same run recorded at every step (observe.every = 1), whose rows are the
 * states themselves; the reference for a status is where that full trajectory crosses the limit.
 */
class RunLoopTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final String EULER = "{\"name\": \"euler\", \"dt\": 0.1}";
    /** Mini-batches of 5 of the 12 points: the stepper evaluates its own field, the loop only measures. */
    private static final String MINI_BATCH = "{\"name\": \"gd\", \"lr\": 0.1, \"batch_size\": 5}";

    private static RunResult run(String integrator, String stop, int every) {
        Spec spec = GDFLOW.spec(TestSpecs.small(integrator, stop), null);
        return GDFLOW.run(GDFLOW.with(spec, "observe.every", Integer.toString(every)));
    }

    private static double[] column(RunResult r, String name) {
        return r.trajectory().column(name);
    }

    /** The rows of {@code every1} at the given steps. */
    private static double[] at(RunResult every1, String name, double[] steps) {
        double[] all = column(every1, name);
        double[] out = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = all[(int) steps[i]];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {EULER, MINI_BATCH})
    void everyThirdStepIsRecordedPlusStepZeroAndTheLast(String integrator) {
        RunResult every1 = run(integrator, "{\"max_steps\": 10}", 1);
        RunResult every3 = run(integrator, "{\"max_steps\": 10}", 3);
        double[] steps = column(every3, "step");
        // rows at 0, every, 2·every, ... and the last step (10 is not a multiple of 3)
        assertArrayEquals(new double[] {0, 3, 6, 9, 10}, steps, 0.0);
        assertArrayEquals(new double[] {0, 0.30000000000000004, 0.6000000000000001, 0.9, 1.0}, column(every3, "time"), 1e-15);
        // the same states as the every-step run, so the same losses bit for bit
        assertArrayEquals(at(every1, "loss", steps), column(every3, "loss"), 0.0);
        assertEquals(column(every1, "loss")[10], every3.finalLoss(), 0.0);
        assertArrayEquals(every1.finalParameters(), every3.finalParameters(), 0.0);
        assertEquals(11, every1.trajectory().rows().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {EULER, MINI_BATCH})
    void aLastStepOnTheGridIsRecordedOnce(String integrator) {
        RunResult every5 = run(integrator, "{\"max_steps\": 10}", 5);
        assertArrayEquals(new double[] {0, 5, 10}, column(every5, "step"), 0.0);
        RunResult every1 = run(integrator, "{\"max_steps\": 10}", 1);
        assertArrayEquals(at(every1, "loss", new double[] {0, 5, 10}), column(every5, "loss"), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"max_steps\": 7}", "{\"time\": 0.7}"})
    void aMiniBatchRunReportsTheFullBatchLossAtItsLastStepOffTheGrid(String stop) {
        // every = 5 does not record step 7: the loop must still measure the full loss there
        RunResult r = run(MINI_BATCH, stop, 5);
        assertEquals(7, r.steps());
        assertArrayEquals(new double[] {0, 5, 7}, column(r, "step"), 0.0);
        // the loss of the final θ on all 12 points, computed in the test
        double full = lossOf(r.spec(), r.finalParameters());
        assertEquals(full, r.finalLoss(), 1e-14 * full);
        assertEquals(full, column(r, "loss")[2], 1e-14 * full);
    }

    /** The mean loss of θ over the spec's data, computed in the test: ½ Σ μ_i (s Σ_r a_r tanh(w_r·x_i) − y_i)². */
    private static double lossOf(Spec spec, double[] theta) {
        var data = GDFLOW.runner().data(spec);
        int n = data.n();
        int d = data.d();
        int m = spec.model().width();
        double s = 1 / Math.sqrt(m);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double f = 0;
            for (int r = 0; r < m; r++) {
                double z = 0;
                for (int k = 0; k < d; k++) {
                    z += theta[r * d + k] * data.x()[i * d + k];
                }
                f += theta[m * d + r] * Math.tanh(z);
            }
            double e = s * f - data.y()[i];
            sum += 0.5 * e * e / n;
        }
        return sum;
    }

    @Test
    void stepLimitEndsAtMaxStepsWithItsMessage() {
        RunResult r = run(EULER, "{\"max_steps\": 5, \"time\": 100.0}", 2);
        assertEquals(RunStatus.STEP_LIMIT, r.status());
        assertEquals("reached stop.max_steps = 5", r.message());
        assertEquals(5, r.steps());
        assertEquals(0.5, r.time(), 1e-15);
        assertArrayEquals(new double[] {0, 2, 4, 5}, column(r, "step"), 0.0);
        assertEquals(r.finalLoss(), column(r, "loss")[3], 0.0);
    }

    @Test
    void timeLimitEndsAtTheFirstStepReachingTheTimeWithItsMessage() {
        // dt = 0.1, T = 0.75: steps 1..7 reach 0.7 < T, step 8 reaches 0.8 ≥ T
        RunResult r = run(EULER, "{\"time\": 0.75, \"max_steps\": 1000}", 3);
        assertEquals(RunStatus.TIME_LIMIT, r.status());
        assertEquals("reached stop.time = 0.75", r.message());
        assertEquals(8, r.steps());
        assertEquals(0.8, r.time(), 1e-15);
        assertArrayEquals(new double[] {0, 3, 6, 8}, column(r, "step"), 0.0);
        // T a multiple of dt up to round-off (10 · 0.1 = 1.0000000000000002 ≠ 1): exactly 10 steps
        RunResult exact = run(EULER, "{\"time\": 1.0}", 1);
        assertEquals(10, exact.steps());
        assertEquals(RunStatus.TIME_LIMIT, exact.status());
    }

    @Test
    void theTimeLimitToleratesRoundOffOfOneBillionthOfAStepAndNoMore() {
        // dt = 0.1: T = 0.3 + 1e-11 is reached at step 3 (short by 1e-10 · dt, round-off), T = 0.3 + 5e-9 is
        // not (short by 5e-8 · dt) and takes a fourth step
        assertEquals(3, run(EULER, "{\"time\": 0.30000000001}", 1).steps());
        assertEquals(4, run(EULER, "{\"time\": 0.300000005}", 1).steps());
        // dt = 0.5, T = 1 + 5e-10: T − 1e-9·dt is exactly 1.0 = 2·dt, so the limit holds at step 2
        RunResult atEdge = run("{\"name\": \"euler\", \"dt\": 0.5}", "{\"time\": 1.0000000005}", 1);
        assertEquals(2, atEdge.steps());
        assertEquals(RunStatus.TIME_LIMIT, atEdge.status());
    }

    @Test
    void convergedStopsAtTheFirstStepBelowTheThresholdWithItsMessage() {
        RunResult free = run(EULER, "{\"max_steps\": 40}", 1);
        double[] loss = column(free, "loss");
        // a threshold between the losses at steps 16 and 17 of the free run
        int k = 17;
        assertTrue(loss[k] < loss[k - 1], "the loss decreases on this problem");
        double threshold = 0.5 * (loss[k] + loss[k - 1]);
        RunResult r = run(EULER, "{\"max_steps\": 40, \"loss_below\": " + threshold + "}", 5);
        assertEquals(RunStatus.CONVERGED, r.status());
        assertEquals("the loss fell below " + threshold + " at step " + k, r.message());
        assertEquals(k, r.steps());
        assertEquals(loss[k], r.finalLoss(), 0.0);
        assertArrayEquals(new double[] {0, 5, 10, 15, 17}, column(r, "step"), 0.0);
        assertEquals(loss[k], column(r, "loss")[4], 0.0);
        // a threshold equal to the loss at step k is met there (≤, not <)
        RunResult equal = run(EULER, "{\"max_steps\": 40, \"loss_below\": " + loss[k] + "}", 5);
        assertEquals(k, equal.steps());
        assertEquals(RunStatus.CONVERGED, equal.status());
    }

    @Test
    void convergedAtStepZeroTakesNoStep() {
        RunResult r = run(EULER, "{\"max_steps\": 40, \"loss_below\": 1e6}", 1);
        assertEquals(RunStatus.CONVERGED, r.status());
        assertEquals(0, r.steps());
        assertEquals(1, r.trajectory().rows().size());
        assertEquals("the loss fell below 1000000.0 at step 0", r.message());
    }

    @Test
    void aMiniBatchRunConvergesOnlyAtAStepWhereTheFullLossIsMeasured() {
        RunResult free = run(MINI_BATCH, "{\"max_steps\": 40}", 1);
        double[] loss = column(free, "loss");
        double threshold = loss[12] * (1 + 1e-12);
        // measured at recorded steps (every 4) only: the first recorded step at or below the threshold
        int expected = -1;
        for (int step = 4; step <= 40; step += 4) {
            if (loss[step] <= threshold) {
                expected = step;
                break;
            }
        }
        assertTrue(expected >= 12, "the threshold is first met at a recorded step ≥ 12");
        RunResult r = run(MINI_BATCH, "{\"max_steps\": 40, \"loss_below\": " + threshold + "}", 4);
        assertEquals(RunStatus.CONVERGED, r.status());
        assertEquals(expected, r.steps());
        assertEquals(loss[expected], r.finalLoss(), 0.0);
    }

    @Test
    void divergedNamesTheStepTheLossAndTheStepParameterToShrink() {
        // gd with lr = 50 on the 12-point problem blows up within a few steps
        RunResult free = run("{\"name\": \"gd\", \"lr\": 50}", "{\"max_steps\": 30, \"diverge_factor\": 1e300}", 1);
        double[] loss = column(free, "loss");
        double initial = loss[0];
        double factor = 1e3;
        double limit = factor * Math.max(initial, 1.0);
        int k = 0;
        while (k < loss.length && Double.isFinite(loss[k]) && loss[k] <= limit) {
            k++;
        }
        assertTrue(k > 0 && k < loss.length, "the free run crosses " + limit + " at some step: " + Arrays.toString(loss));
        RunResult r = run("{\"name\": \"gd\", \"lr\": 50}", "{\"max_steps\": 30, \"diverge_factor\": " + factor + "}", 10);
        assertEquals(RunStatus.DIVERGED, r.status());
        assertEquals(k, r.steps());
        assertEquals(loss[k], r.finalLoss(), 0.0);
        assertEquals("the loss exploded to " + loss[k] + " at step " + k + " (time " + k * 50.0 + "); the step is probably too"
                + " large for this problem: try a smaller integrator.lr such as 12.5", r.message());
        double[] last = r.trajectory().rows().get(r.trajectory().rows().size() - 1);
        assertEquals(k, last[0], 0.0);
        assertEquals(k * 50.0, last[1], 0.0);
        assertEquals(loss[k], last[2], 0.0);
        // a loss equal to the limit is not yet divergence (>, not ≥): with the limit set to loss[k] the run goes on
        RunResult atLimit = run("{\"name\": \"gd\", \"lr\": 50}", "{\"max_steps\": 30, \"diverge_factor\": " + loss[k] + "}", 10);
        assertTrue(loss[k] >= 1 && loss[0] <= 1, "the limit is diverge_factor · max(L(0), 1) = diverge_factor here");
        assertTrue(atLimit.steps() > k, "at the limit exactly the run is not diverged: " + atLimit.steps());
    }

    @Test
    void theDivergenceLimitScalesWithAnInitialLossAboveOne() {
        // a(0) ~ N(0, 30²) makes L(0) ≫ 1, so the limit is diverge_factor · L(0), not diverge_factor
        String bigInit = "{\"a\": {\"kind\": \"gaussian\", \"std\": 30}}";
        Spec spec = GDFLOW.with(GDFLOW.spec(TestSpecs.small("{\"name\": \"gd\", \"lr\": 50}",
                "{\"max_steps\": 30, \"diverge_factor\": 1e300}"), null), "model.init", bigInit);
        double[] loss = GDFLOW.run(spec).trajectory().column("loss");
        assertTrue(loss[0] > 10, "L(0) = " + loss[0]);
        double factor = 1e3;
        int k = 0;
        while (k < loss.length && Double.isFinite(loss[k]) && loss[k] <= factor * loss[0]) {
            k++;
        }
        assertTrue(k > 0 && k < loss.length, Arrays.toString(loss));
        RunResult r = GDFLOW.run(GDFLOW.with(spec, "stop.diverge_factor", Double.toString(factor)));
        assertEquals(RunStatus.DIVERGED, r.status());
        assertEquals(k, r.steps());
    }

    @Test
    void wallSecondsIsTheElapsedTimeOfTheRun() {
        long before = System.nanoTime();
        RunResult r = run(EULER, "{\"max_steps\": 20}", 1);
        double elapsed = (System.nanoTime() - before) / 1e9;
        assertTrue(r.wallSeconds() > 0 && r.wallSeconds() <= elapsed, r.wallSeconds() + " s of " + elapsed + " s");
    }

    @Test
    void aDivergedRowHasNoMetricValues() {
        Spec spec = GDFLOW.spec(TestSpecs.small("{\"name\": \"gd\", \"lr\": 50}", "{\"max_steps\": 30, \"diverge_factor\": 1e3}"), null);
        spec = GDFLOW.with(spec, "observe.metrics", "[\"max_weight_change\"]");
        RunResult r = GDFLOW.run(spec);
        assertEquals(RunStatus.DIVERGED, r.status());
        List<double[]> rows = r.trajectory().rows();
        double[] last = rows.get(rows.size() - 1);
        assertEquals(4, last.length);
        assertTrue(Double.isNaN(last[3]), "no metric is measured on a diverged state");
        assertTrue(rows.get(0)[3] == 0.0, "the metric was measured at step 0");
    }

    @Test
    void eulerDivergenceNamesDt() {
        RunResult r = run("{\"name\": \"euler\", \"dt\": 50}", "{\"max_steps\": 30, \"diverge_factor\": 1e3}", 1);
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().endsWith("try a smaller integrator.dt such as 12.5"), r.message());
    }

    /** An integrator plugin whose step is not one of its parameters: h = span / 2. */
    record HalfSpan(@org.gdflow.api.Parameter(description = "twice the step") double span) {
    }

    @Test
    void divergenceOfAnIntegratorWithoutAStepParameterNamesTheStep() {
        var plugins = new java.util.EnumMap<org.gdflow.api.PluginKind, java.util.Map<String, org.gdflow.api.Plugin<?, ?>>>(
                org.gdflow.api.PluginKind.class);
        for (var kind : org.gdflow.api.PluginKind.values()) {
            plugins.put(kind, new java.util.HashMap<>(GDFLOW.catalog().plugins(kind)));
        }
        plugins.get(org.gdflow.api.PluginKind.INTEGRATOR).put("half", org.gdflow.api.Plugin.integrator("half", "euler with h = span/2",
                HalfSpan.class, p -> new org.gdflow.api.Integrator() {
                    @Override
                    public double stepSize() {
                        return p.span() / 2;
                    }

                    @Override
                    public org.gdflow.api.Stepper start(org.gdflow.api.VectorField field, java.util.random.RandomGenerator random) {
                        return (theta, velocity, remaining) -> {
                            for (int k = 0; k < theta.length; k++) {
                                theta[k] += stepSize() * velocity[k];
                            }
                            return stepSize();
                        };
                    }
                }));
        Gdflow custom = Gdflow.withCatalog(new org.gdflow.core.plugin.PluginCatalog(plugins));
        RunResult r = custom.run(custom.spec(TestSpecs.small("{\"name\": \"half\", \"span\": 100}",
                "{\"max_steps\": 30, \"diverge_factor\": 1e3}"), null));
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().endsWith("try a smaller integrator.step such as 12.5"), r.message());
    }

    @Test
    void theListenerHearsEveryRecordedRow() {
        Spec spec = GDFLOW.with(GDFLOW.spec(TestSpecs.small(EULER, "{\"max_steps\": 10}"), null), "observe.every", "4");
        List<double[]> heard = new ArrayList<>();
        RunResult r = GDFLOW.run(spec, (step, time, loss) -> heard.add(new double[] {step, time, loss}));
        List<double[]> rows = r.trajectory().rows();
        assertEquals(rows.size(), heard.size());
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(Arrays.copyOf(rows.get(i), 3), heard.get(i), 0.0, "row " + i);
        }
    }
}
