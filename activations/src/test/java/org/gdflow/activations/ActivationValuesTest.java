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
        // both sides of every branch boundary (|x| = 2⁻²⁸, 0.84375, 1.25, ≈1/0.35 (high word 0x4006db6e), 6)
        for (double b : new double[] {0x1p-28, 0.84375, 1.25, Double.longBitsToDouble(0x4006db6e00000000L), 6}) {
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
        // FDLIBM's erf is below one ulp: 0.785 ulp measured here (at z = 0.0505)
        assertTrue(worst <= 0.9, "max error " + worst + " ulp at z = " + worstAt);
    }

    /**
     * FDLIBM picks its approximation by the high word of x, so each switch covers 2³² doubles. At one
     * point inside the high word of each switch (found by comparing the two neighbouring approximations
     * there), erf is correctly rounded against the series while the approximation of the other side
     * is one ulp off: a switch moved by one high word would show.
     */
    @Test
    void erfIsCorrectlyRoundedInsideTheHighWordOfEachBranchSwitch() {
        Erf erf = new Erf();
        double[] points = {
            0x1.00000ee42c90bp-28,   // 2⁻²⁸ (0x3e300000): x + x·P/Q, not x + efx·x
            0x1.b0000d101b5b9p-1,    // 0.84375 (0x3feb0000): erx + P1/Q1, not x + x·P/Q
            0x1.4000001564f61p0,     // 1.25 (0x3ff40000): the erfc form with R1/S1, not erx + P1/Q1
            0x1.6db6e9cc32305p1,     // ≈1/0.35 (0x4006db6e): R2/S2, not R1/S1
            0x1.30631a53ff144p-1022, // efx·x subnormal: (8x + efx8·x)/8, not x + efx·x (a double rounding)
        };
        for (double x : points) {
            double expected = erfBySeries(x).doubleValue();
            double[] z = {x, -x};
            double[] value = new double[2];
            erf.evaluate(z, value, new double[2], 0, 2);
            assertEquals(expected, erf.value(x), 0.0, "erf(" + Double.toHexString(x) + ")");
            assertEquals(-expected, erf.value(-x), 0.0, "erf(" + Double.toHexString(-x) + ")");
            assertEquals(expected, value[0], 0.0, "evaluate at " + Double.toHexString(x));
            assertEquals(-expected, value[1], 0.0, "evaluate at " + Double.toHexString(-x));
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

    /** e^u from its Taylor series in 40-digit arithmetic (|u| &lt; 1). */
    private static BigDecimal expBySeries(BigDecimal u) {
        MathContext mc = new MathContext(40);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k < 40; k++) {
            term = term.multiply(u, mc).divide(BigDecimal.valueOf(k), mc);
            sum = sum.add(term, mc);
        }
        return sum;
    }

    /** Σ c_k s^k in 40-digit arithmetic, c_0 first. */
    private static BigDecimal polynomial(BigDecimal s, double... c) {
        MathContext mc = new MathContext(40);
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = c.length - 1; k >= 0; k--) {
            sum = sum.multiply(s, mc).add(new BigDecimal(c[k]), mc);
        }
        return sum;
    }

    @Test
    void erfTailFactorWithinOneUlpOfTheExponentialOverTheRangeOfRatio() {
        // e^(u − 0.5625) by the Taylor polynomial about c = −0.1189, on [−0.25, 0]: wider than the range of R/S
        // on [1.25, 6), [−0.2146, −0.0233] (checked below); against the 40-digit series
        double worst = 0;
        double worstAt = Double.NaN;
        for (int i = 0; i <= 4000; i++) {
            double u = -0.25 + 0.25 * i / 4000;
            BigDecimal expected = expBySeries(new BigDecimal(u).subtract(new BigDecimal("0.5625")));
            double ulps = new BigDecimal(Erf.tailFactor(u)).subtract(expected).abs().doubleValue() / Math.ulp(expected.doubleValue());
            if (ulps > worst) {
                worst = ulps;
                worstAt = u;
            }
        }
        assertTrue(worst <= 1, "max error " + worst + " ulp at u = " + worstAt);
    }

    @Test
    void erfTailRatioInZSquaredEqualsFdlibmsRationalInOneOverZSquared() {
        // R/S = y·R̃(y)/S̃(y) (y = z², coefficients reversed) and 1/|z| = S̃·q from the one quotient q = 1/(S̃·|z|),
        // as erf computes them, against FDLIBM's R(s)/S(s), s = 1/z², and 1/|z| in 40-digit arithmetic
        MathContext mc = new MathContext(40);
        double worst = 0;
        double worstAt = Double.NaN;
        double lowest = 0;
        double highest = -1;
        for (int i = 0; i < 20_000; i++) {
            double ax = 1.25 + 4.75 * i / 20_000;
            boolean far = ax >= Erf.FAR_TAIL_FROM;
            double y = ax * ax;
            double numerator = far ? Erf.tailFarNumerator(y) : Erf.tailNearNumerator(y);
            double denominator = far ? Erf.tailFarDenominator(y) : Erf.tailNearDenominator(y);
            double q = 1.0 / (denominator * ax);
            double ratio = numerator * (y * ax) * q;
            double w = denominator * q;
            BigDecimal s = BigDecimal.ONE.divide(new BigDecimal(ax).multiply(new BigDecimal(ax)), mc);
            BigDecimal expected = far
                    ? polynomial(s, Erf.RB0, Erf.RB1, Erf.RB2, Erf.RB3, Erf.RB4, Erf.RB5, Erf.RB6)
                            .divide(polynomial(s, 1, Erf.SB1, Erf.SB2, Erf.SB3, Erf.SB4, Erf.SB5, Erf.SB6, Erf.SB7), mc)
                    : polynomial(s, Erf.RA0, Erf.RA1, Erf.RA2, Erf.RA3, Erf.RA4, Erf.RA5, Erf.RA6, Erf.RA7)
                            .divide(polynomial(s, 1, Erf.SA1, Erf.SA2, Erf.SA3, Erf.SA4, Erf.SA5, Erf.SA6, Erf.SA7, Erf.SA8), mc);
            double ulps = Math.abs(ratio - expected.doubleValue()) / Math.ulp(expected.doubleValue());
            if (ulps > worst) {
                worst = ulps;
                worstAt = ax;
            }
            assertEquals(1 / ax, w, 2 * Math.ulp(1 / ax), "1/|z| at " + ax);
            lowest = Math.min(lowest, ratio);
            highest = Math.max(highest, ratio);
        }
        // Horner's rule in y loses a few ulp more than in s (6 ulp measured, at |z| = 1.8853), but e^(R/S) is
        // multiplied by erfc|z| ≤ 0.077 before it reaches erf: 8 ulp of R/S are below 0.2 ulp of erf
        assertTrue(worst <= 8, "R/S within 8 ulp: " + worst + " at |z| = " + worstAt);
        // the range the tail factor's polynomial is made for (|R/S − c| ≤ 0.0957)
        assertTrue(lowest >= -0.2146 && highest <= -0.0233, "R/S in [" + lowest + ", " + highest + "]");
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
