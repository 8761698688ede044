package org.gdflow.backend.ejml;

import static org.gdflow.backend.ejml.Fixtures.activation;
import static org.gdflow.backend.ejml.Fixtures.all;
import static org.gdflow.backend.ejml.Fixtures.finiteDifferenceVelocity;
import static org.gdflow.backend.ejml.Fixtures.naiveLoss;
import static org.gdflow.backend.ejml.Fixtures.naivePrediction;
import static org.gdflow.backend.ejml.Fixtures.problem;
import static org.gdflow.backend.ejml.Fixtures.relativeError;
import static org.gdflow.backend.ejml.Fixtures.scaling;
import static org.gdflow.backend.ejml.Fixtures.theta;
import static org.gdflow.backend.ejml.Fixtures.trained;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The loss, predictions and vector field of {@link EjmlKernels} against independent references. */
class EjmlKernelsTest {
    private static final int N = 7;
    private static final int D = 3;
    private static final int M = 5;
    private static final String[] ACTIVATIONS = {"tanh", "sigmoid", "softplus", "sine"};
    private static final String[] SCALINGS = {"ntk", "mean-field", "power"};
    private static final boolean[][] TRAINED = {{true, false}, {false, true}, {true, true}};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String act : ACTIVATIONS) {
            for (String sc : SCALINGS) {
                for (boolean[] t : TRAINED) {
                    cases.add(Arguments.of(act, sc, t[0], t[1]));
                }
            }
        }
        return cases.stream();
    }

    private static NetworkProblem problemFor(String act, String sc, boolean trainW, boolean trainA, boolean userWeights) {
        return problem(11, N, D, M, activation(act), scaling(sc), trainW, trainA, userWeights);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus", "sine"})
    void lossAndPredictionsMatchNaiveLoops(String act) {
        for (boolean userWeights : new boolean[] {false, true}) {
            NetworkProblem p = problemFor(act, "power", true, true, userWeights);
            double[] theta = theta(3, p);
            double[] before = theta.clone();
            NetworkKernels k = new EjmlBackend().open(p);
            double[] u = new double[N];
            k.predictions(theta, u);
            for (int i = 0; i < N; i++) {
                double expected = naivePrediction(p, theta, i);
                assertEquals(expected, u[i], 1e-14 * Math.max(1, Math.abs(expected)), "u_" + i);
            }
            double expectedLoss = naiveLoss(p, theta, all(N), N, 1.0);
            assertEquals(expectedLoss, k.loss(theta), 1e-13 * expectedLoss);
            assertArrayEquals(before, theta, "θ must not be modified");
        }
    }

    @ParameterizedTest(name = "{0} {1} trainW={2} trainA={3}")
    @MethodSource("cases")
    void velocityIsMinusTauTimesFiniteDifferenceGradient(String act, String sc, boolean trainW, boolean trainA) {
        NetworkProblem p = problemFor(act, sc, trainW, trainA, false);
        double[] theta = theta(5, p);
        NetworkKernels k = new EjmlBackend().open(p);
        double[] velocity = new double[p.dimension()];
        java.util.Arrays.fill(velocity, Double.NaN);
        double loss = k.evaluate(theta, velocity);

        assertEquals(k.loss(theta), loss, 0.0, "evaluate returns the same loss as loss()");
        assertEquals(naiveLoss(p, theta, all(N), N, 1.0), loss, 1e-13 * loss);
        double[] expected = finiteDifferenceVelocity(p, theta, k::loss);
        double[] trainedPart = velocity.clone();
        for (int j = 0; j < velocity.length; j++) {
            if (!trained(p, j)) {
                assertEquals(0L, Double.doubleToRawLongBits(velocity[j]), "untrained coordinate " + j + " must be exactly +0");
                trainedPart[j] = 0;
            }
        }
        double error = relativeError(trainedPart, expected);
        assertTrue(error <= 1e-6, "relative error " + error + " of the velocity against finite differences");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void batchOfAllIndicesInAnyOrderEqualsEvaluate(boolean userWeights) {
        NetworkProblem p = problemFor("tanh", "ntk", true, true, userWeights);
        double[] theta = theta(7, p);
        NetworkKernels k = new EjmlBackend().open(p);
        double[] full = new double[p.dimension()];
        double loss = k.evaluate(theta, full);
        double[] batched = new double[p.dimension()];
        double batchLoss = k.evaluateBatch(theta, new int[] {3, 6, 0, 5, 1, 4, 2}, N, batched);
        assertEquals(loss, batchLoss, 1e-13 * loss);
        assertTrue(relativeError(batched, full) <= 1e-13, "velocity differs by " + relativeError(batched, full));

        double[] again = new double[p.dimension()];
        assertEquals(loss, k.evaluate(theta, again), 0.0, "a batch call leaves the full-data buffers intact");
        assertArrayEquals(full, again, 0.0);
    }

    @ParameterizedTest(name = "{0} {1} trainW={2} trainA={3}")
    @MethodSource("cases")
    void batchSubsetIsTheReweightedLossAndItsGradient(String act, String sc, boolean trainW, boolean trainA) {
        NetworkProblem p = problemFor(act, sc, trainW, trainA, true);
        double[] theta = theta(9, p);
        NetworkKernels k = new EjmlBackend().open(p);
        // entries past size are ignored; duplicates (sampling with replacement) count twice
        for (int[] batch : new int[][] {{5, 1, 3, -1, 99}, {2, 2, 6}}) {
            int size = 3;
            double reweight = (double) N / size;
            double[] velocity = new double[p.dimension()];
            double loss = k.evaluateBatch(theta, batch, size, velocity);
            double expectedLoss = naiveLoss(p, theta, batch, size, reweight);
            assertEquals(expectedLoss, loss, 1e-13 * expectedLoss);
            double[] expected = finiteDifferenceVelocity(p, theta, t -> naiveLoss(p, t, batch, size, reweight));
            for (int j = 0; j < velocity.length; j++) {
                if (!trained(p, j)) {
                    assertEquals(0.0, velocity[j], 0.0);
                }
            }
            double error = relativeError(velocity, expected);
            assertTrue(error <= 1e-6, "relative error " + error + " of the batch velocity");
        }
    }

    @Test
    void evaluationsAllocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        NetworkProblem p = problemFor("tanh", "ntk", true, true, false);
        double[] theta = theta(1, p);
        NetworkKernels k = new EjmlBackend().open(p);
        double[] velocity = new double[p.dimension()];
        double[] u = new double[N];
        int[] batch = {4, 0, 2};
        double sink = 0;
        for (int round = 0; round < 2; round++) {
            long before = sun.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 2000; i++) {
                sink += k.evaluate(theta, velocity);
                sink += k.evaluateBatch(theta, batch, 3, velocity);
                sink += k.loss(theta);
                k.predictions(theta, u);
            }
            long allocated = sun.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 8192, allocated + " bytes allocated by 8000 evaluations");
            }
        }
        assertTrue(Double.isFinite(sink));
    }

    @Test
    void rejectsInconsistentShapes() {
        NetworkProblem p = problemFor("tanh", "ntk", true, true, false);
        NetworkKernels k = new EjmlBackend().open(p);
        double[] theta = theta(1, p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.evaluate(new double[p.dimension() - 1], new double[p.dimension()]));
        assertTrue(e.getMessage().contains("theta"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> k.evaluate(theta, new double[p.dimension() + 1]));
        assertThrows(IllegalArgumentException.class, () -> k.predictions(theta, new double[N + 1]));
        assertThrows(IllegalArgumentException.class, () -> k.gram(theta, new double[N * N - 1]));
        assertThrows(IllegalArgumentException.class, () -> k.evaluateBatch(theta, new int[] {0}, 0, new double[p.dimension()]));
        assertThrows(IllegalArgumentException.class, () -> k.evaluateBatch(theta, new int[] {0}, 2, new double[p.dimension()]));
        assertThrows(IndexOutOfBoundsException.class, () -> k.evaluateBatch(theta, new int[] {N}, 1, new double[p.dimension()]));

        int n = 100_000;
        NetworkProblem huge = new NetworkProblem(new double[n], new double[n], new double[n], n, 1, 100_000,
                activation("tanh"), 1, 1, true, true);
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () -> new EjmlBackend().open(huge));
        assertTrue(tooLarge.getMessage().contains("100000×100000"), tooLarge.getMessage());
    }

    /** products() runs (for gdflow bench) and leaves nothing that changes the next evaluation. */
    @org.junit.jupiter.api.Test
    void productsRunAndTheNextEvaluationIsUnchanged() {
        for (long threshold : new long[] {0, Long.MAX_VALUE}) {
            NetworkProblem p = problem(7, 9, 3, 6, activation("tanh"), scaling("ntk"), true, true, false);
            double[] theta = theta(8, p);
            NetworkKernels k = new EjmlBackend(threshold).open(p);
            double[] before = new double[p.dimension()];
            double loss = k.evaluate(theta, before);
            assertTrue(k.products(theta));
            double[] after = new double[p.dimension()];
            assertEquals(loss, k.evaluate(theta, after), 0.0);
            assertArrayEquals(before, after, 0.0);
        }
    }
}
