package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The default {@link NetworkKernels#patternFlipFraction}, inherited by a backend that does not override it:
 * a case worked out by hand (pre-activations of exactly 0 are inactive), and random states against the
 * count made from each neuron's and each point's own vectors.
 */
class PatternFlipDefaultTest {
    private static final Activation CUBE = new Cube();

    private static NetworkProblem problem(double[] x, int n, int d, int m) {
        double[] mu = new double[n];
        Arrays.fill(mu, 1.0 / n);
        return new NetworkProblem(x, new double[n], mu, n, d, m, CUBE, 1, 1, true, true);
    }

    @Test
    void aCaseWorkedOutByHand() {
        // x_0 = (1, 0), x_1 = (0, 1), x_2 = (−1, −1); θ(0): w_0 = (0, 0), w_1 = (1, 1); θ(t): w_0 = (1, 0), w_1 = (0, 0)
        NetworkKernels k = new ProblemOnlyKernels(problem(new double[] {1, 0, 0, 1, -1, -1}, 3, 2, 2));
        double[] theta0 = {0, 0, 1, 1, 1, 1};
        // a changes sign: only W enters the patterns
        double[] theta = {1, 0, 0, 0, -1, -1};
        // z(0): w_0 → 0, 0, 0 (inactive); w_1 → 1, 1, −2. z(t): w_0 → 1, 0, −1; w_1 → 0, 0, 0 (inactive).
        // flips: (x_0, w_0) inactive → active; (x_0, w_1), (x_1, w_1) active → inactive: 3 of the 6 pairs
        assertEquals(0.5, k.patternFlipFraction(theta0, theta), 0.0);
        assertEquals(0.5, k.patternFlipFraction(theta, theta0), 0.0);
        assertEquals(0.0, k.patternFlipFraction(theta, theta), 0.0);
        // only w_1 turned, to (−1, 0.5): w_1·x_2 = 1 − 0.5 = 0.5 > 0 turns on, w_1·x_0 = −1 turns off
        double[] turned = {0, 0, -1, 0.5, 1, 1};
        // w_1·x: −1, 0.5, 0.5 against 1, 1, −2: x_0 flips, x_1 stays active, x_2 flips; w_0 unchanged: 2 of 6
        assertEquals(2.0 / 6, k.patternFlipFraction(theta0, turned), 0.0);
    }

    @Test
    void randomStatesAgainstEachNeuronsOwnDotProducts() {
        int n = 4;
        int d = 3;
        int m = 5;
        SplittableRandom random = new SplittableRandom(3);
        double[] x = random.doubles(n * d, -1, 1).toArray();
        NetworkKernels k = new ProblemOnlyKernels(problem(x, n, d, m));
        double[] theta0 = random.doubles(m * d + m, -1, 1).toArray();
        double[] theta = theta0.clone();
        for (int j = 0; j < theta.length; j++) {
            theta[j] += random.nextDouble(-0.8, 0.8);
        }
        long flips = 0;
        for (int r = 0; r < m; r++) {
            double[] w0 = Arrays.copyOfRange(theta0, r * d, r * d + d);
            double[] w = Arrays.copyOfRange(theta, r * d, r * d + d);
            for (int i = 0; i < n; i++) {
                double[] xi = Arrays.copyOfRange(x, i * d, i * d + d);
                double z0 = w0[0] * xi[0] + w0[1] * xi[1] + w0[2] * xi[2];
                double z = w[0] * xi[0] + w[1] * xi[1] + w[2] * xi[2];
                flips += (z > 0) == (z0 > 0) ? 0 : 1;
            }
        }
        assertTrue(flips > 0 && flips < n * m, "some pairs flip and some do not: " + flips);
        assertEquals(flips / 20.0, k.patternFlipFraction(theta0, theta), 0.0);
    }
}
