package org.gdflow.backend.ejml;

import static org.gdflow.backend.ejml.Fixtures.activation;
import static org.gdflow.backend.ejml.Fixtures.naiveGram;
import static org.gdflow.backend.ejml.Fixtures.problem;
import static org.gdflow.backend.ejml.Fixtures.relativeError;
import static org.gdflow.backend.ejml.Fixtures.scaling;
import static org.gdflow.backend.ejml.Fixtures.step;
import static org.gdflow.backend.ejml.Fixtures.theta;
import static org.gdflow.backend.ejml.Fixtures.trained;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Gram matrix and the symmetric eigen solver of {@link EjmlKernels}. */
class EjmlGramTest {
    private static final int N = 7;
    /** tanh through Math.tanh, scalar code only (see {@link #gramAllocatesNothingAfterItsFirstCall}). */
    private static final Activation SCALAR_TANH = new Activation() {
        @Override
        public double value(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = Math.tanh(z);
            return 1 - t * t;
        }

        @Override
        public double secondDerivative(double z) {
            double t = Math.tanh(z);
            return -2 * t * (1 - t * t);
        }
    };
    private static final int D = 3;
    private static final int M = 5;

    /** τ J Jᵀ with J_ij = ∂u_i/∂θ_j by central differences of predictions(), over the trained θ_j. */
    private static double[] finiteDifferenceGram(NetworkKernels k, double[] theta) {
        NetworkProblem p = k.problem();
        double[][] jacobianT = new double[theta.length][];
        double[] t = theta.clone();
        double[] plus = new double[N];
        double[] minus = new double[N];
        for (int j = 0; j < theta.length; j++) {
            if (!trained(p, j)) {
                continue;
            }
            double h = step(theta[j]);
            t[j] = theta[j] + h;
            k.predictions(t, plus);
            t[j] = theta[j] - h;
            k.predictions(t, minus);
            t[j] = theta[j];
            jacobianT[j] = new double[N];
            for (int i = 0; i < N; i++) {
                jacobianT[j][i] = (plus[i] - minus[i]) / (2 * h);
            }
        }
        double[] h = new double[N * N];
        for (double[] column : jacobianT) {
            if (column == null) {
                continue;
            }
            for (int i = 0; i < N; i++) {
                for (int l = 0; l < N; l++) {
                    h[i * N + l] += p.timeScale() * column[i] * column[l];
                }
            }
        }
        return h;
    }

    @ParameterizedTest(name = "{0} {1} trainW={2} trainA={3}")
    @CsvSource({
        "tanh, ntk, true, false", "tanh, ntk, false, true", "tanh, ntk, true, true",
        "softplus, mean-field, true, false", "softplus, mean-field, false, true", "softplus, mean-field, true, true",
        "sine, power, true, false", "sine, power, false, true", "sine, power, true, true",
        "sigmoid, power, true, true"})
    void gramIsTauJJtAndMatchesTheNaiveFormula(String act, String sc, boolean trainW, boolean trainA) {
        NetworkProblem p = problem(13, N, D, M, activation(act), scaling(sc), trainW, trainA, false);
        double[] theta = theta(17, p);
        double[] before = theta.clone();
        NetworkKernels k = new EjmlBackend().open(p);
        double[] gram = new double[N * N];
        k.gram(theta, gram);
        assertArrayEquals(before, theta, 0.0, "θ must not be modified");

        double fd = relativeError(gram, finiteDifferenceGram(k, theta));
        assertTrue(fd <= 1e-6, "relative error " + fd + " against τ J Jᵀ by finite differences");

        double[] naive = naiveGram(p, theta);
        double scale = 0;
        for (double v : naive) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < N * N; i++) {
            assertEquals(naive[i], gram[i], 1e-12 * scale, "H entry " + i);
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                assertEquals(gram[i * N + j], gram[j * N + i], 0.0, "H is exactly symmetric");
            }
        }

        // a second call (X Xᵀ cached) and an evaluate in between give the same matrix
        k.evaluate(theta, new double[p.dimension()]);
        double[] again = new double[N * N];
        k.gram(theta, again);
        assertArrayEquals(gram, again, 0.0);
    }

    /**
     * After its first call (which allocates X Xᵀ and S) the single-threaded Gram path allocates nothing;
     * checked with the JVM's per-thread allocation counter (the multi-threaded kernels allocate their
     * tasks). The activation is a scalar tanh of this test: the built-in's SIMD pass allocates its vectors
     * until the JIT has compiled it, which on 7×5 matrices takes longer than this test should run.
     */
    @ParameterizedTest(name = "trainW={0} trainA={1}")
    @CsvSource({"true, true", "true, false", "false, true"})
    void gramAllocatesNothingAfterItsFirstCall(boolean trainW, boolean trainA) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        NetworkProblem p = problem(5, N, D, M, SCALAR_TANH, scaling("ntk"), trainW, trainA, false);
        double[] theta = theta(6, p);
        EjmlKernels k = (EjmlKernels) new EjmlBackend().open(p);
        assertTrue(!k.gramMultiThreaded());
        double[] gram = new double[N * N];
        for (int round = 0; round < 2; round++) {
            long before = sun.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 500; i++) {
                k.gram(theta, gram);
            }
            long allocated = sun.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated by 500 Gram matrices");
            }
        }
        assertArrayEquals(naiveGram(p, theta), gram, 1e-12 * Math.abs(gram[0]) + 1e-15);
    }

    private static void assertEigenpairs(NetworkKernels k, double[] a, int n) {
        double[] values = k.symmetricEigen(a.clone(), null);
        double[] vectors = new double[n * n];
        double[] valuesWithVectors = k.symmetricEigen(a.clone(), vectors);
        assertEquals(n, values.length);
        double norm = 0;
        for (double v : a) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < n; j++) {
            assertEquals(values[j], valuesWithVectors[j], 1e-12 * norm, "λ_" + j + " with and without vectors");
            if (j > 0) {
                assertTrue(values[j - 1] <= values[j], "ascending at " + j);
            }
            double length = 0;
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int l = 0; l < n; l++) {
                    av += a[i * n + l] * vectors[l * n + j];
                }
                double vij = vectors[i * n + j];
                length += vij * vij;
                assertEquals(valuesWithVectors[j] * vij, av, 1e-10 * norm, "(A v)_" + i + " = λ v_" + i + " for λ_" + j);
            }
            assertEquals(1.0, length, 1e-12, "unit eigenvector " + j);
        }
    }

    @Test
    void symmetricEigenOfARandomSymmetricMatrix() {
        int n = 12;
        Random random = new Random(21);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * n + j] = a[j * n + i] = random.nextGaussian();
            }
        }
        NetworkProblem p = problem(1, N, D, M, activation("tanh"), scaling("ntk"), true, true, false);
        assertEigenpairs(new EjmlBackend().open(p), a, n);
    }

    @Test
    void symmetricEigenOfTheGramMatrixIsNonNegative() {
        NetworkProblem p = problem(1, N, D, M, activation("tanh"), scaling("ntk"), true, true, false);
        NetworkKernels k = new EjmlBackend().open(p);
        double[] gram = new double[N * N];
        k.gram(theta(2, p), gram);
        assertEigenpairs(k, gram, N);
        double[] values = k.symmetricEigen(gram.clone(), null);
        assertTrue(values[0] > -1e-14, "λ_min of a Gram matrix is >= 0: " + values[0]);
    }
}
