package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nd4j kernels against the ejml kernels on the same problem and θ: loss, velocity (full and
 * mini-batch), predictions, Gram matrix and eigenvalues, for every built-in activation, both
 * scalings and every trainable set, plus a test-local activation on the Java fallback path.
 */
class Nd4jParityTest {
    private static final double TOLERANCE = 1e-10;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String activation : new String[] {"tanh", "sigmoid", "softplus", "erf", "relu", "bump"}) {
            for (String scaling : new String[] {"ntk", "mean-field"}) {
                for (boolean[] trained : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
                    out.add(Arguments.of(activation, scaling, trained[0], trained[1]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} trainW={2} trainA={3}")
    @MethodSource("cases")
    void agreesWithEjml(String activation, String scaling, boolean trainW, boolean trainA) {
        // n·m = 31·2500 > 2 blocks of the Java pass, so the parallel path runs too
        NetworkProblem problem = Fixtures.problem(7, 31, 5, 2500, Fixtures.activation(activation), Fixtures.scaling(scaling), trainW, trainA);
        double[] theta = Fixtures.theta(8, problem);
        try (NetworkKernels nd4j = new Nd4jBackend().open(problem); NetworkKernels ejml = Fixtures.ejml().open(problem)) {
            double[] v1 = new double[problem.dimension()];
            double[] v2 = new double[problem.dimension()];
            double l1 = nd4j.evaluate(theta, v1);
            double l2 = ejml.evaluate(theta, v2);
            assertTrue(Fixtures.relativeDifference(l1, l2) <= TOLERANCE, "loss " + l1 + " vs " + l2);
            assertTrue(Fixtures.relativeDifference(v1, v2) <= TOLERANCE, "velocity differs by " + Fixtures.relativeDifference(v1, v2));
            assertZeroWhereUntrained(problem, v1);

            assertEquals(l2, nd4j.loss(theta), TOLERANCE * l2, "loss()");

            int[] batch = {4, 0, 30, 4, 17, 9, 22};
            double b1 = nd4j.evaluateBatch(theta, batch, 6, v1);
            double b2 = ejml.evaluateBatch(theta, batch, 6, v2);
            assertTrue(Fixtures.relativeDifference(b1, b2) <= TOLERANCE, "batch loss " + b1 + " vs " + b2);
            assertTrue(Fixtures.relativeDifference(v1, v2) <= TOLERANCE, "batch velocity differs by " + Fixtures.relativeDifference(v1, v2));

            // the full field again after a batch: the buffers' leading dimension goes back to n
            double l3 = nd4j.evaluate(theta, v1);
            ejml.evaluate(theta, v2);
            assertEquals(l1, l3, 0.0, "full loss after a batch");
            assertTrue(Fixtures.relativeDifference(v1, v2) <= TOLERANCE);

            double[] u1 = new double[problem.n()];
            double[] u2 = new double[problem.n()];
            nd4j.predictions(theta, u1);
            ejml.predictions(theta, u2);
            assertTrue(Fixtures.relativeDifference(u1, u2) <= TOLERANCE, "predictions");

            int n = problem.n();
            double[] h1 = new double[n * n];
            double[] h2 = new double[n * n];
            nd4j.gram(theta, h1);
            ejml.gram(theta, h2);
            assertTrue(Fixtures.relativeDifference(h1, h2) <= TOLERANCE, "gram differs by " + Fixtures.relativeDifference(h1, h2));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    assertEquals(h1[i * n + j], h1[j * n + i], 0.0, "gram symmetric");
                }
            }
            double[] e1 = nd4j.symmetricEigen(h1.clone(), null);
            double[] e2 = ejml.symmetricEigen(h2.clone(), null);
            assertTrue(Fixtures.relativeDifference(e1, e2) <= TOLERANCE, "eigenvalues differ by " + Fixtures.relativeDifference(e1, e2));
        }
    }

    private static void assertZeroWhereUntrained(NetworkProblem problem, double[] velocity) {
        for (int i = 0; i < problem.dimension(); i++) {
            boolean trained = i < problem.offsetA() ? problem.trainW() : problem.trainA();
            if (!trained) {
                assertEquals(0.0, velocity[i], 0.0, "velocity of an untrained entry " + i);
            }
        }
    }

    @Test
    void autoModeEqualsPluginModeBitForBit() {
        for (String activation : new String[] {"tanh", "sigmoid", "softplus"}) {
            NetworkProblem problem = Fixtures.problem(3, 40, 6, 1800, Fixtures.activation(activation), Fixtures.scaling("ntk"), true, true);
            double[] theta = Fixtures.theta(4, problem);
            try (Nd4jKernels auto = (Nd4jKernels) new Nd4jBackend().open(problem);
                    Nd4jKernels plugin = (Nd4jKernels) new Nd4jBackend(new Nd4jParameters("plugin")).open(problem)) {
                // both modes run the plugin's own evaluate (the native sigmoid path is gone)
                double[] v1 = new double[problem.dimension()];
                double[] v2 = new double[problem.dimension()];
                double l1 = auto.evaluate(theta, v1);
                double l2 = plugin.evaluate(theta, v2);
                assertEquals(l1, l2, 0.0, activation + " loss");
                assertArrayEquals(v1, v2, 0.0, activation + " velocity");
            }
        }
    }

    @Test
    void eigenvectorsAreOrthonormalColumnsWithAscendingValues() {
        int k = 60;
        Random random = new Random(5);
        double[] b = new double[k * k];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i * k + j] = b[i * k + j] + b[j * k + i];
            }
        }
        NetworkProblem problem = Fixtures.problem(1, 3, 2, 4, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
        try (NetworkKernels kernels = new Nd4jBackend().open(problem); NetworkKernels ejml = Fixtures.ejml().open(problem)) {
            double[] input = a.clone();
            double[] v = new double[k * k];
            double[] values = kernels.symmetricEigen(input, v);
            assertArrayEquals(a, input, 0.0, "input not modified");
            assertArrayEquals(ejml.symmetricEigen(a.clone(), null), values, 1e-12 * Math.abs(values[0]));
            for (int j = 1; j < k; j++) {
                assertTrue(values[j - 1] <= values[j], "ascending");
            }
            for (int j = 0; j < k; j++) {
                // A v_j = λ_j v_j, with v_j = column j of V (row-major)
                for (int i = 0; i < k; i++) {
                    double av = 0;
                    for (int l = 0; l < k; l++) {
                        av += a[i * k + l] * v[l * k + j];
                    }
                    assertEquals(values[j] * v[i * k + j], av, 1e-11, "A v = λ v");
                }
                for (int q = 0; q <= j; q++) {
                    double dot = 0;
                    for (int i = 0; i < k; i++) {
                        dot += v[i * k + j] * v[i * k + q];
                    }
                    assertEquals(q == j ? 1.0 : 0.0, dot, 1e-12, "VᵀV = I");
                }
            }
        }
    }
}
