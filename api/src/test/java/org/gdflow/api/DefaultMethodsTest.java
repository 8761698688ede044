package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default methods plugin and backend authors inherit. */
class DefaultMethodsTest {

    private static final Activation CUBE = new Cube();

    @Test
    void defaultEvaluateFillsValueAndDerivativeOnFromToOnly() {
        double[] z = {-2, -1, 0.5, 2, 3};
        double[] value = {9, 9, 9, 9, 9};
        double[] derivative = {9, 9, 9, 9, 9};
        CUBE.evaluate(z, value, derivative, 1, 4);
        // (−1)³ = −1, 0.5³ = 0.125, 2³ = 8; 3·1 = 3, 3·0.25 = 0.75, 3·4 = 12
        assertArrayEquals(new double[] {9, -1, 0.125, 8, 9}, value, 0.0);
        assertArrayEquals(new double[] {9, 3, 0.75, 12, 9}, derivative, 0.0);
        assertArrayEquals(new double[] {-2, -1, 0.5, 2, 3}, z, 0.0, "z is not modified");
    }

    @Test
    void defaultEvaluateMayWriteTheDerivativeOverZ() {
        double[] z = {-1, 2};
        double[] value = new double[2];
        CUBE.evaluate(z, value, z, 0, 2);
        assertArrayEquals(new double[] {-1, 8}, value, 0.0);
        assertArrayEquals(new double[] {3, 12}, z, 0.0);
    }

    @Test
    void aStepperUsesTheCallersVelocityUnlessItSaysOtherwise() {
        Stepper euler = (theta, velocity, remaining) -> {
            theta[0] += velocity[0];
            return 1;
        };
        assertTrue(euler.usesVelocity());
    }

    @Test
    void aStepperWithoutStateSavesNothingCountsNothingAndRefusesAState() {
        Stepper euler = (theta, velocity, remaining) -> 1;
        assertEquals(0, euler.saveState().length);
        assertTrue(euler.counts().isEmpty());
        euler.restoreState(new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> euler.restoreState(new double[3]));
        assertEquals("this stepper keeps no state between steps, but the saved state has 3 values", e.getMessage());
    }

    @Test
    void kernelsTakeDimensionAndSampleCountFromTheProblem() {
        // n = 5, d = 3, m = 4: θ has 4·3 + 4 = 16 entries
        NetworkProblem problem = new NetworkProblem(new double[15], new double[5], new double[5], 5, 3, 4, CUBE, 0.5, 1, true, true);
        NetworkKernels kernels = new ProblemOnlyKernels(problem);
        assertEquals(16, kernels.dimension());
        assertEquals(5, kernels.sampleCount());
        // a backend that does not override products() runs nothing and says so
        double[] theta = new double[16];
        assertEquals(false, kernels.products(theta));
    }
}
