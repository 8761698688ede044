package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;

/** A run is a pure function of its spec: same seed, same bits; another seed, other numbers. */
class ReproducibilityTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    private static double[][] trajectory(RunResult r) {
        return r.trajectory().rows().toArray(double[][]::new);
    }

    @Test
    void sameSeedGivesBitIdenticalTrajectories() {
        Spec spec = GDFLOW.spec(TestSpecs.small("{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.5, \"batch_size\": 5}",
                "{\"max_steps\": 40}"), null);
        RunResult first = GDFLOW.run(spec);
        RunResult second = GDFLOW.run(spec);
        assertEquals(41, first.trajectory().rows().size());
        double[][] a = trajectory(first);
        double[][] b = trajectory(second);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i);
        }
        assertArrayEquals(first.finalParameters(), second.finalParameters(), 0.0);
    }

    @Test
    void anotherSeedGivesOtherNumbers() {
        Spec spec = GDFLOW.spec(TestSpecs.small("{\"name\": \"rk4\", \"dt\": 0.1}", "{\"max_steps\": 5}"), null);
        RunResult first = GDFLOW.run(spec);
        RunResult other = GDFLOW.run(GDFLOW.with(spec, "seed", "12"));
        assertFalse(Arrays.equals(first.initialParameters(), other.initialParameters()));
        assertTrue(first.finalLoss() != other.finalLoss());
    }

    @Test
    void symmetricInitialisationStartsAtZeroOutput() {
        Spec spec = GDFLOW.spec(TestSpecs.small("{\"name\": \"rk4\", \"dt\": 0.1}", "{\"max_steps\": 1}"), null);
        Spec symmetric = GDFLOW.with(spec, "model.init", "{\"symmetric\": true}");
        RunResult r = GDFLOW.run(symmetric);
        // f = 0 at t = 0, so L(0) = ½ Σ μ_i y_i² exactly
        double[] y = GDFLOW.runner().data(symmetric).y();
        double expected = 0;
        for (double yi : y) {
            expected += 0.5 * yi * yi / y.length;
        }
        assertEquals(expected, r.trajectory().column("loss")[0], 1e-15 * expected);
        double[] theta0 = r.initialParameters();
        int m = 16;
        int d = 3;
        for (int k = 0; k < m / 2; k++) {
            assertEquals(theta0[m * d + k], -theta0[m * d + k + m / 2], 0.0);
            for (int c = 0; c < d; c++) {
                assertEquals(theta0[k * d + c], theta0[(k + m / 2) * d + c], 0.0);
            }
        }
    }
}
