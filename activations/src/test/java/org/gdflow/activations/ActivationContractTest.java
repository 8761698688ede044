package org.gdflow.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.gdflow.api.Activation;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every built-in activation honours: derivatives agree with finite differences, the one-pass
 * {@link Activation#evaluate} agrees bit for bit with the scalar methods (also in place), and
 * nothing overflows for large |z|.
 */
class ActivationContractTest {

    /** Step of the five-point central difference; its truncation error is h⁴ f⁽⁵⁾/30 ≈ 1e-13. */
    private static final double H = 1e-3;
    /** Required relative accuracy of σ' and σ'' against the finite differences. */
    private static final double RELATIVE = 1e-7;
    /**
     * Absolute floor: the values carry ~1e-16 of rounding, which the difference quotient amplifies
     * by 1.5/h to ~1e-13; below that a difference cannot judge (the tails are checked separately).
     */
    private static final double FLOOR = 1e-12;

    static Stream<Named<Activation>> activations() {
        return Stream.of(
                Named.of("sigmoid", new Sigmoid()),
                Named.of("softplus", new Softplus()),
                Named.of("tanh", new Tanh()),
                Named.of("erf", new Erf()),
                Named.of("relu", new Relu()));
    }

    /** 96 midpoints of [−6, 6] in steps of 1/8 (0 is not one: relu has a kink there), and ±6. */
    private static double[] grid() {
        DoubleStream midpoints = DoubleStream.iterate(-6 + 0.0625, z -> z + 0.125).limit(96);
        return DoubleStream.concat(midpoints, DoubleStream.of(-6, 6)).toArray();
    }

    /** Awkward inputs for the bitwise checks: the grid, zeros, tiny, series boundary, huge. */
    private static double[] awkward() {
        double[] extra = {0.0, -0.0, 1e-300, -1e-300, 1e-8, -9.999e-6, 1e-5, 2.5e-5, 0.5, 17.3, -17.3, 40, -41,
            709.9, -745.2, 1e3, -1e3, 1e300, -1e300};
        return DoubleStream.concat(Arrays.stream(grid()), Arrays.stream(extra)).toArray();
    }

    private static double fivePoint(java.util.function.DoubleUnaryOperator f, double z) {
        return (f.applyAsDouble(z - 2 * H) - 8 * f.applyAsDouble(z - H) + 8 * f.applyAsDouble(z + H)
                - f.applyAsDouble(z + 2 * H)) / (12 * H);
    }

    @ParameterizedTest
    @MethodSource("activations")
    void derivativeMatchesFiniteDifferences(Activation activation) {
        for (double z : grid()) {
            double exact = activation.derivative(z);
            double fd = fivePoint(activation::value, z);
            assertEquals(exact, fd, RELATIVE * Math.abs(exact) + FLOOR, "σ'(" + z + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("activations")
    void secondDerivativeMatchesFiniteDifferencesOfDerivative(Activation activation) {
        for (double z : grid()) {
            double exact = activation.secondDerivative(z);
            double fd = fivePoint(activation::derivative, z);
            assertEquals(exact, fd, RELATIVE * Math.abs(exact) + FLOOR, "σ''(" + z + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("activations")
    void evaluateEqualsScalarMethodsBitForBit(Activation activation) {
        double[] z = awkward();
        double[] zCopy = z.clone();
        int from = 3;
        int to = z.length - 2;
        double[] value = new double[z.length];
        double[] derivative = new double[z.length];
        Arrays.fill(value, -7.0);
        Arrays.fill(derivative, -7.0);

        activation.evaluate(z, value, derivative, from, to);

        assertArrayEquals(zCopy, z, "z is not modified");
        for (int i = 0; i < z.length; i++) {
            if (i < from || i >= to) {
                assertEquals(-7.0, value[i], "value outside [from, to) untouched");
                assertEquals(-7.0, derivative[i], "derivative outside [from, to) untouched");
            } else {
                assertEquals(activation.value(z[i]), value[i], 0.0, "σ(" + z[i] + ")");
                assertEquals(activation.derivative(z[i]), derivative[i], 0.0, "σ'(" + z[i] + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("activations")
    void evaluateInPlaceOverwritesZWithTheDerivative(Activation activation) {
        double[] z = awkward();
        double[] expectedValue = Arrays.stream(z).map(activation::value).toArray();
        double[] expectedDerivative = Arrays.stream(z).map(activation::derivative).toArray();
        double[] value = new double[z.length];

        activation.evaluate(z, value, z, 0, z.length);

        assertArrayEquals(expectedValue, value);
        assertArrayEquals(expectedDerivative, z);
    }

    @ParameterizedTest
    @MethodSource("activations")
    void finiteForLargeArguments(Activation activation) {
        for (double z : new double[] {1e3, -1e3, 745.5, -745.5, 1e300, -1e300}) {
            assertTrue(Double.isFinite(activation.value(z)), "σ(" + z + ") finite");
            assertTrue(Double.isFinite(activation.derivative(z)), "σ'(" + z + ") finite");
            assertTrue(Double.isFinite(activation.secondDerivative(z)), "σ''(" + z + ") finite");
        }
        double[] z = {1e3, -1e3};
        double[] value = new double[2];
        double[] derivative = new double[2];
        activation.evaluate(z, value, derivative, 0, 2);
        assertTrue(Arrays.stream(value).allMatch(Double::isFinite));
        assertTrue(Arrays.stream(derivative).allMatch(Double::isFinite));
    }
}
