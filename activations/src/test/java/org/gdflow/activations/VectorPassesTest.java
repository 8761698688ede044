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

    /**
     * σ and σ' with z read in place from a native-order direct buffer (z[i] at double index offset + i, the
     * buffer's other doubles NaN): the scalar pass's bits on every range, including ranges that start and
     * end off a vector and chunk boundary; outside the range, value and derivative untouched. For tanh this
     * is its SIMD pass reading the buffer, for the others the default copy; a wrong offset would read NaN
     * or a neighbour.
     */
    @ParameterizedTest
    @MethodSource("activations")
    void readingZInPlaceFromABufferGivesTheScalarPassesBits(Activation activation) {
        double[] z = ActivationSweepTest.arguments(20_011, 5);
        int n = z.length;
        double[] scalarValue = new double[n];
        double[] scalarDerivative = new double[n];
        ActivationSweepTest.scalarPass(activation, z, scalarValue, scalarDerivative, 0, n);
        int offset = 13;
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(8 * (offset + n + 11)).order(java.nio.ByteOrder.nativeOrder());
        for (int i = 0; i < offset + n + 11; i++) {
            buffer.putDouble(8 * i, i >= offset && i < offset + n ? z[i - offset] : Double.NaN);
        }
        double[] value = new double[n];
        double[] derivative = new double[n];
        for (int[] range : new int[][] {{0, n}, {3, VectorPasses.CHUNK + 5}, {VectorPasses.CHUNK - 1, 2 * VectorPasses.CHUNK + 9}, {7, 7}, {n - 6, n}}) {
            java.util.Arrays.fill(value, 42);
            java.util.Arrays.fill(derivative, 42);
            activation.evaluate(buffer, offset, value, derivative, range[0], range[1]);
            for (int i = 0; i < n; i++) {
                boolean inside = i >= range[0] && i < range[1];
                double expectedValue = inside ? scalarValue[i] : 42;
                double expectedDerivative = inside ? scalarDerivative[i] : 42;
                // the message only on a mismatch: building it for every element took seconds
                if (Double.doubleToLongBits(expectedValue) != Double.doubleToLongBits(value[i])
                        || Double.doubleToLongBits(expectedDerivative) != Double.doubleToLongBits(derivative[i])) {
                    String where = " at " + i + " of " + java.util.Arrays.toString(range);
                    assertSame(expectedValue, value[i], "σ(" + z[i] + ")" + where);
                    assertSame(expectedDerivative, derivative[i], "σ'(" + z[i] + ")" + where);
                }
            }
        }
        assertSame(z[n - 1], buffer.getDouble(8 * (offset + n - 1)), "the buffer, unchanged");
    }

    private static void assertSame(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + ": " + actual + " for " + expected);
    }
}
