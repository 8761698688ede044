package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The linearised predictions against closed forms (diagonal H) and against du/dt = −H M (u − y)
 * integrated plainly by RK4 with a small step in the test.
 */
class LinearisedPredictionTest {
    private static final EigenSolver JACOBI = new JacobiEigen();

    /** u(t) from u(0) by RK4 on du/dt = −H diag(μ) (u − y), steps of h. */
    private static double[] integrate(double[] h, double[] mu, double[] u0, double[] y, double t, int steps) {
        int n = y.length;
        double[] u = u0.clone();
        double dt = t / steps;
        for (int s = 0; s < steps; s++) {
            double[] k1 = field(h, mu, u, y);
            double[] k2 = field(h, mu, axpy(u, 0.5 * dt, k1), y);
            double[] k3 = field(h, mu, axpy(u, 0.5 * dt, k2), y);
            double[] k4 = field(h, mu, axpy(u, dt, k3), y);
            for (int i = 0; i < n; i++) {
                u[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return u;
    }

    private static double[] field(double[] h, double[] mu, double[] u, double[] y) {
        int n = y.length;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i] -= h[i * n + j] * mu[j] * (u[j] - y[j]);
            }
        }
        return f;
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            out[i] += a * y[i];
        }
        return out;
    }

    @Test
    void diagonalGramDecaysEachResidualAtItsOwnRate() {
        double[] h = {2, 0, 0, 0.5};
        double[] mu = {0.5, 2};
        double[] u0 = {1, -1};
        double[] y = {0.25, 0.5};
        LinearisedPrediction lin = new LinearisedPrediction(h, mu, u0, y, JACOBI);
        // r_i(t) = r_i(0) e^(−H_ii μ_i t), both rates 1 here: K = diag(1, 1)
        assertArrayEquals(new double[] {1, 1}, lin.eigenvalues(), 1e-15);
        double[] out = new double[2];
        for (double t : new double[] {0, 0.3, 2}) {
            lin.residual(t, out);
            assertEquals(0.75 * Math.exp(-t), out[0], 1e-15);
            assertEquals(-1.5 * Math.exp(-t), out[1], 1e-15);
            lin.predictions(t, out);
            assertEquals(0.25 + 0.75 * Math.exp(-t), out[0], 1e-15);
            assertEquals(0.5 - 1.5 * Math.exp(-t), out[1], 1e-15);
        }
    }

    @Test
    void matchesTheIntegratedOdeWithAPointOfZeroWeight() {
        // point 2 has μ = 0: it drives nothing but its prediction moves with the others
        double[] h = {
            3, 1, 0.5,
            1, 2, -0.7,
            0.5, -0.7, 1.5};
        double[] mu = {0.4, 0.9, 0};
        double[] u0 = {0.3, -0.2, 0.8};
        double[] y = {1, 0.5, -1};
        LinearisedPrediction lin = new LinearisedPrediction(h, mu, u0, y, JACOBI);
        // K = M_P^½ H_PP M_P^½ = [[1.2, √0.36], [√0.36, 1.8]] = [[1.2, 0.6], [0.6, 1.8]]: (3 ∓ √1.8)/2
        assertArrayEquals(new double[] {(3 - Math.sqrt(1.8)) / 2, (3 + Math.sqrt(1.8)) / 2}, lin.eigenvalues(), 1e-14);
        double[] out = new double[3];
        for (double t : new double[] {0, 0.5, 3}) {
            lin.predictions(t, out);
            assertArrayEquals(integrate(h, mu, u0, y, t, 3000), out, 1e-11, "t = " + t);
        }
    }

    @Test
    void aZeroEigenvalueMovesTheUnweightedPointLinearlyInTime() {
        // H_PP = [[1, 1], [1, 1]] is singular: one mode never decays; the μ = 0 point (H_ZP = (1, 0)) drifts on it
        double[] h = {
            1, 1, 1,
            1, 1, 0,
            1, 0, 2};
        double[] mu = {1, 1, 0};
        double[] u0 = {0, 0, 0};
        EigenSolver exact = (k, q) -> {
            // K = [[1, 1], [1, 1]]: λ = 0 with (1, −1)/√2 and λ = 2 with (1, 1)/√2, set exactly
            double s = Math.sqrt(0.5);
            q[0] = s;
            q[1] = s;
            q[2] = -s;
            q[3] = s;
            return new double[] {0, 2};
        };
        // y = (1, −1): r_P(0) = (−1, 1) lies on the λ = 0 mode, so u_P stays 0 and du_Z/dt = −H_Z0 r_0 = 1: u_Z = t
        double[] y = {1, -1, 0};
        LinearisedPrediction lin = new LinearisedPrediction(h, mu, u0, y, exact);
        double[] out = new double[3];
        for (double t : new double[] {0, 1, 4}) {
            lin.predictions(t, out);
            assertArrayEquals(new double[] {0, 0, t}, out, 1e-14, "t = " + t);
            assertArrayEquals(integrate(h, mu, u0, y, t, 400), out, 1e-12);
        }
        // y = (1, 1): r_P(0) = (−1, −1) on the λ = 2 mode, r_P = −e^(−2t) (1, 1), du_Z/dt = e^(−2t): u_Z = (1 − e^(−2t))/2
        double[] y2 = {1, 1, 0};
        LinearisedPrediction lin2 = new LinearisedPrediction(h, mu, u0, y2, exact);
        for (double t : new double[] {0.5, 2}) {
            lin2.predictions(t, out);
            assertEquals(1 - Math.exp(-2 * t), out[0], 1e-14);
            assertEquals((1 - Math.exp(-2 * t)) / 2, out[2], 1e-14);
            assertArrayEquals(integrate(h, mu, u0, y2, t, 2000), out, 1e-12, "t = " + t);
        }
    }

    @Test
    void noWeightedPointLeavesEveryPredictionAtItsStart() {
        double[] h = {1, 0.5, 0.5, 1};
        // and nothing to decompose: the solver is not called on a 0×0 matrix
        EigenSolver none = (k, q) -> {
            throw new AssertionError("eigen-solve of " + k.length + " values");
        };
        LinearisedPrediction lin = new LinearisedPrediction(h, new double[] {0, 0}, new double[] {0.1, 0.2}, new double[] {1, 1}, none);
        assertArrayEquals(new double[] {}, lin.eigenvalues(), 0.0);
        double[] out = new double[2];
        lin.predictions(5, out);
        assertArrayEquals(new double[] {0.1, 0.2}, out, 1e-15);
    }

    @Test
    void inputsAreCopiedOrLeftAlone() {
        double[] h = {2, 0, 0, 0.5};
        double[] mu = {0.5, 2};
        double[] u0 = {1, -1};
        double[] y = {0.25, 0.5};
        LinearisedPrediction lin = new LinearisedPrediction(h, mu, u0, y, JACOBI);
        y[0] = 100;
        double[] out = new double[2];
        lin.predictions(0, out);
        assertArrayEquals(new double[] {1, -1}, out, 1e-15);
        assertArrayEquals(new double[] {2, 0, 0, 0.5}, h, 0.0);
        lin.eigenvalues()[0] = 99;
        assertEquals(1.0, lin.eigenvalues()[0], 1e-15);
    }

    @Test
    void inconsistentShapesAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearisedPrediction(new double[4], new double[3], new double[2], new double[2], JACOBI));
        assertEquals("Inconsistent shapes: y has 2 values, mu 3, u0 2, gram 4 (expected n×n = 2×2)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new LinearisedPrediction(new double[4], new double[2], new double[3], new double[2], JACOBI));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearisedPrediction(new double[5], new double[2], new double[2], new double[2], JACOBI));
    }
}
