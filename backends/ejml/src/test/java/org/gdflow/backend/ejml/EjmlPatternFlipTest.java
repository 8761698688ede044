package org.gdflow.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;

/**
 * {@code patternFlipFraction} on this backend's own products, against a direct count of
 * 1{w_r(t)·x_i > 0} ≠ 1{w_r(0)·x_i > 0} over the n·m pairs, and on pre-activations of exactly 0 worked out by hand.
 */
class EjmlPatternFlipTest {
    private static NetworkProblem problem(double[] x, int n, int d, int m) {
        double[] y = new double[n];
        double[] mu = new double[n];
        java.util.Arrays.fill(mu, 1.0 / n);
        return new NetworkProblem(x, y, mu, n, d, m, Fixtures.activation("tanh"), 1.0, 1.0, true, true);
    }

    /** The count of flipped (i, r) by plain loops, each dot product summed in order. */
    private static long directCount(NetworkProblem p, double[] theta0, double[] theta) {
        long flips = 0;
        for (int i = 0; i < p.n(); i++) {
            for (int r = 0; r < p.width(); r++) {
                double z0 = 0;
                double z = 0;
                for (int k = 0; k < p.d(); k++) {
                    z0 += theta0[r * p.d() + k] * p.x()[i * p.d() + k];
                    z += theta[r * p.d() + k] * p.x()[i * p.d() + k];
                }
                if ((z > 0) != (z0 > 0)) {
                    flips++;
                }
            }
        }
        return flips;
    }

    @Test
    void randomStatesAgainstADirectCount() {
        // n ≠ m, so that an n·m pass confused with n·n or m·m is caught
        int n = 9;
        int d = 4;
        int m = 11;
        Random random = new Random(17);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        NetworkProblem p = problem(x, n, d, m);
        double[] theta0 = new double[p.dimension()];
        for (int j = 0; j < theta0.length; j++) {
            theta0[j] = random.nextGaussian();
        }
        NetworkKernels k = new EjmlBackend().open(p);
        double[] keep0 = theta0.clone();
        for (double step : new double[] {0.3, 1.0, 0.0}) {
            double[] theta = theta0.clone();
            for (int j = 0; j < theta.length; j++) {
                theta[j] += step * random.nextGaussian();
            }
            double[] keep = theta.clone();
            long expected = directCount(p, theta0, theta);
            if (step > 0) {
                assertTrue(expected > 0 && expected < (long) n * m, "a test with some flips and not all: " + expected);
            }
            assertEquals(expected / (double) (n * m), k.patternFlipFraction(theta0, theta), 0.0, "step " + step);
            assertArrayEquals(keep0, theta0, 0.0, "θ(0) is not modified");
            assertArrayEquals(keep, theta, 0.0, "θ(t) is not modified");
        }
        k.close();
    }

    @Test
    void aPreActivationOfZeroIsInactive() {
        // x_0 = (1, 0), x_1 = (0, 1), x_2 = (−1, −1); θ(0): w_0 = (0, 0), w_1 = (1, 1); θ(t): w_0 = (1, 0), w_1 = (0, 0)
        NetworkProblem p = problem(new double[] {1, 0, 0, 1, -1, -1}, 3, 2, 2);
        double[] theta0 = {0, 0, 1, 1, 1, 1};
        double[] theta = {1, 0, 0, 0, 1, 1};
        // z(0) = w_0: 0, 0, 0 (all inactive); w_1: 1, 1, −2. z(t) = w_0: 1, 0, −1; w_1: 0, 0, 0 (all inactive).
        // flips: (x_0, w_0) inactive → active; (x_0, w_1) and (x_1, w_1) active → inactive: 3 of 6
        NetworkKernels k = new EjmlBackend().open(p);
        assertEquals(0.5, k.patternFlipFraction(theta0, theta), 0.0);
        assertEquals(0.5, k.patternFlipFraction(theta, theta0), 0.0);
        assertEquals(0.0, k.patternFlipFraction(theta, theta), 0.0);
        k.close();
    }

    @Test
    void statesOfTheWrongLengthAreRefused() {
        NetworkProblem p = problem(new double[] {1, 0, 0, 1, -1, -1}, 3, 2, 2);
        NetworkKernels k = new EjmlBackend().open(p);
        assertEquals("theta0 has 5 values, expected 6", assertThrows(IllegalArgumentException.class,
                () -> k.patternFlipFraction(new double[5], new double[6])).getMessage());
        assertEquals("theta has 7 values, expected 6", assertThrows(IllegalArgumentException.class,
                () -> k.patternFlipFraction(new double[6], new double[7])).getMessage());
        k.close();
    }
}
