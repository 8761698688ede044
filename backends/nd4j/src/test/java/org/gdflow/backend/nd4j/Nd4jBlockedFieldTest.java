package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gdflow.api.Activation;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocked field (Z in steps of a few rows per lane, never whole) against a direct triple loop, against
 * the unblocked field, against ejml, and across thread counts.
 */
class Nd4jBlockedFieldTest {
    /** Kernels that take the blocked field at every size, with {@code laneRows} rows per lane and step. */
    private static Nd4jKernels blocked(NetworkProblem p, int threads, int laneRows) {
        NativeBlas.ensureReady();
        return new Nd4jKernels(p, threads, 8L * p.width() * Nd4jKernels.LANES * laneRows, 1);
    }

    /** Kernels that never take the blocked field: one Z of all rows, as before the blocks. */
    private static Nd4jKernels unblocked(NetworkProblem p) {
        NativeBlas.ensureReady();
        return new Nd4jKernels(p, 2, Nd4jKernels.STEP_BYTES, Long.MAX_VALUE);
    }

    /**
     * L and the velocity by a direct loop over the rows {@code rows[0, size)} with weights μ_i n / size:
     * z_ir = Σ_k W_rk x_ik, u_i = s Σ_r a_r σ(z_ir), r_i = μ_i (u_i − y_i), L = ½ Σ_i μ_i (u_i − y_i)²,
     * v_W,rk = −τ s Σ_i r_i a_r σ'(z_ir) x_ik, v_a,r = −τ s Σ_i r_i σ(z_ir); zero where untrained.
     */
    private static double directField(NetworkProblem p, double[] theta, int[] rows, int size, double[] velocity) {
        int d = p.d();
        int m = p.width();
        double[] x = p.x();
        double reweight = (double) p.n() / size;
        double[] gradW = new double[m * d];
        double[] gradA = new double[m];
        double loss = 0;
        for (int j = 0; j < size; j++) {
            int i = rows[j];
            double[] z = new double[m];
            double u = 0;
            for (int r = 0; r < m; r++) {
                for (int k = 0; k < d; k++) {
                    z[r] += theta[r * d + k] * x[i * d + k];
                }
                u += theta[p.offsetA() + r] * p.activation().value(z[r]);
            }
            u *= p.outputScale();
            double mu = p.mu()[i] * reweight;
            double e = u - p.y()[i];
            double ri = mu * e;
            loss += 0.5 * ri * e;
            for (int r = 0; r < m; r++) {
                gradA[r] += ri * p.activation().value(z[r]);
                double c = ri * theta[p.offsetA() + r] * p.activation().derivative(z[r]);
                for (int k = 0; k < d; k++) {
                    gradW[r * d + k] += c * x[i * d + k];
                }
            }
        }
        double c = -p.timeScale() * p.outputScale();
        for (int e = 0; e < m * d; e++) {
            velocity[e] = p.trainW() ? c * gradW[e] : 0.0;
        }
        for (int r = 0; r < m; r++) {
            velocity[p.offsetA() + r] = p.trainA() ? c * gradA[r] : 0.0;
        }
        return loss;
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    @ParameterizedTest(name = "trainW={0}")
    @ValueSource(booleans = {true, false})
    void severalStepsWithARaggedLastOneMatchTheDirectLoop(boolean trainW) {
        // n = 37 rows: lanes of 18 and 19 rows (16 pass blocks in two groups), 4 rows per lane and step,
        // so 5 steps whose last one holds 2 and 3 rows
        NetworkProblem p = Fixtures.problem(11, 37, 5, 40, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), trainW, true);
        double[] theta = Fixtures.theta(12, p);
        double[] expected = new double[p.dimension()];
        double expectedLoss = directField(p, theta, allRows(p.n()), p.n(), expected);
        try (NetworkKernels k = blocked(p, 2, 4)) {
            double[] velocity = new double[p.dimension()];
            double loss = k.evaluate(theta, velocity);
            assertEquals(expectedLoss, loss, 1e-12 * expectedLoss, "L");
            assertTrue(Fixtures.relativeDifference(velocity, expected) <= 1e-12,
                    "velocity differs by " + Fixtures.relativeDifference(velocity, expected));
            assertEquals(expectedLoss, k.loss(theta), 1e-12 * expectedLoss, "loss()");

            // a mini-batch of 23 rows, one repeated, not a multiple of the 4 rows per lane
            int[] batch = {36, 0, 5, 5, 17, 30, 2, 9, 11, 35, 8, 21, 22, 1, 3, 4, 28, 29, 33, 6, 7, 10, 12};
            double[] expectedBatch = new double[p.dimension()];
            double expectedBatchLoss = directField(p, theta, batch, 23, expectedBatch);
            double batchLoss = k.evaluateBatch(theta, batch, 23, velocity);
            assertEquals(expectedBatchLoss, batchLoss, 1e-12 * expectedBatchLoss, "batch L");
            assertTrue(Fixtures.relativeDifference(velocity, expectedBatch) <= 1e-12,
                    "batch velocity differs by " + Fixtures.relativeDifference(velocity, expectedBatch));

            // the whole field again after the batch: its rows of X are put back in step order
            java.util.Arrays.fill(velocity, Double.NaN);
            assertEquals(expectedLoss, k.evaluate(theta, velocity), 1e-12 * expectedLoss, "L after a batch");
            assertTrue(Fixtures.relativeDifference(velocity, expected) <= 1e-12,
                    "velocity after a batch differs by " + Fixtures.relativeDifference(velocity, expected));

            // products() in the same steps, then the field: the same bits as before it
            double[] after = new double[p.dimension()];
            double lossBefore = k.evaluate(theta, velocity);
            assertTrue(k.products(theta), "the blocked products are timed");
            assertEquals(lossBefore, k.evaluate(theta, after), 0.0, "L after products()");
            assertArrayEquals(velocity, after, 0.0, "the field after products()");
        }
    }

    @Test
    void fewerRowsThanOneStepMatchTheDirectLoopAndTheUnblockedField() {
        // n = 5 rows at the default step size: one step of 3 and 2 rows
        NetworkProblem p = Fixtures.problem(13, 5, 4, 30, Fixtures.activation("sigmoid"), Fixtures.scaling("mean-field"), true, true);
        double[] theta = Fixtures.theta(14, p);
        double[] expected = new double[p.dimension()];
        double expectedLoss = directField(p, theta, allRows(p.n()), p.n(), expected);
        NativeBlas.ensureReady();
        try (Nd4jKernels k = new Nd4jKernels(p, 2, Nd4jKernels.STEP_BYTES, 1); Nd4jKernels whole = unblocked(p)) {
            double[] velocity = new double[p.dimension()];
            assertEquals(expectedLoss, k.evaluate(theta, velocity), 1e-12 * expectedLoss, "L");
            assertTrue(Fixtures.relativeDifference(velocity, expected) <= 1e-12,
                    "velocity differs by " + Fixtures.relativeDifference(velocity, expected));
            double[] u = new double[p.n()];
            double[] uWhole = new double[p.n()];
            k.predictions(theta, u);
            whole.predictions(theta, uWhole);
            // the same dgemm per row and the same pass: the predictions agree exactly
            assertArrayEquals(uWhole, u, 0.0, "predictions, blocked and unblocked");
            // one row: one lane holds it, the other none
            double[] one = new double[p.dimension()];
            double expectedOne = directField(p, theta, new int[] {3}, 1, one);
            assertEquals(expectedOne, k.evaluateBatch(theta, new int[] {3}, 1, velocity), 1e-12 * expectedOne, "one row's L");
            assertTrue(Fixtures.relativeDifference(velocity, one) <= 1e-12, "one row's velocity");
        }
    }

    @Test
    void stepsOfFewerThanDRowsAreNotTaken() {
        // d = 9 and 2 lanes of 4 rows: 8 rows per step < d, so the whole products, bit for bit as unblocked;
        // 2 lanes of 5 rows (10 ≥ d) take the steps and sum Gᵀ in another order
        NetworkProblem p = Fixtures.problem(19, 37, 9, 40, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
        double[] theta = Fixtures.theta(20, p);
        try (NetworkKernels few = blocked(p, 2, 4); NetworkKernels enough = blocked(p, 2, 5); NetworkKernels whole = unblocked(p)) {
            double[] vFew = new double[p.dimension()];
            double[] vEnough = new double[p.dimension()];
            double[] vWhole = new double[p.dimension()];
            few.evaluate(theta, vFew);
            enough.evaluate(theta, vEnough);
            whole.evaluate(theta, vWhole);
            assertArrayEquals(vWhole, vFew, 0.0, "fewer than d rows per step: the unblocked field");
            assertTrue(!java.util.Arrays.equals(vWhole, vEnough), "d rows per step or more: the steps (another summation order)");
            assertTrue(Fixtures.relativeDifference(vEnough, vWhole) <= 1e-12, "which agrees to round-off");
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        // n·m = 130·4100 ≥ 2·2¹⁸: the lanes run on two threads when there are two
        NetworkProblem p = Fixtures.problem(15, 130, 3, 4100, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
        double[] theta = Fixtures.theta(16, p);
        try (NetworkKernels one = blocked(p, 1, 16); NetworkKernels two = blocked(p, 2, 16)) {
            double[] v1 = new double[p.dimension()];
            double[] v2 = new double[p.dimension()];
            assertEquals(Double.doubleToLongBits(one.evaluate(theta, v1)), Double.doubleToLongBits(two.evaluate(theta, v2)), "L bit for bit");
            assertArrayEquals(v1, v2, 0.0, "velocity bit for bit");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus", "erf", "relu", "bump"})
    void agreesWithEjmlAndTheUnblockedField(String name) {
        Activation activation = Fixtures.activation(name);
        for (boolean[] trained : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
            NetworkProblem p = Fixtures.problem(17, 31, 5, 300, activation, Fixtures.scaling("ntk"), trained[0], trained[1]);
            double[] theta = Fixtures.theta(18, p);
            try (NetworkKernels k = blocked(p, 2, 3); NetworkKernels whole = unblocked(p); NetworkKernels ejml = Fixtures.ejml().open(p)) {
                double[] v = new double[p.dimension()];
                double[] vWhole = new double[p.dimension()];
                double[] vEjml = new double[p.dimension()];
                double loss = k.evaluate(theta, v);
                assertTrue(Fixtures.relativeDifference(loss, ejml.evaluate(theta, vEjml)) <= 1e-10, name + " loss");
                assertTrue(Fixtures.relativeDifference(v, vEjml) <= 1e-10, name + " velocity against ejml");
                // the pass sums as in one pass over all of Z: L and the velocity of a agree exactly
                assertEquals(Double.doubleToLongBits(whole.evaluate(theta, vWhole)), Double.doubleToLongBits(loss), name + " L bit for bit");
                for (int r = p.offsetA(); r < p.dimension(); r++) {
                    assertEquals(vWhole[r], v[r], 0.0, name + " velocity of a_" + (r - p.offsetA()));
                }
                assertTrue(Fixtures.relativeDifference(v, vWhole) <= 1e-12, name + " velocity against the unblocked field");
                int[] batch = {4, 0, 30, 4, 17, 9, 22};
                double b = k.evaluateBatch(theta, batch, 7, v);
                assertTrue(Fixtures.relativeDifference(b, ejml.evaluateBatch(theta, batch, 7, vEjml)) <= 1e-10, name + " batch loss");
                assertTrue(Fixtures.relativeDifference(v, vEjml) <= 1e-10, name + " batch velocity against ejml");
            }
        }
    }
}
