package org.gdflow.backend.ejml;

import static org.gdflow.backend.ejml.Fixtures.activation;
import static org.gdflow.backend.ejml.Fixtures.naivePrediction;
import static org.gdflow.backend.ejml.Fixtures.problem;
import static org.gdflow.backend.ejml.Fixtures.scaling;
import static org.gdflow.backend.ejml.Fixtures.theta;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;

/**
 * The field on shapes with every tail (m not a multiple of 8 or of the 32-column strips, n not a multiple
 * of the 16 blocks or of the 4-row tiles, d not a multiple of 4), on the single- and the multi-threaded
 * path, against the gradient written as direct loops: {@code ∂L/∂a_r = s Σ_i r_i σ(z_ir)},
 * {@code ∂L/∂W_rk = s a_r Σ_i r_i σ'(z_ir) x_ik}. This covers Wᵀ's transposition by 8 rows, Rᵀ by blocks
 * of rows, and velocity_W by chunks of columns.
 */
class EjmlFieldShapesTest {
    /** n, d, m. */
    private static final int[][] SHAPES = {{37, 5, 77}, {3, 1, 1}, {17, 16, 129}, {64, 7, 33}, {16, 3, 8}, {1, 2, 9}, {50, 4, 40}};

    /** −τ∇L by direct loops over i, r, k; L in the last entry. */
    private static double[] directField(NetworkProblem p, double[] theta) {
        int n = p.n();
        int d = p.d();
        int m = p.width();
        Activation act = p.activation();
        double s = p.outputScale();
        double[] gradient = new double[p.dimension()];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            // r_i = μ_i (u_i − y_i)
            double e = naivePrediction(p, theta, i) - p.y()[i];
            double ri = p.mu()[i] * e;
            loss += 0.5 * ri * e;
            for (int r = 0; r < m; r++) {
                double z = 0;
                for (int k = 0; k < d; k++) {
                    z += theta[r * d + k] * p.x()[i * d + k];
                }
                double ar = theta[p.offsetA() + r];
                if (p.trainA()) {
                    // ∂L/∂a_r += s r_i σ(z_ir)
                    gradient[p.offsetA() + r] += s * ri * act.value(z);
                }
                if (p.trainW()) {
                    for (int k = 0; k < d; k++) {
                        // ∂L/∂W_rk += s a_r r_i σ'(z_ir) x_ik
                        gradient[r * d + k] += s * ar * ri * act.derivative(z) * p.x()[i * d + k];
                    }
                }
            }
        }
        double[] out = Arrays.copyOf(gradient, gradient.length + 1);
        for (int j = 0; j < gradient.length; j++) {
            out[j] = -p.timeScale() * gradient[j];
        }
        out[gradient.length] = loss;
        return out;
    }

    @Test
    void theFieldOnTailShapesMatchesDirectLoopsOnBothPaths() {
        boolean[][] trained = {{true, true}, {true, false}, {false, true}};
        for (int[] shape : SHAPES) {
            for (boolean[] t : trained) {
                NetworkProblem p = problem(shape[0] * 31L + shape[2], shape[0], shape[1], shape[2], activation("tanh"),
                        scaling("ntk"), t[0], t[1], true);
                double[] theta = theta(shape[1] * 7L + shape[2], p);
                double[] expected = directField(p, theta);
                double expectedLoss = expected[p.dimension()];
                double[] velocity0 = null;
                for (long threshold : new long[] {Long.MAX_VALUE, 0}) {
                    EjmlKernels k = (EjmlKernels) new EjmlBackend(threshold).open(p);
                    assertEquals(threshold == 0, k.multiThreaded(p.n()));
                    double[] velocity = new double[p.dimension()];
                    Arrays.fill(velocity, Double.NaN);
                    String where = Arrays.toString(shape) + " trainW " + t[0] + " trainA " + t[1] + " threshold " + threshold;
                    double loss = k.evaluate(theta, velocity);
                    assertEquals(expectedLoss, loss, 1e-13 * expectedLoss, "L " + where);
                    double scale = 0;
                    for (int j = 0; j < p.dimension(); j++) {
                        scale = Math.max(scale, Math.abs(expected[j]));
                    }
                    for (int j = 0; j < p.dimension(); j++) {
                        assertEquals(expected[j], velocity[j], 1e-12 * scale, "velocity " + j + " " + where);
                    }
                    assertEquals(loss, k.loss(theta), 0.0, "loss() " + where);
                    double[] u = new double[p.n()];
                    k.predictions(theta, u);
                    for (int i = 0; i < p.n(); i++) {
                        assertEquals(naivePrediction(p, theta, i), u[i], 1e-12 * (1 + Math.abs(u[i])), "u_" + i + " " + where);
                    }
                    // the products alone leave the next evaluation unchanged
                    assertTrue(k.products(theta));
                    double[] again = new double[p.dimension()];
                    assertEquals(loss, k.evaluate(theta, again), 0.0);
                    assertArrayEquals(velocity, again, 0.0);
                    if (velocity0 == null) {
                        velocity0 = velocity;
                    } else {
                        // one and two threads: the same bits
                        assertArrayEquals(velocity0, velocity, 0.0, where);
                    }
                }
            }
        }
    }

    @Test
    void aBatchOnTheMultiThreadedPathEqualsTheSingleThreadedOne() {
        NetworkProblem p = problem(3, 37, 5, 77, activation("softplus"), scaling("mean-field"), true, true, true);
        double[] theta = theta(4, p);
        int[] batch = new int[37];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (11 * i + 5) % 37;
        }
        NetworkKernels serial = new EjmlBackend(Long.MAX_VALUE).open(p);
        NetworkKernels parallel = new EjmlBackend(0).open(p);
        for (int size : new int[] {1, 2, 17, 36, 37}) {
            double[] vs = new double[p.dimension()];
            double[] vp = new double[p.dimension()];
            assertEquals(serial.evaluateBatch(theta, batch, size, vs), parallel.evaluateBatch(theta, batch, size, vp), 0.0);
            assertArrayEquals(vs, vp, 0.0, "batch of " + size);
        }
    }

    @Test
    void theProductsAloneAreZThenRTransposedTimesZOnBothPaths() {
        for (int[] shape : SHAPES) {
            NetworkProblem p = problem(shape[2], shape[0], shape[1], shape[2], activation("tanh"), scaling("ntk"), true, true, false);
            double[] theta = theta(shape[0], p);
            int n = p.n();
            int d = p.d();
            int m = p.width();
            for (long threshold : new long[] {Long.MAX_VALUE, 0}) {
                EjmlKernels k = (EjmlKernels) new EjmlBackend(threshold).open(p);
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> k.products(new double[p.dimension() + 1]));
                assertTrue(e.getMessage().contains("theta"), e.getMessage());
                // a field at another θ leaves Rᵀ; the products at θ then use it with Z(θ) in place of D̃
                double[] other = theta(shape[0] + 1, p);
                k.evaluate(other, new double[p.dimension()]);
                double[] rT = k.rTransposed().clone();
                assertTrue(k.products(theta));
                double[] z = k.zOrDTilde();
                double[] gT = k.gTransposed();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        double zij = 0;
                        for (int c = 0; c < d; c++) {
                            zij += p.x()[i * d + c] * theta[j * d + c];
                        }
                        assertEquals(zij, z[i * m + j], 1e-13 * (1 + Math.abs(zij)), "Z_" + i + "," + j);
                    }
                }
                for (int c = 0; c < d; c++) {
                    for (int j = 0; j < m; j++) {
                        double g = 0;
                        double size = 0;
                        for (int i = 0; i < n; i++) {
                            // Gᵀ_cj = Σ_i Rᵀ_ci Z_ij
                            g += rT[c * n + i] * z[i * m + j];
                            size += Math.abs(rT[c * n + i] * z[i * m + j]);
                        }
                        assertEquals(g, gT[c * m + j], 1e-13 * size + 1e-300, "Gᵀ_" + c + "," + j + " " + Arrays.toString(shape));
                    }
                }
            }
        }
    }
}
