package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gdflow.core.Gdflow;
import org.junit.jupiter.api.Test;

/**
 * stop.gram_min_eig_below: fires at the first recorded step where λ_min(H(t)) is below the bound, and not before,
 * against the same run without the stop (its gram_min_eig column) and λ0 from the run's own summary with theory on.
 */
class GramBelowBoundTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    private static String spec(String extraStop, String observed, boolean theory) {
        return """
                { "seed": 4, "data": {"kind": "sphere", "n": 6, "d": 3, "target": {"kind": "random", "distribution": "gaussian"}},
                  "model": {"width": 32, "activation": "relu", "scaling": "ntk", "train": ["w"]},
                  "integrator": {"name": "gd", "lr": 2.0}, "stop": {"max_steps": 80 %s},
                  "observe": {"every": 4, "metrics": [%s]}, "theory": %s, "backend": "ejml" }
                """.formatted(extraStop, observed, theory);
    }

    /** The rows j where λ_min(H(t)) sets a new minimum below every earlier row. */
    private static List<Integer> newMinima(double[] smallest) {
        List<Integer> rows = new java.util.ArrayList<>();
        double least = smallest[0];
        for (int j = 1; j < smallest.length; j++) {
            if (smallest[j] < least) {
                rows.add(j);
                least = smallest[j];
            }
        }
        return rows;
    }

    private static double minBefore(double[] values, int j) {
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < j; i++) {
            least = Math.min(least, values[i]);
        }
        return least;
    }

    @Test
    void initialBoundFiresAtTheFirstRecordedRowBelowIt() {
        RunResult baseline = GDFLOW.run(GDFLOW.spec(spec("", "\"gram_min_eig\"", false), null));
        double[] smallest = baseline.trajectory().column("gram_min_eig");
        List<double[]> rows = baseline.trajectory().rows();
        List<Integer> minima = newMinima(smallest);
        assertTrue(minima.size() >= 2, "λ_min(H(t)) falls at least twice: " + java.util.Arrays.toString(smallest));
        System.out.println("gram_min_eig_below, of initial: λ_min(H(t)) by row " + java.util.Arrays.toString(smallest)
                + "; new minima at rows " + minima);
        for (int j : minima.subList(0, 2)) {
            // a threshold between row j and every earlier row: the rows before j stay above it
            double threshold = (minBefore(smallest, j) + smallest[j]) / 2;
            double fraction = threshold / smallest[0];
            // observing gram_min_eig or not: the stop measures H(t) itself
            for (String observed : new String[] {"\"gram_min_eig\"", ""}) {
                RunResult stopped = GDFLOW.run(GDFLOW.spec(spec(", \"gram_min_eig_below\": {\"fraction\": " + fraction
                        + ", \"of\": \"initial\"}", observed, false), null));
                assertEquals(RunStatus.GRAM_BELOW_BOUND, stopped.status(), stopped.message());
                assertEquals("gram_below_bound", stopped.status().label());
                assertEquals(4L * j, stopped.steps());
                assertEquals(j + 1, stopped.trajectory().rows().size());
                assertEquals(rows.get(j)[2], stopped.finalLoss(), 0.0);
                assertEquals("λ_min(H(t)) = " + smallest[j] + " fell below stop.gram_min_eig_below = " + fraction + " · λ_min(H(0)) = "
                        + fraction + " · " + smallest[0] + " = " + fraction * smallest[0] + " at step " + 4 * j + " (time "
                        + rows.get(j)[1] + "): the hypothesis λ_min(H(s)) ≥ λ0/2 of Du et al. (2019) Lemma 3.3, under which"
                        + " ‖y − u(t)‖² ≤ exp(−λ0 t) ‖y − u(0)‖², no longer holds", stopped.message());
                if (!observed.isEmpty()) {
                    for (int i = 0; i <= j; i++) {
                        assertArrayEquals(rows.get(i), stopped.trajectory().rows().get(i), 0.0, "row " + i);
                    }
                }
            }
        }
        // a bound never crossed (the whole fraction of the least λ_min the run reaches): the run ends as without it
        double least = minBefore(smallest, smallest.length);
        RunResult never = GDFLOW.run(GDFLOW.spec(spec(", \"gram_min_eig_below\": {\"fraction\": " + (least / smallest[0] * 0.999)
                + ", \"of\": \"initial\"}", "\"gram_min_eig\"", false), null));
        assertEquals(RunStatus.STEP_LIMIT, never.status());
        assertArrayEquals(baseline.finalParameters(), never.finalParameters(), 0.0);
    }

    @Test
    void lambda0BoundUsesTheRunsOwnLambda0AndReportsIt() {
        RunResult baseline = GDFLOW.run(GDFLOW.spec(spec("", "\"gram_min_eig\"", true), null));
        double lambda0 = (Double) baseline.diagnostics().get("lambda0");
        double[] smallest = baseline.trajectory().column("gram_min_eig");
        List<double[]> rows = baseline.trajectory().rows();
        // the first row whose λ_min(H(t)) is below the least of the rows before it and below λ0
        int j = -1;
        for (int candidate : newMinima(smallest)) {
            if (smallest[candidate] < lambda0) {
                j = candidate;
                break;
            }
        }
        assertTrue(j > 0, "λ_min(H(t)) falls below λ0 = " + lambda0 + ": " + java.util.Arrays.toString(smallest));
        double threshold = (Math.min(minBefore(smallest, j), lambda0) + smallest[j]) / 2;
        System.out.println("gram_min_eig_below, of lambda0: λ0 = " + lambda0 + ", first row below the bound " + j);
        double fraction = threshold / lambda0;
        // theory off: λ0 is computed for the stop all the same, and reported as with theory on
        RunResult stopped = GDFLOW.run(GDFLOW.spec(spec(", \"gram_min_eig_below\": {\"fraction\": " + fraction + "}",
                "\"gram_min_eig\"", false), null));
        assertEquals(RunStatus.GRAM_BELOW_BOUND, stopped.status(), stopped.message());
        assertEquals(4L * j, stopped.steps());
        assertTrue(stopped.message().startsWith("λ_min(H(t)) = " + smallest[j] + " fell below stop.gram_min_eig_below = " + fraction
                + " · λ0 = " + fraction + " · " + lambda0 + " = "), stopped.message());
        assertEquals(lambda0, (Double) stopped.diagnostics().get("lambda0"), 0.0);
        assertEquals(baseline.diagnostics().get("lambda0_method"), stopped.diagnostics().get("lambda0_method"));
        assertEquals(baseline.diagnostics().get("width_thresholds"), stopped.diagnostics().get("width_thresholds"));
        for (int i = 0; i <= j; i++) {
            assertArrayEquals(rows.get(i), stopped.trajectory().rows().get(i), 0.0, "row " + i);
        }
    }
}
