package org.gdflow.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;

/** Each activation against values and limits known independently of its code. */
class ActivationValuesTest {

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }

    @Test
    void sigmoidKnownValuesAndTails() {
        Sigmoid s = new Sigmoid();
        assertEquals(0.5, s.value(0), 0.0);
        assertEquals(0.25, s.derivative(0), 0.0);
        assertEquals(0.0, s.secondDerivative(0), 0.0);
        // σ(1) = e/(1 + e)
        assertRelative(Math.E / (1 + Math.E), s.value(1), 1e-15, "σ(1)");
        // far tails: σ(−40) ≈ σ'(±40) ≈ e^−40 (1 − e^−40), no cancellation in 1 − σ
        double tail = Math.exp(-40);
        assertRelative(tail, s.value(-40), 1e-15, "σ(−40)");
        assertRelative(tail, s.derivative(40), 1e-15, "σ'(40)");
        assertRelative(tail, s.derivative(-40), 1e-15, "σ'(−40)");
        assertRelative(-tail, s.secondDerivative(40), 1e-15, "σ''(40)");
        assertRelative(tail, s.secondDerivative(-40), 1e-15, "σ''(−40)");
        assertEquals(1.0, s.value(1e3), 0.0);
        assertEquals(0.0, s.value(-1e3), 0.0);
        assertEquals(0.0, s.derivative(1e3), 0.0);
    }

    @Test
    void softplusKnownValuesAndTails() {
        Softplus s = new Softplus();
        assertEquals(Math.log(2), s.value(0), 1e-16);
        assertEquals(0.5, s.derivative(0), 0.0);
        assertEquals(0.25, s.secondDerivative(0), 0.0);
        // log(1 + e^z) = z + log(1 + e^−z): at z = 30 this is 30 + e^−30 (1 − e^−30/2)
        assertRelative(30 + Math.exp(-30), s.value(30), 1e-16, "softplus(30)");
        // log(1 + e^z) ≈ e^z − e^2z/2 for very negative z, computed without losing the tail
        assertRelative(Math.exp(-30) - Math.exp(-60) / 2, s.value(-30), 1e-15, "softplus(−30)");
        assertRelative(Math.exp(-700), s.value(-700), 1e-14, "softplus(−700)");
        assertEquals(1e3, s.value(1e3), 0.0);
        assertEquals(1.0, s.derivative(1e3), 0.0);
        // softplus' is the sigmoid
        Sigmoid sigmoid = new Sigmoid();
        for (double z = -20; z <= 20; z += 0.37) {
            assertRelative(sigmoid.value(z), s.derivative(z), 2e-16, "softplus'(" + z + ")");
            assertEquals(sigmoid.derivative(z), s.secondDerivative(z), 0.0, "softplus''(" + z + ")");
        }
    }

    @Test
    void tanhAgainstHyperbolicIdentities() {
        Tanh t = new Tanh();
        assertEquals(0.0, t.value(0), 0.0);
        assertEquals(1.0, t.derivative(0), 0.0);
        for (double z = -8; z <= 8; z += 0.25) {
            // tanh' = sech² z = 4/(e^z + e^−z)²
            double cosh2 = Math.exp(z) + Math.exp(-z);
            double sech2 = 4 / (cosh2 * cosh2);
            // the value 1 − t² carries the absolute rounding of t², ~1e-16
            assertEquals(sech2, t.derivative(z), 1e-12 * sech2 + 2e-16, "tanh'(" + z + ")");
            // tanh'' = −2 sinh z / cosh³ z
            double expected = -2 * Math.sinh(z) / Math.pow(Math.cosh(z), 3);
            assertEquals(expected, t.secondDerivative(z), 1e-12 * Math.abs(expected) + 4e-16, "tanh''(" + z + ")");
        }
        assertEquals(1.0, t.value(1e3), 0.0);
        assertEquals(-1.0, t.value(-1e3), 0.0);
        assertEquals(0.0, t.derivative(1e3), 0.0);
    }

    @Test
    void erfAgainstTabulatedValues() {
        Erf erf = new Erf();
        // 40-digit values from the Maclaurin series erf z = 2/√π Σ (−1)^k z^(2k+1)/(k!(2k+1))
        double[][] table = {
            {0.1, 0.1124629160182848922032750717439683832217},
            {0.3, 0.3286267594591274276389140478667565511698},
            {0.5, 0.5204998778130465376827466538919645287364},
            {0.7, 0.6778011938374184729756288092441513967161},
            {1.0, 0.8427007929497148693412206350826092592953},
            // 1.25: the first argument of the tail branch, where value(z) must supply e^(−z²)
            {1.25, 0.9229001282564582301365234811972811404236},
            {1.5, 0.9661051464753107270669762616459478586820},
            {2.0, 0.9953222650189527341620692563672529286117},
            {2.5, 0.9995930479825550410604357842600250872764},
            {3.0, 0.9999779095030014145586272238704176796214},
            {4.0, 0.9999999845827420997199811478403265633227},
        };
        for (double[] row : table) {
            assertEquals(row[1], erf.value(row[0]), 1e-15, "erf(" + row[0] + ")");
            assertEquals(-row[1], erf.value(-row[0]), 1e-15, "erf(" + -row[0] + ")");
        }
        // near 0, erf z = 2/√π z (1 − z²/3 + ...), relative accuracy down to subnormal-free tiny z
        for (double z : new double[] {1e-300, 1e-100, 1e-20, 1e-8, 1e-3}) {
            double series = 1.1283791670955125738961589031215451716881 * z * (1 - z * z / 3 + z * z * z * z / 10);
            assertRelative(series, erf.value(z), 3e-15, "erf(" + z + ")");
        }
        assertEquals(1.0, erf.value(1e3), 0.0);
        assertEquals(-1.0, erf.value(-1e3), 0.0);
        assertEquals(0.0, erf.value(0), 0.0);
        assertEquals(Erf.TWO_OVER_SQRT_PI, erf.derivative(0), 0.0);
    }

    @Test
    void erfDerivativeInTheTailsAgainstComplementaryErrorFunction() {
        // where erf ≈ 1 a difference of erf resolves nothing; erfc keeps its relative accuracy
        Erf erf = new Erf();
        double h = 1e-3;
        java.util.function.DoubleUnaryOperator erfc = org.hipparchus.special.Erf::erfc;
        for (double z = 2; z <= 6; z += 0.25) {
            // five-point difference of −erfc; truncation h⁴/30 |erf⁽⁵⁾/erf'| ≤ 1e-12 · 16z⁴/30
            double fd = -(erfc.applyAsDouble(z - 2 * h) - 8 * erfc.applyAsDouble(z - h)
                    + 8 * erfc.applyAsDouble(z + h) - erfc.applyAsDouble(z + 2 * h)) / (12 * h);
            assertRelative(fd, erf.derivative(z), 1e-9, "erf'(" + z + ")");
            assertEquals(erf.derivative(z), erf.derivative(-z), 0.0);
        }
    }

    /** 2/√π to 40 digits. */
    private static final BigDecimal TWO_OVER_SQRT_PI_40 = new BigDecimal("1.1283791670955125738961589031215451716881");

    /**
     * erf x from the Maclaurin series 2/√π Σ (−1)^k x^(2k+1)/(k!(2k+1)) in 50-digit arithmetic: the
     * largest term, e^(x²) ≈ 4e15 at |x| = 6, cancels to 1 and leaves some 34 digits.
     */
    private static BigDecimal erfBySeries(double x) {
        MathContext mc = new MathContext(50);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, mc);
        BigDecimal term = bx; // x^(2k+1)/k!
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal threshold = bx.abs().multiply(new BigDecimal("1e-45"), mc);
        for (int k = 0; ; k++) {
            BigDecimal t = term.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = (k % 2 == 0) ? sum.add(t, mc) : sum.subtract(t, mc);
            if (k > x * x && t.abs().compareTo(threshold) < 0) {
                break;
            }
            term = term.multiply(x2, mc).divide(BigDecimal.valueOf(k + 1L), mc);
        }
        return sum.multiply(TWO_OVER_SQRT_PI_40, mc);
    }

    @Test
    void erfWithinOneUlpOfAHighPrecisionReference() {
        Erf erf = new Erf();
        java.util.List<Double> points = new java.util.ArrayList<>();
        // 1000 points across [−6, 6] at an irrational stride, so every branch gets many
        for (int i = 0; i < 1000; i++) {
            points.add(-6 + 12 * ((i * 0.6180339887498949) % 1.0));
        }
        // 1000 more on [0.8, 2], where the two ranges meet and erfc is largest against erf
        for (int i = 0; i < 1000; i++) {
            points.add(0.8 + 1.2 * ((i * 0.6180339887498949) % 1.0));
        }
        // both sides of the branch boundaries, this code's (|x| = 1, 6) and FDLIBM's (2⁻²⁸, 0.84375, 1.25, ≈1/0.35)
        for (double b : new double[] {0x1p-28, 0.84375, 1, 1.25, Double.longBitsToDouble(0x4006db6e00000000L), 6}) {
            for (double x : new double[] {Math.nextDown(b), b, Math.nextUp(b), b - 1e-9, b + 1e-9}) {
                points.add(x);
                points.add(-x);
            }
        }
        // tiny |z|, where erf z = 2/√π z (1 − z²/3) to rounding, down to the subnormals
        for (double z = 1e-300; z < 2e-5; z *= 7.3) {
            points.add(z);
            points.add(-z);
        }
        points.add(Double.MIN_NORMAL);
        points.add(3 * Double.MIN_VALUE);
        double worst = 0;
        double worstAt = Double.NaN;
        for (double x : points) {
            BigDecimal expected = erfBySeries(x);
            // error in units of the last place of the correctly rounded value
            double ulps = new BigDecimal(erf.value(x)).subtract(expected).abs().doubleValue()
                    / Math.ulp(expected.doubleValue());
            if (ulps > worst) {
                worst = ulps;
                worstAt = x;
            }
        }
        // below one ulp: 0.97 ulp measured over 2·10⁵ arguments against 40-digit values (at z = 1.033, just above the
        // switch to the erfc form; 0.95 just below it)
        assertTrue(worst <= 1.0, "max error " + worst + " ulp at z = " + worstAt);
    }

    /**
     * At each switch of erf's ranges (|z| = 1 and 6, where the tail's variable stops) and its
     * neighbouring doubles, on both sides and through both passes: within 1 ulp of the series, and the SIMD
     * lanes equal to the scalar value. And near underflow, where (2/√π − 1)x alone would be subnormal and
     * FDLIBM scaled by 8 to keep its bits: the one fused multiply-add x + x·P(0) keeps them unscaled.
     */
    @Test
    void erfAtTheSwitchesOfItsRanges() {
        Erf erf = new Erf();
        for (double b : new double[] {Erf.TAIL_FROM, Erf.SATURATED_FROM}) {
            for (double x : new double[] {Math.nextDown(Math.nextDown(b)), Math.nextDown(b), b, Math.nextUp(b)}) {
                BigDecimal expected = erfBySeries(x);
                double[] z = {x, -x};
                double[] value = new double[2];
                erf.evaluate(z, value, new double[2], 0, 2);
                double ulps = new BigDecimal(erf.value(x)).subtract(expected).abs().doubleValue() / Math.ulp(expected.doubleValue());
                assertTrue(ulps <= 1.0, "erf(" + Double.toHexString(x) + "): " + ulps + " ulp");
                assertEquals(erf.value(x), value[0], 0.0, "evaluate at " + Double.toHexString(x));
                assertEquals(-erf.value(x), value[1], 0.0, "evaluate at " + Double.toHexString(-x));
            }
        }
        for (double x : new double[] {0x1.30631a53ff144p-1022, 0x1.8p-1020, 0x1.fffffffffffffp-1015, 0x1.23456789abcdep-1017}) {
            BigDecimal expected = erfBySeries(x);
            // the error in ulp as a quotient of decimals (as a double it would itself be subnormal)
            double ulps = new BigDecimal(erf.value(x)).subtract(expected).abs()
                    .divide(new BigDecimal(Math.ulp(expected.doubleValue())), new java.math.MathContext(10)).doubleValue();
            assertTrue(ulps <= 0.55, "erf(" + Double.toHexString(x) + "): " + ulps + " ulp");
            assertEquals(-erf.value(x), erf.value(-x), 0.0);
        }
    }

    @Test
    void erfAgainstHipparchusOnADenseGrid() {
        // Hipparchus' erf (regularised Γ(½, z²) to 1e-15) is itself up to ~10 ulp (1.15e-15 relative) off
        // near 0, so the grid checks agreement to its accuracy (1.26e-15 measured, at z = −0.0147); the
        // sub-ulp check is against the series above
        Erf erf = new Erf();
        int n = 200_000;
        double worst = 0;
        double worstAt = Double.NaN;
        for (int i = 0; i <= n; i++) {
            double z = -7 + 14.0 * i / n;
            double expected = org.hipparchus.special.Erf.erf(z);
            double relative = z == 0 ? Math.abs(erf.value(z)) : Math.abs(erf.value(z) - expected) / Math.abs(expected);
            if (relative > worst) {
                worst = relative;
                worstAt = z;
            }
        }
        assertTrue(worst <= 1.5e-15, "max relative difference " + worst + " at z = " + worstAt);
    }

    @Test
    void erfSpecialValues() {
        Erf erf = new Erf();
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(erf.value(0.0)), "erf(+0) = +0");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(erf.value(-0.0)), "erf(−0) = −0");
        assertEquals(Double.MIN_VALUE, erf.value(Double.MIN_VALUE), 0.0);
        for (double z : new double[] {6, 6.5, 27, 40, 1e3, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertEquals(1.0, erf.value(z), 0.0, "erf(" + z + ")");
            assertEquals(-1.0, erf.value(-z), 0.0, "erf(" + -z + ")");
        }
        assertTrue(Double.isNaN(erf.value(Double.NaN)));
        assertTrue(Double.isNaN(erf.derivative(Double.NaN)));
        // NaNs whose payload is in the low word only share the high word 0x7ff00000 with ±∞: still NaN, not ±1
        double lowPayloadNaN = Double.longBitsToDouble(0x7ff0000000000001L);
        double negativeLowPayloadNaN = Double.longBitsToDouble(0xfff0000000000001L);
        assertTrue(Double.isNaN(lowPayloadNaN) && Double.isNaN(negativeLowPayloadNaN));
        assertTrue(Double.isNaN(erf.value(lowPayloadNaN)), "erf(NaN 0x7ff0000000000001) = NaN");
        assertTrue(Double.isNaN(erf.value(negativeLowPayloadNaN)), "erf(NaN 0xfff0000000000001) = NaN");
        double[] z = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, lowPayloadNaN};
        double[] value = new double[4];
        double[] derivative = new double[4];
        erf.evaluate(z, value, derivative, 0, 4);
        assertTrue(Double.isNaN(value[3]), "evaluate: erf(NaN 0x7ff0000000000001) = NaN");
        assertTrue(Double.isNaN(value[0]) && Double.isNaN(derivative[0]), "NaN in, NaN out");
        assertEquals(1.0, value[1], 0.0);
        assertEquals(-1.0, value[2], 0.0);
        assertEquals(0.0, derivative[1], 0.0);
        assertEquals(0.0, derivative[2], 0.0);
    }

    @Test
    void reluIsAStepWithZeroDerivativeAtZero() {
        Relu relu = new Relu();
        assertEquals(0.0, relu.value(-2.5), 0.0);
        assertEquals(2.5, relu.value(2.5), 0.0);
        assertEquals(0.0, relu.derivative(0), 0.0);
        assertEquals(0.0, relu.derivative(-0.0), 0.0);
        assertEquals(1.0, relu.derivative(Double.MIN_VALUE), 0.0);
        assertEquals(0.0, relu.derivative(-1e3), 0.0);
        assertEquals(1.0, relu.derivative(1e3), 0.0);
        assertEquals(0.0, relu.secondDerivative(1.0), 0.0);
        assertEquals(0.0, relu.secondDerivative(-1.0), 0.0);
    }
}
