package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Predictions, untrained parts, a Gram matrix past one Java block, and the eigen-solver's native memory. */
class Nd4jKernelsTest {

    /** f(x_i) by a naive loop: s Σ_r a_r σ(Σ_k W_rk x_ik). */
    private static double naivePrediction(NetworkProblem p, double[] theta, int i) {
        int d = p.d();
        double sum = 0;
        for (int r = 0; r < p.width(); r++) {
            double z = 0;
            for (int k = 0; k < d; k++) {
                z += theta[r * d + k] * p.x()[i * d + k];
            }
            sum += theta[p.offsetA() + r] * p.activation().value(z);
        }
        return p.outputScale() * sum;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid"})
    void predictionsAndLossAtANewThetaMatchANaiveLoop(String activation) {
        NetworkProblem p = Fixtures.problem(5, 9, 4, 6, Fixtures.activation(activation), Fixtures.scaling("ntk"), true, true);
        double[] first = Fixtures.theta(1, p);
        double[] second = Fixtures.theta(2, p);
        try (NetworkKernels k = new Nd4jBackend().open(p)) {
            // the buffers hold the first θ's Z, S and u; predictions and loss at the second must not reuse them
            k.evaluate(first, new double[p.dimension()]);
            double[] u = new double[p.n()];
            k.predictions(second, u);
            double loss = 0;
            for (int i = 0; i < p.n(); i++) {
                double expected = naivePrediction(p, second, i);
                assertEquals(expected, u[i], 1e-13 * Math.max(1, Math.abs(expected)), "u_" + i);
                loss += 0.5 * p.mu()[i] * (expected - p.y()[i]) * (expected - p.y()[i]);
            }
            k.evaluate(first, new double[p.dimension()]);
            assertEquals(loss, k.loss(second), 1e-13 * loss, "L = ½ Σ μ_i (u_i − y_i)² by the naive loop");
        }
    }

    @Test
    void untrainedPartsOfTheVelocityAreOverwrittenWithZero() {
        for (boolean trainW : new boolean[] {false, true}) {
            NetworkProblem p = Fixtures.problem(6, 8, 3, 5, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), trainW, !trainW);
            double[] theta = Fixtures.theta(3, p);
            try (NetworkKernels k = new Nd4jBackend().open(p)) {
                for (boolean batch : new boolean[] {false, true}) {
                    double[] velocity = new double[p.dimension()];
                    // a reused velocity array holds anything: NaN here
                    Arrays.fill(velocity, Double.NaN);
                    if (batch) {
                        k.evaluateBatch(theta, new int[] {5, 1, 1}, 3, velocity);
                    } else {
                        k.evaluate(theta, velocity);
                    }
                    for (int j = 0; j < velocity.length; j++) {
                        boolean trained = j < p.offsetA() ? trainW : !trainW;
                        if (trained) {
                            assertTrue(Double.isFinite(velocity[j]), "trained coordinate " + j);
                        } else {
                            assertEquals(0L, Double.doubleToRawLongBits(velocity[j]), "untrained coordinate " + j + " is +0");
                        }
                    }
                }
            }
        }
    }

    /**
     * m = 4097 > 4096, the block length of the Java passes: the scaling of each row of D by |a| runs in
     * two blocks per row. Every entry against the Gram formula evaluated by hand (d = 1, W trained
     * only: H_ij = τ s² Σ_r a_r² σ'(w_r x_i) σ'(w_r x_j) x_i x_j).
     */
    @Test
    void gramPastOneBlockMatchesTheFormula() {
        int n = 3;
        int m = 4097;
        NetworkProblem p = Fixtures.problem(9, n, 1, m, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, false);
        double[] theta = Fixtures.theta(4, p);
        Activation act = p.activation();
        double c = p.timeScale() * p.outputScale() * p.outputScale();
        double[] gram = new double[n * n];
        try (NetworkKernels k = new Nd4jBackend().open(p)) {
            k.gram(theta, gram);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double xi = p.x()[i];
                double xj = p.x()[j];
                double sum = 0;
                for (int r = 0; r < m; r++) {
                    double w = theta[r];
                    double a = theta[m + r];
                    sum += a * a * act.derivative(w * xi) * act.derivative(w * xj) * xi * xj;
                }
                assertEquals(c * sum, gram[i * n + j], 1e-13 * Math.max(1, Math.abs(c * sum)), "H(" + i + ", " + j + ")");
            }
        }
    }

    /** JavaCPP counts the bytes of the eigen-solver's native buffers (k² + k doubles) in {@link Pointer#totalBytes}. */
    @Test
    void eigenBuffersAreFreedWhenTheSizeChangesAndOnClose() {
        NetworkProblem p = Fixtures.problem(1, 3, 2, 4, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
        int size = 200;
        long bytes = 8L * (size * size + size);
        double[] identity = new double[size * size];
        for (int i = 0; i < size; i++) {
            identity[i * size + i] = 1;
        }
        NetworkKernels k = new Nd4jBackend().open(p);
        k.symmetricEigen(identity, null);
        long held = Pointer.totalBytes();
        // 2×2 by hand: [[2, 1], [1, 2]] has eigenvalues 1 and 3
        double[] values = k.symmetricEigen(new double[] {2, 1, 1, 2}, null);
        assertEquals(1.0, values[0], 1e-15);
        assertEquals(3.0, values[1], 1e-15);
        long afterResize = Pointer.totalBytes();
        assertTrue(held - afterResize >= bytes - 100, "a new size frees the old buffers: " + (held - afterResize) + " bytes freed");

        k.symmetricEigen(identity, null);
        long before = Pointer.totalBytes();
        k.close();
        long after = Pointer.totalBytes();
        assertTrue(before - after >= bytes - 100, "close frees the eigen buffers: " + (before - after) + " bytes freed");
    }

    /** products() runs (for gdflow bench) and leaves nothing that changes the next evaluation. */
    @Test
    void productsRunAndTheNextEvaluationIsUnchanged() {
        NetworkProblem p = Fixtures.problem(7, 9, 3, 6, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
        double[] theta = Fixtures.theta(8, p);
        try (NetworkKernels k = new Nd4jBackend().open(p)) {
            double[] before = new double[p.dimension()];
            double loss = k.evaluate(theta, before);
            assertTrue(k.products(theta));
            double[] after = new double[p.dimension()];
            assertEquals(loss, k.evaluate(theta, after), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, after, 0.0);
        }
    }
}
