package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every kernel refuses an argument of the wrong size, and every call after {@link NetworkKernels#close},
 * with a message naming the argument and both sizes (the texts of {@link org.gdflow.api.KernelArguments},
 * written out here).
 */
class Nd4jArgumentCheckTest {
    private static final int N = 7;
    private static final int D = 3;
    private static final int M = 5;
    /** m·d + m. */
    private static final int DIM = M * D + M;

    private final NetworkProblem p = Fixtures.problem(11, N, D, M, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
    private final NetworkKernels k = new Nd4jBackend().open(p);
    private final double[] theta = Fixtures.theta(1, p);
    private final double[] velocity = new double[DIM];
    private final int[] batch = {0, 2};

    @AfterEach
    void close() {
        k.close();
    }

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
        assertRefused("u has 6 values, expected 7", () -> k.predictions(theta, new double[N - 1]));
        assertRefused("theta has %d values, expected %d".formatted(theta.length + 1, theta.length),
                () -> k.products(new double[theta.length + 1]));
        assertRefused("gram has 48 values for n×n = 7×7", () -> k.gram(theta, new double[N * N - 1]));
        assertRefused("gram has 50 values for n×n = 7×7", () -> k.gram(theta, new double[N * N + 1]));
        assertRefused("batch size 3 must be in [1, n = 7] and at most the batch array's length 2",
                () -> k.evaluateBatch(theta, batch, 3, velocity));
        assertRefused("a symmetric matrix needs k×k values, got 5", () -> k.symmetricEigen(new double[5], null));
        assertRefused("eigenvectors has 3 values for k×k = 2×2", () -> k.symmetricEigen(new double[4], new double[3]));
    }

    @Test
    void anEmptyMatrixHasNoEigenvaluesAndANonFiniteOneIsRefused() {
        // k = 0 by hand: no values, no call into LAPACK
        assertEquals(0, k.symmetricEigen(new double[0], null).length);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> k.symmetricEigen(new double[] {1, 0, 0, Double.NaN}, null));
        assertEquals("symmetric eigen decomposition of a 2×2 matrix with a non-finite entry (NaN)", e.getMessage());
    }

    @Test
    void everyKernelRefusesWorkAfterClose() {
        k.close();
        List<Executable> calls = List.of(
                () -> k.evaluate(theta, velocity),
                () -> k.evaluateBatch(theta, batch, 2, velocity),
                () -> k.loss(theta),
                () -> k.predictions(theta, new double[N]),
                () -> k.gram(theta, new double[N * N]),
                () -> k.symmetricEigen(new double[] {2, 1, 1, 2}, null),
                () -> k.patternFlipFraction(theta, theta),
                () -> k.products(theta));
        for (Executable call : calls) {
            assertEquals("these nd4j kernels are closed", assertThrows(IllegalStateException.class, call).getMessage());
        }
        k.close();
    }

    @Test
    void workMatricesTooLargeForOneBufferAreRefusedAtOpen() {
        // n·m = 10⁵·10⁵ = 10¹⁰ > 2³¹ − 9
        int n = 100_000;
        NetworkProblem wide = new NetworkProblem(new double[n], new double[n], new double[n], n, 1, 100_000,
                Fixtures.activation("tanh"), 1, 1, true, true);
        assertRefused("Z (n×m) = 100000×100000 is too large for one Java array", () -> new Nd4jBackend().open(wide));
        // n·m = 10⁹ fits, W (m×d) = 4·10⁹ does not
        NetworkProblem deep = new NetworkProblem(new double[4], new double[1], new double[1], 1, 4, 1_000_000_000,
                Fixtures.activation("tanh"), 1, 1, true, true);
        assertRefused("W (m×d) = 1000000000×4 is too large for one Java array", () -> new Nd4jBackend().open(deep));
    }
}
