package org.gdflow.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accuracy of {@link Tanh} and {@link Softplus} (on {@link ScalarMath}'s exp and log1p): against
 * 40-digit references computed in {@link BigDecimal}, against the JDK's {@link Math#tanh} and
 * {@link Math#log1p} on dense grids, and in the tails and at the special values.
 */
class TanhSoftplusAccuracyTest {
    private static final MathContext MC = new MathContext(60);
    private static final Tanh TANH = new Tanh();

    private static double relativeError(double actual, double expected) {
        return expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
    }

    /** e^−x for x ≥ 0 to about 60 digits: 1/Σ xᵏ/k! (all terms positive, no cancellation). */
    private static BigDecimal expMinus(BigDecimal x) {
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal threshold = new BigDecimal("1e-62");
        for (int k = 1; ; k++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
            if (k > x.doubleValue() && term.compareTo(sum.multiply(threshold, MC)) < 0) {
                return BigDecimal.ONE.divide(sum, MC);
            }
        }
    }

    /**
     * tanh z to at least 40 digits: sign(z)(1 − e)/(1 + e), e = e^−2|z| in 60-digit arithmetic; the
     * cancellation in 1 − e costs log10(1/|z|) digits, at most 20 for |z| ≥ 1e-20.
     */
    private static double tanhReference(double z) {
        BigDecimal e = expMinus(new BigDecimal(2 * Math.abs(z)));
        BigDecimal t = BigDecimal.ONE.subtract(e, MC).divide(BigDecimal.ONE.add(e, MC), MC);
        return Math.copySign(t.doubleValue(), z);
    }

    /**
     * softplus z = max(z, 0) + log(1 + x), x = e^−|z|, to 40 digits: log(1 + x) = 2 atanh(y) =
     * 2 Σ y^(2k+1)/(2k+1) with y = x/(2 + x) ≤ 1/3 (all terms positive).
     */
    private static double softplusReference(double z) {
        BigDecimal x = expMinus(new BigDecimal(Math.abs(z)));
        BigDecimal y = x.divide(BigDecimal.valueOf(2).add(x, MC), MC);
        BigDecimal y2 = y.multiply(y, MC);
        BigDecimal power = y;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < 70; k++) {
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * k + 1), MC), MC);
            power = power.multiply(y2, MC);
        }
        return new BigDecimal(Math.max(z, 0)).add(sum.multiply(BigDecimal.valueOf(2), MC), MC).doubleValue();
    }

    @Test
    void tanhAgainstAFortyDigitReference() {
        double worst = 0;
        double worstAt = Double.NaN;
        // dense across the series boundary |z| = 0.1, then out to where tanh rounds to 1
        for (int i = 1; i <= 2000; i++) {
            for (double z : new double[] {i * 1.37e-4, -i * 1.37e-4, i * 1.01e-2, -i * 1.01e-2}) {
                double error = relativeError(TANH.value(z), tanhReference(z));
                if (error > worst) {
                    worst = error;
                    worstAt = z;
                }
            }
        }
        for (double z : new double[] {1e-20, 3e-9, 1e-5, Math.nextDown(0.1), 0.1, Math.nextUp(0.1), 0.0999999, 0.1000001, 19.1, 25}) {
            worst = Math.max(worst, relativeError(TANH.value(z), tanhReference(z)));
            worst = Math.max(worst, relativeError(TANH.value(-z), tanhReference(-z)));
        }
        assertTrue(worst < 1e-15, "max relative error against the exact tanh " + worst + " at z = " + worstAt);
    }

    @Test
    void tanhAgreesWithMathTanhOnADenseGrid() {
        Tanh tanh = new Tanh();
        double worst = 0;
        double worstDerivative = 0;
        // fdlibm's Math.tanh is within 2 ulp
        for (int i = -400_000; i <= 400_000; i++) {
            double z = i * 5e-5 + 1e-7;
            worst = Math.max(worst, relativeError(tanh.value(z), Math.tanh(z)));
            double t = Math.tanh(z);
            // 1 − t² carries the absolute rounding of t², so its error is absolute, not relative
            worstDerivative = Math.max(worstDerivative, Math.abs(tanh.derivative(z) - (1 - t * t)));
        }
        for (double z : new double[] {1e-300, -1e-200, 1e-20, 3e-9, 0.0999999, 0.1, 0.1000001, 19.1, 25, 700, 1e300}) {
            worst = Math.max(worst, relativeError(tanh.value(z), Math.tanh(z)));
        }
        assertTrue(worst < 2e-15, "max relative error against Math.tanh " + worst);
        assertTrue(worstDerivative < 1e-15, "max absolute error of tanh' against 1 − Math.tanh² " + worstDerivative);
    }

    @Test
    void tanhTailsAndSpecialValues() {
        Tanh tanh = new Tanh();
        for (double z : new double[] {40, 800, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertEquals(1.0, tanh.value(z), 0.0, "tanh(" + z + ")");
            assertEquals(-1.0, tanh.value(-z), 0.0, "tanh(" + -z + ")");
        }
        // tanh' = 4e^(−2|z|)/(1 + e^(−2|z|))² keeps its relative accuracy in the tails (1 − tanh² would be 0)
        for (double z : new double[] {20, 40, 300, 372}) {
            double expected = 4 * Math.exp(-2 * z);
            assertEquals(expected, tanh.derivative(z), 4 * Math.ulp(expected), "tanh'(" + z + ")");
            assertEquals(expected, tanh.derivative(-z), 4 * Math.ulp(expected), "tanh'(" + -z + ")");
        }
        // subnormal, then 0 where 4e^(−2|z|) is below half the smallest subnormal
        assertEquals(4 * Math.exp(-2 * 371.5), tanh.derivative(371.5), Double.MIN_VALUE);
        for (double z : new double[] {373, 800, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertEquals(0.0, tanh.derivative(z), 0.0, "tanh'(" + z + ")");
            assertEquals(0.0, tanh.derivative(-z), 0.0, "tanh'(" + -z + ")");
        }
        // tanh z = z to rounding for tiny z, down to the subnormals
        for (double z : new double[] {1e-9, 1e-20, 1e-300, Double.MIN_NORMAL, Double.MIN_VALUE}) {
            assertEquals(z, tanh.value(z), 0.0, "tanh(" + z + ")");
            assertEquals(-z, tanh.value(-z), 0.0, "tanh(" + -z + ")");
            assertEquals(1.0, tanh.derivative(z), 0.0, "tanh'(" + z + ")");
        }
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(tanh.value(0.0)), "tanh(+0) = +0");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(tanh.value(-0.0)), "tanh(−0) = −0");
        assertEquals(1.0, tanh.derivative(-0.0), 0.0);
        assertTrue(Double.isNaN(tanh.value(Double.NaN)));
        assertTrue(Double.isNaN(tanh.derivative(Double.NaN)));
        assertTrue(Double.isNaN(tanh.secondDerivative(Double.NaN)));
    }

    @Test
    void softplusAgainstAFortyDigitReference() {
        Softplus softplus = new Softplus();
        double worst = 0;
        double worstAt = Double.NaN;
        for (int i = -2000; i <= 2000; i++) {
            double z = i * 2.003e-2 + 1e-9;
            double error = relativeError(softplus.value(z), softplusReference(z));
            if (error > worst) {
                worst = error;
                worstAt = z;
            }
        }
        for (double z : new double[] {-745, -700, -100, -40, -1e-12, 0, 1e-12, 1e-5, 36, 37, 40, 800}) {
            worst = Math.max(worst, relativeError(softplus.value(z), softplusReference(z)));
        }
        assertTrue(worst < 1e-15, "max relative error against the exact softplus " + worst + " at z = " + worstAt);
    }

    @Test
    void softplusAgreesWithTheLog1pFormOnADenseGrid() {
        Softplus softplus = new Softplus();
        Sigmoid sigmoid = new Sigmoid();
        double worst = 0;
        double worstDerivative = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            double z = i * 4e-4;
            // σ = max(z, 0) + log1p(e^−|z|) with the JDK's (fdlibm's, < 1 ulp) log1p
            double log1pForm = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            worst = Math.max(worst, relativeError(softplus.value(z), log1pForm));
            // σ' = sigmoid, the same rounding
            worstDerivative = Math.max(worstDerivative, relativeError(softplus.derivative(z), sigmoid.value(z)));
        }
        for (double z : new double[] {-745, -700, -40, -1e-12, 0, 1e-12, 40, 800}) {
            worst = Math.max(worst, relativeError(softplus.value(z), Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))));
        }
        assertTrue(worst < 2e-15, "max relative error against the log1p form " + worst);
        assertEquals(0.0, worstDerivative, 0.0, "softplus' is the sigmoid bit for bit");
    }

    @Test
    void softplusTailsAndSpecialValues() {
        Softplus softplus = new Softplus();
        // log(1 + e^z) = e^z (1 − e^z/2 + ...): the tail is kept, not rounded to 0
        assertEquals(4.248354255291589e-18, softplus.value(-40), 4.248354255291589e-18 * 1e-15, "softplus(−40)");
        assertEquals(Math.exp(-40), softplus.derivative(-40), Math.exp(-40) * 1e-15, "softplus'(−40)");
        assertEquals(Math.exp(-800), softplus.value(-800), 0.0, "softplus(−800) underflows to 0");
        assertEquals(40.0, softplus.value(40), 0.0, "softplus(40) = 40 + 4.2e-18 rounds to 40");
        assertEquals(800.0, softplus.value(800), 0.0, "softplus(800) is finite");
        assertEquals(1.0, softplus.derivative(800), 0.0);
        assertEquals(0.0, softplus.derivative(-800), 0.0);
        assertEquals(0.0, softplus.secondDerivative(800), 0.0);
        // near 0: σ = log 2 + z/2 + z²/8, σ' = 1/2 + z/4
        for (double z : new double[] {1e-9, 1e-20, 1e-300, Double.MIN_VALUE}) {
            assertEquals(Math.log(2) + z / 2, softplus.value(z), 1e-16, "softplus(" + z + ")");
            assertEquals(0.5 + z / 4, softplus.derivative(z), 1e-16, "softplus'(" + z + ")");
        }
        assertEquals(Math.log(2), softplus.value(0.0), 0.0);
        assertEquals(Math.log(2), softplus.value(-0.0), 0.0);
        assertEquals(0.5, softplus.derivative(-0.0), 0.0);
        assertEquals(0.25, softplus.secondDerivative(-0.0), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, softplus.value(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0.0, softplus.value(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(softplus.value(Double.NaN)));
        assertTrue(Double.isNaN(softplus.derivative(Double.NaN)));
        assertTrue(Double.isNaN(softplus.secondDerivative(Double.NaN)));
    }

    /** log(1 + e) for e ≥ 0 to 40 digits: 2 atanh(y) = 2 Σ y^(2k+1)/(2k+1) with y = e/(2 + e) ≤ 1/3 (all terms positive). */
    private static BigDecimal log1pReference(double e) {
        BigDecimal x = new BigDecimal(e);
        BigDecimal y = x.divide(BigDecimal.valueOf(2).add(x, MC), MC);
        BigDecimal y2 = y.multiply(y, MC);
        BigDecimal power = y;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < 70; k++) {
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * k + 1), MC), MC);
            power = power.multiply(y2, MC);
        }
        return sum.multiply(BigDecimal.valueOf(2), MC);
    }

    /** |actual − exact| in ulp of the double nearest to exact. */
    private static double ulps(double actual, BigDecimal exact) {
        return new BigDecimal(actual).subtract(exact).abs().divide(new BigDecimal(Math.ulp(exact.doubleValue())), MC).doubleValue();
    }

    @Test
    void log1pAgainstAFortyDigitReference() {
        double worst = 0;
        double worstAt = Double.NaN;
        // e = e^−|z| in [0, 1]: a grid over [0, 1], both ends dense, and e down to the subnormals
        List<Double> points = new ArrayList<>();
        for (int i = 1; i <= 4000; i++) {
            points.add(i / 4000.0 - 1.3e-7);
            points.add(1 - i * 0x1p-40);
            points.add(Math.scalb(1.0 + i / 4096.0, -1 - i % 1074));
        }
        for (double e : new double[] {1, Math.nextDown(1.0), 0.5, Math.nextDown(0.5), Math.nextUp(0.5), 0.25, 1e-8, 1.1e-16, 1e-300,
            Double.MIN_NORMAL, Double.MIN_VALUE}) {
            points.add(e);
        }
        for (double e : points) {
            double error = ulps(ScalarMath.log1p(e), log1pReference(e));
            if (error > worst) {
                worst = error;
                worstAt = e;
            }
        }
        // s = e/(2 + e) carries two roundings, scaled by (e − log(1 + e))/log(1 + e) ≤ 0.45, and the result one;
        // measured 0.90 ulp on this grid, 1.06 on 1.3·10⁵ random arguments (FDLIBM's log1p: 0.78)
        assertTrue(worst <= 1.0, "max error of ScalarMath.log1p " + worst + " ulp at e = " + worstAt);
    }

    /** e^−x for x ≥ 0 to about 55 digits, fast for large x: (e^(−x/2¹⁰))^(2¹⁰) by ten squarings (x/2¹⁰ is exact). */
    private static BigDecimal expMinusBySquaring(double x) {
        BigDecimal result = expMinus(new BigDecimal(x).divide(BigDecimal.valueOf(1024)));
        for (int i = 0; i < 10; i++) {
            result = result.multiply(result, MC);
        }
        return result;
    }

    /** e^x − 1 for x ≤ 0 to about 60 digits: Σ xᵏ/k! where |x| ≤ 1 (no cancellation before the first term), e^x − 1 beyond. */
    private static BigDecimal expm1Reference(double x) {
        BigDecimal bx = new BigDecimal(x);
        if (x < -1) {
            return expMinusBySquaring(-x).subtract(BigDecimal.ONE, MC);
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 1; k < 60; k++) {
            term = term.multiply(bx, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }

    @Test
    void expNonPositiveAgainstAFortyDigitReference() {
        double worst = 0;
        double worstAt = Double.NaN;
        List<Double> points = new ArrayList<>();
        // across [−746, 0], dense on [−1, 0], the subnormal results (x < −708) and the reduction's switches k ln2 ± ln2/2
        for (int i = 0; i <= 400; i++) {
            points.add(-i * 1.8651);
            points.add(-i / 400.0 - 1.7e-9);
            points.add(-708.4 - i * 0.0935);
            points.add(-((i * 7) % 1076 + 0.5) * Math.log(2));
        }
        for (double x : new double[] {0, -0x1p-60, -1e-300, -Double.MIN_VALUE, -745, -745.1, -746}) {
            points.add(x);
        }
        for (double x : points) {
            double error = ulps(ScalarMath.expNonPositive(x), expMinusBySquaring(-x));
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        // the polynomial's error (0.12·2⁻⁵³ relative, exp_fit.py) and the roundings: measured 0.93 ulp on 4·10⁴ random arguments
        assertTrue(worst <= 1, "max error of ScalarMath.expNonPositive " + worst + " ulp at x = " + worstAt);
        assertEquals(1.0, ScalarMath.expNonPositive(0.0), 0.0);
        assertEquals(1.0, ScalarMath.expNonPositive(-0.0), 0.0);
        assertEquals(0.0, ScalarMath.expNonPositive(-746), 0.0);
        assertEquals(0.0, ScalarMath.expNonPositive(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(ScalarMath.expNonPositive(Double.NaN)));
    }

    @Test
    void halfExpm1AgainstAFortyDigitReference() {
        double worst = 0;
        double worstAt = Double.NaN;
        List<Double> points = new ArrayList<>();
        // tanh's (e^x − 1)/2, x = −2|z|: dense on [−2, 0], out to −45 where it rounds to −1/2, and tiny x down to 2⁻⁵⁴
        for (int i = 1; i <= 1000; i++) {
            points.add(-i / 500.0 + 3.1e-9);
            points.add(-i * 0.045);
            points.add(-Math.scalb(1.0 + i / 1000.0, -(i % 55)));
        }
        for (double x : points) {
            double shifted = ScalarMath.shifted(x);
            double half = ScalarMath.halfExpm1(shifted, ScalarMath.expm1Reduced(ScalarMath.reduced(x, shifted)));
            double error = ulps(half, expm1Reference(x).divide(BigDecimal.valueOf(2), MC));
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        // measured 1.09 ulp on 4·10⁴ random arguments (the same with the Taylor polynomial: the roundings of r and of the sum)
        assertTrue(worst <= 1.1, "max error of ScalarMath.halfExpm1 " + worst + " ulp at x = " + worstAt);
        // below k = −60 (x < −41.9) the result is −1/2 exactly
        double shifted = ScalarMath.shifted(-50);
        assertEquals(-0.5, ScalarMath.halfExpm1(shifted, ScalarMath.expm1Reduced(ScalarMath.reduced(-50, shifted))), 0.0);
    }

    @Test
    void log1pAtTheEnds() {
        // log1p(+0) = +0, log1p of a subnormal is itself (e − e²/2 rounds to e), log1p(1) = ln 2 to the bit
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(ScalarMath.log1p(0.0)), "log1p(+0)");
        assertEquals(Double.MIN_VALUE, ScalarMath.log1p(Double.MIN_VALUE), 0.0);
        assertEquals(0x1p-1030, ScalarMath.log1p(0x1p-1030), 0.0);
        assertEquals(1e-300, ScalarMath.log1p(1e-300), 0.0);
        assertEquals(Math.log(2), ScalarMath.log1p(1.0), 0.0, "log1p(1) = ln 2");
        assertTrue(Double.isNaN(ScalarMath.log1p(Double.NaN)));
    }

    @Test
    void log1pAgainstMathLog1p() {
        double worst = 0;
        for (int i = 0; i <= 100_000; i++) {
            double e = i * 1e-5;
            worst = Math.max(worst, relativeError(ScalarMath.log1p(e), Math.log1p(e)));
        }
        for (double e : new double[] {Double.MIN_VALUE, 1e-300, 1e-17, 1.1e-16, 2.3e-16, 1e-12}) {
            worst = Math.max(worst, relativeError(ScalarMath.log1p(e), Math.log1p(e)));
        }
        assertTrue(worst < 2e-15, "max relative error of ScalarMath.log1p " + worst);
    }
}
