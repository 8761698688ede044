package org.gdflow.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD passes against the scalar passes, bit for bit, on the sweep's edges and 20 000 random
 * arguments (the fast version of {@link ActivationSweepTest}, which mutation testing runs), over the whole
 * range, in place, and on ranges whose ends fall inside a vector and inside a chunk.
 */
class VectorPassesTest {
    static Stream<Named<Activation>> activations() {
        return Stream.of(Named.of("tanh", new Tanh()), Named.of("sigmoid", new Sigmoid()),
                Named.of("softplus", new Softplus()), Named.of("erf", new Erf()), Named.of("relu", new Relu()));
    }

    @ParameterizedTest
    @MethodSource("activations")
    void simdEqualsScalarBitForBit(Activation activation) {
        assertTrue(VectorSupport.enabled());
        double[] z = ActivationSweepTest.arguments(20_011, 3);
        int n = z.length;
        double[] value = new double[n];
        double[] derivative = new double[n];
        double[] scalarValue = new double[n];
        double[] scalarDerivative = new double[n];
        ActivationSweepTest.scalarPass(activation, z, scalarValue, scalarDerivative, 0, n);
        for (int[] range : new int[][] {{0, n}, {3, VectorPasses.CHUNK + 5}, {VectorPasses.CHUNK - 1, 2 * VectorPasses.CHUNK + 9}, {7, 7}}) {
            java.util.Arrays.fill(value, 42);
            java.util.Arrays.fill(derivative, 42);
            activation.evaluate(z, value, derivative, range[0], range[1]);
            for (int i = 0; i < n; i++) {
                boolean inside = i >= range[0] && i < range[1];
                assertSame(inside ? scalarValue[i] : 42, value[i], "σ(" + z[i] + ") at " + i);
                assertSame(inside ? scalarDerivative[i] : 42, derivative[i], "σ'(" + z[i] + ") at " + i);
            }
        }
        // in place: σ' over z
        double[] inPlace = z.clone();
        activation.evaluate(inPlace, value, inPlace, 0, n);
        for (int i = 0; i < n; i++) {
            assertSame(scalarValue[i], value[i], "σ(" + z[i] + ") in place");
            assertSame(scalarDerivative[i], inPlace[i], "σ'(" + z[i] + ") in place");
        }
    }

    private static void assertSame(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + ": " + actual + " for " + expected);
    }
}
