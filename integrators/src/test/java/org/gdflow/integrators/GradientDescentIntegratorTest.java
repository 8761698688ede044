package org.gdflow.integrators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gdflow.api.Integrator;
import org.gdflow.api.Stepper;
import org.junit.jupiter.api.Test;

/** gd: its link to Euler, heavy-ball momentum, and mini-batch sampling. */
class GradientDescentIntegratorTest {

    private static Integrator gd(double lr, double momentum, int batchSize) {
        return new GradientDescentIntegrator(new GradientDescentParameters(lr, momentum, batchSize));
    }

    private static final double[] THETA0 = {0.3, -1.2, 0.8};

    @Test
    void fullBatchWithoutMomentumIsEulerBitForBit() {
        double lr = 0.037;
        double[] euler = TestFields.run(new EulerIntegrator(new FlowStepParameters(lr)), new TestFields.LinearField(),
                new double[] {1, -0.5}, 50, null);
        double[] descent = TestFields.run(gd(lr, 0, 0), new TestFields.LinearField(), new double[] {1, -0.5}, 50, null);
        assertArrayEquals(euler, descent);
    }

    @Test
    void batchSizeOfAtLeastNIsTheFullBatch() {
        double lr = 0.05;
        double[] euler = TestFields.run(new EulerIntegrator(new FlowStepParameters(lr)), new TestFields.RegressionField(10, 3),
                THETA0, 40, null);
        for (int batchSize : new int[] {0, 10, 25}) {
            TestFields.RegressionField field = new TestFields.RegressionField(10, 3);
            double[] descent = TestFields.run(gd(lr, 0, batchSize), field, THETA0, 40, null);
            assertArrayEquals(euler, descent, "batch_size = " + batchSize);
            assertTrue(field.batches.isEmpty(), "no mini-batch evaluations");
        }
    }

    @Test
    void heavyBallMatchesHandIteratedSteps() {
        // k = 2, lr = 0.1, momentum = 0.5, θ0 = 1:
        // v = −2,    b = −2,                 θ = 1 − 0.2    = 0.8
        // v = −1.6,  b = −1 − 1.6 = −2.6,    θ = 0.8 − 0.26 = 0.54
        // v = −1.08, b = −1.3 − 1.08 = −2.38, θ = 0.54 − 0.238 = 0.302
        double[] expected = {0.8, 0.54, 0.302};
        for (int steps = 1; steps <= 3; steps++) {
            double[] theta = TestFields.run(gd(0.1, 0.5, 0), new TestFields.QuadraticField(2), new double[] {1}, steps, null);
            assertEquals(expected[steps - 1], theta[0], 1e-15, "after " + steps + " steps");
        }
    }

    @Test
    void heavyBallMatchesPolyaksTwoStepRecurrence() {
        // Polyak: θ_{k+1} = θ_k − lr k θ_k + β (θ_k − θ_{k−1}), θ_{−1} = θ_0
        double k = 3;
        double lr = 0.05;
        double beta = 0.9;
        double previous = 2;
        double current = 2;
        Stepper stepper = gd(lr, beta, 0).start(new TestFields.QuadraticField(k), null);
        double[] theta = {2};
        double[] velocity = new double[1];
        for (int step = 0; step < 200; step++) {
            double next = current - lr * k * current + beta * (current - previous);
            previous = current;
            current = next;
            velocity[0] = -k * theta[0];
            assertEquals(lr, stepper.step(theta, velocity, 0.01), 0.0, "a gd step advances the time by lr");
            assertEquals(current, theta[0], 1e-13, "step " + step);
        }
        assertTrue(Math.abs(theta[0]) < 1e-3, "heavy ball converges on a quadratic");
    }

    @Test
    void eachRunStartsWithZeroMomentum() {
        Integrator integrator = gd(0.1, 0.7, 0);
        double[] first = TestFields.run(integrator, new TestFields.LinearField(), new double[] {1, -0.5}, 30, null);
        double[] second = TestFields.run(integrator, new TestFields.LinearField(), new double[] {1, -0.5}, 30, null);
        assertArrayEquals(first, second);
    }

    @Test
    void miniBatchSameSeedSameTrajectoryDifferentSeedDifferent() {
        TestFields.RegressionField a = new TestFields.RegressionField(10, 3);
        TestFields.RegressionField b = new TestFields.RegressionField(10, 3);
        TestFields.RegressionField c = new TestFields.RegressionField(10, 3);
        double[] thetaA = TestFields.run(gd(0.1, 0.5, 3), a, THETA0, 60, new SplittableRandom(7));
        double[] thetaB = TestFields.run(gd(0.1, 0.5, 3), b, THETA0, 60, new SplittableRandom(7));
        double[] thetaC = TestFields.run(gd(0.1, 0.5, 3), c, THETA0, 60, new SplittableRandom(8));
        assertArrayEquals(thetaA, thetaB);
        assertEquals(60, a.batches.size());
        for (int s = 0; s < 60; s++) {
            assertArrayEquals(a.batches.get(s), b.batches.get(s));
        }
        assertFalse(Arrays.equals(thetaA, thetaC), "another seed draws other batches");
    }

    @Test
    void eachStepDrawsDistinctIndicesUniformly() {
        int n = 10;
        int batchSize = 3;
        int steps = 3000;
        TestFields.RegressionField field = new TestFields.RegressionField(n, 3);
        TestFields.run(gd(0.01, 0, batchSize), field, THETA0, steps, new SplittableRandom(11));
        int[] counts = new int[n];
        assertEquals(steps, field.batches.size());
        for (int[] batch : field.batches) {
            assertEquals(batchSize, batch.length);
            assertEquals(batchSize, Arrays.stream(batch).distinct().count(), "distinct: " + Arrays.toString(batch));
            for (int i : batch) {
                assertTrue(i >= 0 && i < n);
                counts[i]++;
            }
        }
        // each index is in a batch with probability 3/10: 900 ± 25 (one standard deviation)
        for (int i = 0; i < n; i++) {
            assertEquals(900, counts[i], 150, "index " + i + " drawn " + counts[i] + " times");
        }
    }

    @Test
    void miniBatchStepUsesTheBatchFieldAndIgnoresTheCallersVelocity() {
        TestFields.RegressionField field = new TestFields.RegressionField(10, 3);
        Stepper stepper = gd(0.1, 0, 4).start(field, new SplittableRandom(3));
        double[] theta = THETA0.clone();
        double[] poisoned = new double[3];
        Arrays.fill(poisoned, Double.NaN);
        stepper.step(theta, poisoned, Double.POSITIVE_INFINITY);
        assertEquals(0, field.fullEvaluations);
        int[] batch = field.batches.get(0);
        double[] v = field.batchVelocity(THETA0, batch);
        double[] expected = {THETA0[0] + 0.1 * v[0], THETA0[1] + 0.1 * v[1], THETA0[2] + 0.1 * v[2]};
        assertArrayEquals(expected, theta);
    }

    @Test
    void miniBatchHeavyBallReplaysFromTheRecordedBatches() {
        TestFields.RegressionField field = new TestFields.RegressionField(10, 3);
        double lr = 0.05;
        double beta = 0.6;
        double[] theta = TestFields.run(gd(lr, beta, 2), field, THETA0, 25, new SplittableRandom(5));
        double[] replay = THETA0.clone();
        double[] buffer = new double[3];
        for (int[] batch : field.batches) {
            double[] v = field.batchVelocity(replay, batch);
            for (int p = 0; p < 3; p++) {
                buffer[p] = beta * buffer[p] + v[p];
                replay[p] += lr * buffer[p];
            }
        }
        assertEquals(25, field.batches.size());
        assertArrayEquals(replay, theta, 1e-15);
    }

    @Test
    void miniBatchNeedsTheRandomStream() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> gd(0.1, 0, 3).start(new TestFields.RegressionField(10, 3), null));
        assertEquals("random: gd with batch_size < n draws its mini-batches from the run's random stream", e.getMessage());
    }

    @Test
    void batchesAreAPartialFisherYatesShuffleReplayedFromTheSameSeed() {
        // the documented draw, written out here: per step, for i < batch_size swap permutation[i] with
        // permutation[i + nextInt(n − i)]; the permutation is kept between steps
        int n = 10;
        int batchSize = 3;
        TestFields.RegressionField field = new TestFields.RegressionField(n, 3);
        TestFields.run(gd(0.05, 0, batchSize), field, THETA0, 20, new SplittableRandom(42));
        SplittableRandom replay = new SplittableRandom(42);
        int[] permutation = new int[n];
        Arrays.setAll(permutation, i -> i);
        assertEquals(20, field.batches.size());
        for (int step = 0; step < 20; step++) {
            for (int i = 0; i < batchSize; i++) {
                int j = i + replay.nextInt(n - i);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
            assertArrayEquals(Arrays.copyOf(permutation, batchSize), field.batches.get(step), "batch of step " + step);
        }
    }

    @Test
    void onlyAMiniBatchStepperDeclinesTheCallersVelocity() {
        // Stepper#usesVelocity: false exactly when the stepper evaluates its own (mini-batch) field
        TestFields.RegressionField field = new TestFields.RegressionField(10, 3);
        assertTrue(gd(0.1, 0, 0).start(field, null).usesVelocity(), "batch_size 0 is the full batch");
        assertTrue(gd(0.1, 0.5, 10).start(field, null).usesVelocity(), "batch_size n is the full batch");
        assertTrue(gd(0.1, 0, 25).start(field, null).usesVelocity(), "batch_size > n is the full batch");
        assertFalse(gd(0.1, 0, 9).start(field, new SplittableRandom(1)).usesVelocity(), "batch_size n − 1");
        assertFalse(gd(0.1, 0.5, 1).start(field, new SplittableRandom(1)).usesVelocity(), "batch_size 1");
    }

    @Test
    void stepSizeIsTheLearningRate() {
        assertEquals(0.125, gd(0.125, 0.9, 5).stepSize(), 0.0);
    }

    @Test
    void aRestoredStepperGoesOnBitForBitAsIfItHadNeverStopped() {
        // momentum and mini-batches: the state is the heavy-ball velocity and the permutation
        Integrator integrator = gd(0.05, 0.7, 4);
        SplittableRandom straightRandom = new SplittableRandom(11);
        double[] straight = TestFields.run(integrator, new TestFields.RegressionField(10, 3), THETA0, 10, straightRandom);

        SplittableRandom random = new SplittableRandom(11);
        TestFields.RegressionField field = new TestFields.RegressionField(10, 3);
        double[] theta = THETA0.clone();
        double[] velocity = new double[3];
        Stepper first = integrator.start(field, random);
        for (int k = 0; k < 5; k++) {
            first.step(theta, velocity, Double.POSITIVE_INFINITY);
        }
        double[] saved = first.saveState();
        assertEquals(3 + 10, saved.length, "momentum (3) and permutation (10)");
        Stepper second = integrator.start(field, random);
        second.restoreState(saved);
        for (int k = 0; k < 5; k++) {
            second.step(theta, velocity, Double.POSITIVE_INFINITY);
        }
        assertArrayEquals(straight, theta);
        assertArrayEquals(saved, first.saveState(), "saving does not change the stepper");
    }

    @Test
    void withoutMomentumAndMiniBatchesThereIsNoState() {
        Stepper stepper = gd(0.1, 0, 0).start(new TestFields.RegressionField(10, 3), null);
        assertEquals(0, stepper.saveState().length);
        stepper.restoreState(new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stepper.restoreState(new double[1]));
        assertEquals("a gd state of 0 values (momentum 0, permutation 0) was expected, got 1", e.getMessage());
    }

    @Test
    void aStateThatIsNotAPermutationIsRefused() {
        Stepper stepper = gd(0.1, 0, 2).start(new TestFields.RegressionField(3, 3), new SplittableRandom(1));
        assertArrayEquals(new double[] {0, 1, 2}, stepper.saveState(), "the permutation starts as the identity");
        for (double[] bad : new double[][] {{0, 1, 1}, {0, 1, 3}, {0, -1, 2}, {0, 1.5, 2}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stepper.restoreState(bad));
            assertTrue(e.getMessage().startsWith("the saved mini-batch order is not a permutation of 0..2: entry "), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stepper.restoreState(new double[] {2, 2, 0}));
        assertEquals("the saved mini-batch order is not a permutation of 0..2: entry 1 is 2.0", e.getMessage());
        stepper.restoreState(new double[] {2, 0, 1});
        assertArrayEquals(new double[] {2, 0, 1}, stepper.saveState());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> stepper.restoreState(new double[5]));
        assertEquals("a gd state of 3 values (momentum 0, permutation 3) was expected, got 5", wrong.getMessage());
    }
}
