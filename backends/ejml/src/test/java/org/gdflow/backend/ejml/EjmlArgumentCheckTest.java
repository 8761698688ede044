package org.gdflow.backend.ejml;

import static org.gdflow.backend.ejml.Fixtures.activation;
import static org.gdflow.backend.ejml.Fixtures.problem;
import static org.gdflow.backend.ejml.Fixtures.scaling;
import static org.gdflow.backend.ejml.Fixtures.theta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every kernel refuses an argument of the wrong size before touching it, with a message naming the
 * argument and both sizes (the texts are those of {@link org.gdflow.api.KernelArguments}, written out here).
 */
class EjmlArgumentCheckTest {
    private static final int N = 7;
    private static final int D = 3;
    private static final int M = 5;
    /** m·d + m. */
    private static final int DIM = M * D + M;

    private final NetworkProblem p = problem(11, N, D, M, activation("tanh"), scaling("ntk"), true, true, false);
    private final NetworkKernels k = new EjmlBackend().open(p);
    private final double[] theta = theta(1, p);
    private final double[] velocity = new double[DIM];
    private final int[] batch = {0, 2};

    private static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void thetaOfTheWrongLengthIsRefusedByEveryKernel() {
        for (int length : new int[] {DIM - 1, DIM + 1}) {
            double[] t = new double[length];
            String message = "theta has " + length + " values, expected " + DIM;
            assertRefused(message, () -> k.evaluate(t, velocity));
            assertRefused(message, () -> k.evaluateBatch(t, batch, 2, velocity));
            assertRefused(message, () -> k.loss(t));
            assertRefused(message, () -> k.predictions(t, new double[N]));
            assertRefused(message, () -> k.gram(t, new double[N * N]));
        }
    }

    @Test
    void outputsOfTheWrongLengthAreRefused() {
        // a longer output would not fail by itself: only the check refuses it
        assertRefused("velocity has 21 values, expected 20", () -> k.evaluate(theta, new double[DIM + 1]));
        assertRefused("velocity has 19 values, expected 20", () -> k.evaluate(theta, new double[DIM - 1]));
        assertRefused("velocity has 21 values, expected 20", () -> k.evaluateBatch(theta, batch, 2, new double[DIM + 1]));
        assertRefused("velocity has 19 values, expected 20", () -> k.evaluateBatch(theta, batch, 2, new double[DIM - 1]));
        assertRefused("u has 8 values, expected 7", () -> k.predictions(theta, new double[N + 1]));
        assertRefused("gram has 48 values for n×n = 7×7", () -> k.gram(theta, new double[N * N - 1]));
        assertRefused("gram has 50 values for n×n = 7×7", () -> k.gram(theta, new double[N * N + 1]));
    }

    @Test
    void badBatchesAndEigenArgumentsAreRefused() {
        assertRefused("batch size 0 must be in [1, n = 7] and at most the batch array's length 2",
                () -> k.evaluateBatch(theta, batch, 0, velocity));
        assertRefused("batch size 3 must be in [1, n = 7] and at most the batch array's length 2",
                () -> k.evaluateBatch(theta, batch, 3, velocity));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> k.evaluateBatch(theta, new int[] {1, N}, 2, velocity));
        assertEquals("batch[1] = 7 is not a data index in [0, 7)", e.getMessage());
        assertRefused("a symmetric matrix needs k×k values, got 5", () -> k.symmetricEigen(new double[5], null));
        assertRefused("eigenvectors has 3 values for k×k = 2×2", () -> k.symmetricEigen(new double[4], new double[3]));
    }

    @Test
    void anEmptyMatrixHasNoEigenvalues() {
        // k = 0 by hand: no values, and no call into EJML
        assertEquals(0, k.symmetricEigen(new double[0], null).length);
        assertEquals(0, k.symmetricEigen(new double[0], new double[0]).length);
    }

    @Test
    void workMatricesTooLargeForOneArrayAreRefusedAtOpen() {
        // n·m = 10⁵·10⁵ = 10¹⁰ > 2³¹ − 9
        int n = 100_000;
        NetworkProblem wide = new NetworkProblem(new double[n], new double[n], new double[n], n, 1, 100_000,
                activation("tanh"), 1, 1, true, true);
        assertRefused("Z (n×m) = 100000×100000 is too large for one Java array", () -> new EjmlBackend().open(wide));
        // n·m = 1.5·10⁹ fits, but θ needs m·(d + 1) = 4.5·10⁹ (and Wᵀ, d×m = 3·10⁹, would overflow an int)
        int m = 1_500_000_000;
        NetworkProblem deep = new NetworkProblem(new double[2], new double[1], new double[1], 1, 2, m,
                activation("tanh"), 1, 1, true, true);
        assertRefused("θ (m×d + m) = 1500000000×3 is too large for one Java array", () -> new EjmlBackend().open(deep));
    }

    @Test
    void aNegativeThresholdIsRefusedAndZeroIsAlwaysMultiThreaded() {
        assertRefused("multiThreadThreshold must be >= 0: -1", () -> new EjmlBackend(-1));
        EjmlKernels always = (EjmlKernels) new EjmlBackend(0).open(p);
        assertEquals(true, always.multiThreaded(1), "1·m·d = 15 > 0");
        assertEquals(true, always.gramMultiThreaded(), "n·n·m = 245 > 0");
    }
}
