package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unblocked pass reading each row of Z in place from native memory against the same pass copying the
 * row into a Java array (bit for bit) and against a direct loop ({@link Nd4jBlockedFieldTest#directField}),
 * on n = 37 rows of m = 29 (neither a multiple of the vector length, so every row ends in a scalar tail
 * and starts off a vector boundary of the buffer). A wrong row offset or stride would read another
 * row's pre-activations and break both comparisons. The blocked field (Z in steps) does not take this
 * path and is covered by {@link Nd4jBlockedFieldTest}.
 */
class Nd4jInPlacePassTest {
    private static final int N = 37;
    private static final int M = 29;

    /** Unblocked kernels reading Z in place from rows·m ≥ minInPlace on. */
    private static Nd4jKernels kernels(NetworkProblem p, int threads, long minInPlace) {
        NativeBlas.ensureReady();
        return new Nd4jKernels(p, threads, Nd4jKernels.STEP_BYTES, Long.MAX_VALUE, minInPlace);
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}, trainW={1}, {2} threads")
    @CsvSource({"tanh, true, 2", "tanh, false, 1", "sigmoid, true, 2", "erf, true, 1"})
    void inPlaceRowsEqualCopiedRowsBitForBitAndTheDirectLoop(String activation, boolean trainW, int threads) {
        NetworkProblem p = Fixtures.problem(21, N, 5, M, Fixtures.activation(activation), Fixtures.scaling("ntk"), trainW, true);
        double[] theta = Fixtures.theta(22, p);
        double[] expected = new double[p.dimension()];
        double expectedLoss = Nd4jBlockedFieldTest.directField(p, theta, allRows(N), N, expected);
        // in place from exactly n·m rows·m on: the whole field in place, a batch of 23 rows copied
        try (Nd4jKernels inPlace = kernels(p, threads, (long) N * M); Nd4jKernels copied = kernels(p, threads, Long.MAX_VALUE)) {
            double[] velocity = new double[p.dimension()];
            double[] velocityCopied = new double[p.dimension()];
            double loss = inPlace.evaluate(theta, velocity);
            assertTrue(inPlace.lastPassInPlace(), "n·m = minInPlace reads in place");
            assertEquals(copied.evaluate(theta, velocityCopied), loss, 0.0, "L");
            assertFalse(copied.lastPassInPlace());
            assertArrayEquals(velocityCopied, velocity, 0.0, "velocity");
            assertEquals(expectedLoss, loss, 1e-12 * expectedLoss, "L against the direct loop");
            assertTrue(Fixtures.relativeDifference(velocity, expected) <= 1e-12,
                    "velocity differs from the direct loop by " + Fixtures.relativeDifference(velocity, expected));

            // the loss and the predictions (forward passes) in place
            assertEquals(copied.loss(theta), inPlace.loss(theta), 0.0, "loss()");
            double[] u = new double[N];
            double[] uCopied = new double[N];
            inPlace.predictions(theta, u);
            copied.predictions(theta, uCopied);
            assertArrayEquals(uCopied, u, 0.0, "predictions");

            // a mini-batch: 23·m < minInPlace, so copied, and right
            int[] batch = {36, 0, 5, 5, 17, 30, 2, 9, 11, 35, 8, 21, 22, 1, 3, 4, 28, 29, 33, 6, 7, 10, 12};
            double[] expectedBatch = new double[p.dimension()];
            double expectedBatchLoss = Nd4jBlockedFieldTest.directField(p, theta, batch, 23, expectedBatch);
            assertEquals(expectedBatchLoss, inPlace.evaluateBatch(theta, batch, 23, velocity), 1e-12 * expectedBatchLoss, "batch L");
            assertFalse(inPlace.lastPassInPlace(), "23·m < minInPlace copies");
            assertTrue(Fixtures.relativeDifference(velocity, expectedBatch) <= 1e-12,
                    "batch velocity differs by " + Fixtures.relativeDifference(velocity, expectedBatch));

            // in place again after the batch, over the same Z buffer: the same bits as the first time
            double[] again = new double[p.dimension()];
            assertEquals(loss, inPlace.evaluate(theta, again), 0.0, "L again");
            assertArrayEquals(velocityCopied, again, 0.0, "velocity again");
        }
    }

    /** tanh that counts the rows it was given in place (through the buffer method) and copied (through the array method). */
    private static final class CountingTanh implements Activation {
        private final Activation tanh = Fixtures.activation("tanh");
        int inPlace;
        int copied;

        @Override
        public double value(double z) {
            return tanh.value(z);
        }

        @Override
        public double derivative(double z) {
            return tanh.derivative(z);
        }

        @Override
        public double secondDerivative(double z) {
            return tanh.secondDerivative(z);
        }

        @Override
        public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
            copied++;
            tanh.evaluate(z, value, derivative, from, to);
        }

        @Override
        public void evaluate(ByteBuffer z, int offset, double[] value, double[] derivative, int from, int to) {
            inPlace++;
            tanh.evaluate(z, offset, value, derivative, from, to);
        }
    }

    @org.junit.jupiter.api.Test
    void eachRowGoesThroughTheBufferMethodInPlaceAndTheArrayMethodOtherwise() {
        CountingTanh counting = new CountingTanh();
        NetworkProblem p = Fixtures.problem(25, N, 4, M, counting, Fixtures.scaling("ntk"), true, true);
        double[] theta = Fixtures.theta(26, p);
        double[] velocity = new double[p.dimension()];
        try (Nd4jKernels inPlace = kernels(p, 1, 1); Nd4jKernels copied = kernels(p, 1, Long.MAX_VALUE)) {
            inPlace.evaluate(theta, velocity);
            assertEquals(N, counting.inPlace, "rows read in place");
            assertEquals(0, counting.copied, "rows copied");
            copied.evaluate(theta, velocity);
            assertEquals(N, counting.inPlace, "rows read in place");
            assertEquals(N, counting.copied, "rows copied");
        }
    }

    @ParameterizedTest(name = "minInPlace = n·m + {0}")
    @CsvSource({"1", "1000000"})
    void belowTheThresholdRowsAreCopied(long above) {
        NetworkProblem p = Fixtures.problem(23, N, 3, M, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
        double[] theta = Fixtures.theta(24, p);
        try (Nd4jKernels k = kernels(p, 2, (long) N * M + above)) {
            double[] velocity = new double[p.dimension()];
            double[] expected = new double[p.dimension()];
            double expectedLoss = Nd4jBlockedFieldTest.directField(p, theta, allRows(N), N, expected);
            assertEquals(expectedLoss, k.evaluate(theta, velocity), 1e-12 * expectedLoss);
            assertFalse(k.lastPassInPlace());
            assertTrue(Fixtures.relativeDifference(velocity, expected) <= 1e-12);
        }
    }
}
