package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gdflow.core.Gdflow;
import org.junit.jupiter.api.Test;

/** stop.max_weight_change_above: fires at the first recorded step past R, against the same run without the stop. */
class LeftRadiusTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    private static String spec(String extraStop) {
        return """
                { "seed": 2, "data": {"kind": "sphere", "n": 8, "d": 3, "target": {"kind": "random", "distribution": "gaussian"}},
                  "model": {"width": 16, "activation": "relu", "scaling": "ntk", "train": ["w"]},
                  "integrator": {"name": "gd", "lr": 0.5}, "stop": {"max_steps": 60 %s},
                  "observe": {"every": 5, "metrics": ["max_weight_change"]}, "backend": "ejml" }
                """.formatted(extraStop);
    }

    @Test
    void leftRadiusFiresAtTheFirstRecordedStepPastRAndNotBefore() {
        RunResult baseline = GDFLOW.run(GDFLOW.spec(spec(""), null));
        double[] change = baseline.trajectory().column("max_weight_change");
        List<double[]> rows = baseline.trajectory().rows();
        for (int j : new int[] {1, 4, 7}) {
            assertTrue(change[j] > change[j - 1], "the radius grows between rows " + (j - 1) + " and " + j);
            for (int i = 0; i < j; i++) {
                assertTrue(change[i] <= change[j - 1]);
            }
            // R between row j − 1 and row j: rows 0..j−1 stay within it, row j leaves it
            double radius = (change[j - 1] + change[j]) / 2;
            RunResult stopped = GDFLOW.run(GDFLOW.spec(spec(", \"max_weight_change_above\": " + radius), null));
            assertEquals(RunStatus.LEFT_RADIUS, stopped.status());
            assertEquals(5L * j, stopped.steps());
            assertEquals(j + 1, stopped.trajectory().rows().size());
            for (int i = 0; i <= j; i++) {
                assertArrayEquals(rows.get(i), stopped.trajectory().rows().get(i), 0.0, "row " + i);
            }
            assertEquals("max_r ‖w_r(t) − w_r(0)‖ = " + change[j] + " exceeded stop.max_weight_change_above = " + radius
                    + " at step " + 5 * j + " (time " + rows.get(j)[1] + "): the condition ‖w_r(t) − w_r(0)‖ ≤ R of Du et al. (2019)"
                    + " Lemma 3.2, under which λ_min(H(t)) ≥ λ0/2, no longer holds", stopped.message());
            assertEquals("left_radius", stopped.status().label());
        }
        // a radius never reached: the run ends at its step limit as without it
        RunResult far = GDFLOW.run(GDFLOW.spec(spec(", \"max_weight_change_above\": 1e6"), null));
        assertEquals(RunStatus.STEP_LIMIT, far.status());
        assertArrayEquals(baseline.finalParameters(), far.finalParameters(), 0.0);
    }
}
