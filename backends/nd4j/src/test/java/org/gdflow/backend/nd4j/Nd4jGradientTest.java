package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The velocity against central finite differences of the loss: F(θ) = −τ ∇L(θ). */
class Nd4jGradientTest {

    @ParameterizedTest(name = "{0} {1} trainW={2} trainA={3}")
    @CsvSource({
        "tanh, ntk, true, true", "tanh, mean-field, true, false", "sigmoid, ntk, true, true", "sigmoid, mean-field, false, true",
        "softplus, ntk, true, true", "erf, mean-field, true, true", "bump, ntk, true, true", "bump, mean-field, true, false"})
    void velocityIsMinusTauTimesTheGradient(String activation, String scaling, boolean trainW, boolean trainA) {
        NetworkProblem problem = Fixtures.problem(11, 9, 4, 6, Fixtures.activation(activation), Fixtures.scaling(scaling), trainW, trainA);
        double[] theta = Fixtures.theta(12, problem);
        try (NetworkKernels kernels = new Nd4jBackend().open(problem)) {
            double[] velocity = new double[problem.dimension()];
            double loss = kernels.evaluate(theta, velocity);
            assertEquals(kernels.loss(theta), loss, 1e-15 * loss);
            double h = 1e-5;
            for (int i = 0; i < theta.length; i++) {
                boolean trained = i < problem.offsetA() ? trainW : trainA;
                double saved = theta[i];
                theta[i] = saved + h;
                double plus = kernels.loss(theta);
                theta[i] = saved - h;
                double minus = kernels.loss(theta);
                theta[i] = saved;
                // ∂L/∂θ_i ≈ (L(θ + h e_i) − L(θ − h e_i)) / 2h
                double expected = trained ? -problem.timeScale() * (plus - minus) / (2 * h) : 0.0;
                assertEquals(expected, velocity[i], 1e-8 * Math.max(1, problem.timeScale()), "component " + i);
            }
        }
    }

    @Test
    void batchOfAllRowsIsTheFullField() {
        NetworkProblem problem = Fixtures.problem(2, 10, 3, 7, Fixtures.activation("tanh"), Fixtures.scaling("ntk"), true, true);
        double[] theta = Fixtures.theta(3, problem);
        try (NetworkKernels kernels = new Nd4jBackend().open(problem)) {
            double[] full = new double[problem.dimension()];
            double[] batch = new double[problem.dimension()];
            double l1 = kernels.evaluate(theta, full);
            double l2 = kernels.evaluateBatch(theta, new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, 10, batch);
            assertEquals(l1, l2, 1e-15 * l1);
            for (int i = 0; i < full.length; i++) {
                assertEquals(full[i], batch[i], 1e-14 * Math.abs(full[i]) + 1e-300);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> kernels.evaluateBatch(theta, new int[] {10}, 1, batch));
            assertThrows(IllegalArgumentException.class, () -> kernels.evaluateBatch(theta, new int[] {1}, 2, batch));
            assertThrows(IllegalArgumentException.class, () -> kernels.evaluate(new double[3], batch));
        }
    }

    @Test
    void closedKernelsRefuseWork() {
        NetworkProblem problem = Fixtures.problem(2, 4, 3, 5, Fixtures.activation("sigmoid"), Fixtures.scaling("ntk"), true, true);
        NetworkKernels kernels = new Nd4jBackend().open(problem);
        kernels.close();
        kernels.close();
        assertThrows(IllegalStateException.class, () -> kernels.loss(new double[problem.dimension()]));
    }
}
