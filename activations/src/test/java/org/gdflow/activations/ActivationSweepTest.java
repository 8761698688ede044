package org.gdflow.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The accuracy sweep of issue 12: 2·10⁶ arguments per activation (10⁷ in all) over the whole double
 * range, the edges included (±0, subnormals, the branch switches and their neighbours, the overflow
 * and underflow limits of exp, ±max, ±∞, NaN), and
 * <ul>
 * <li>the SIMD pass ({@link VectorPasses}) against the scalar pass, bit for bit, in odd-sized slices so
 * that the scalar tail is exercised too;</li>
 * <li>the pass against the scalar reference formulas through the JDK's {@link Math#exp} and
 * {@link Math#log1p} (for tanh and erf, the code of the previous release): within {@link #ULPS} ulp
 * of the reference for σ and σ' (equal, sign of zero included, where the reference is 0 or not finite).</li>
 * </ul>
 * Excluded from mutation testing (PIT's {@code *SweepTest} rule): it takes a few seconds per run,
 * and {@link ActivationContractTest} and {@link VectorPassesTest} check the same code on fewer points.
 */
class ActivationSweepTest {
    /** Arguments per activation. */
    static final int COUNT = 2_000_000;
    /**
     * Tolerance against the reference formulas, in ulp of the reference. Both sides are a few ulp from
     * the true values (the references' own rounding: up to 3 ulp for tanh near 0.1, where (1 − e)/(1 + e)
     * cancels, and for 4e/(1 + e)²), so they may differ by the sum. Measured worst (σ, σ'): tanh 5, 7
     * (σ at 0.1225, σ' at 6.97); sigmoid 3, 5; softplus 2, 3; erf 1, 2; relu 0, 0.
     */
    static final double ULPS = 8;

    private static double[] arguments;

    @BeforeAll
    static void sweep() {
        arguments = arguments(COUNT, 20_251_123L);
    }

    /** The edges, each with its two neighbours, then random doubles: a quarter uniform over all bit patterns, the rest in ±1, ±8, ±40 and ±800. */
    static double[] arguments(int count, long seed) {
        List<Double> edges = new ArrayList<>();
        double[] points = {0, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-1030, FdlibmErf.SUBNORMAL_EDGE, FdlibmErf.TINY, 1e-300, 1e-20,
            1e-9, 0.1, 0.5, FdlibmErf.SMALL, 0.8813735870195430, 1, FdlibmErf.TAIL_FROM, FdlibmErf.FAR_TAIL_FROM, FdlibmErf.SATURATED_FROM,
            18.714973875118524, 19.061547465398498, 20, 27.3, 36.7, 40, 354.0, 354.9, 373, 700, 708.3964185322641,
            708.4, 709.782712893384, 709.79, 744.44007192138122, 745.1332191019411, 745.2, 746, 1e3, 1e300,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (double p : points) {
            for (double v : new double[] {p, Math.nextUp(p), Math.nextDown(p)}) {
                edges.add(v);
                edges.add(-v);
            }
        }
        edges.add(Double.NaN);
        edges.add(Double.longBitsToDouble(0x7ff8_0000_0000_0001L));
        double[] out = new double[count];
        for (int i = 0; i < edges.size(); i++) {
            out[i] = edges.get(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] scales = {1, 8, 40, 800};
        for (int i = edges.size(); i < count; i++) {
            out[i] = i % 4 == 0 ? Double.longBitsToDouble(random.nextLong())
                    : scales[random.nextInt(scales.length)] * (2 * random.nextDouble() - 1);
        }
        return out;
    }

    @Test
    void theArgumentsSpanTheWholeRange() {
        double[] z = arguments(4096, 1);
        assertTrue(Arrays.stream(z).anyMatch(Double::isNaN));
        assertTrue(Arrays.stream(z).anyMatch(v -> v == Double.NEGATIVE_INFINITY));
        assertTrue(Arrays.stream(z).anyMatch(v -> v != 0 && Math.abs(v) < Double.MIN_NORMAL));
        assertTrue(Arrays.stream(z).anyMatch(v -> Math.abs(v) > 1e300 && Double.isFinite(v)));
        assertTrue(Arrays.stream(z).anyMatch(v -> Double.doubleToRawLongBits(v) == Long.MIN_VALUE), "−0");
    }

    @Test
    void tanh() {
        check(new Tanh(), ActivationSweepTest::tanhReference);
    }

    @Test
    void sigmoid() {
        check(new Sigmoid(), ActivationSweepTest::sigmoidReference);
    }

    @Test
    void softplus() {
        check(new Softplus(), ActivationSweepTest::softplusReference);
    }

    @Test
    void erf() {
        check(new Erf(), ActivationSweepTest::erfReference);
    }

    @Test
    void relu() {
        check(new Relu(), (z, out) -> {
            out[0] = Math.max(z, 0);
            out[1] = z > 0 ? 1 : 0;
        });
    }

    /** σ and σ' of one argument by a reference formula. */
    @FunctionalInterface
    interface Reference {
        void evaluate(double z, double[] out);
    }

    private static void check(Activation activation, Reference reference) {
        double[] z = arguments;
        double[] value = new double[z.length];
        double[] derivative = new double[z.length];
        activation.evaluate(z, value, derivative, 0, z.length);
        if (VectorSupport.enabled()) {
            double[] scalarValue = new double[z.length];
            double[] scalarDerivative = new double[z.length];
            scalarPass(activation, z, scalarValue, scalarDerivative, 0, z.length);
            assertBitwise(z, scalarValue, value, "σ");
            assertBitwise(z, scalarDerivative, derivative, "σ'");
            // slices of odd length: the SIMD loop and the scalar tail meet at every offset
            double[] slicedValue = new double[z.length];
            double[] slicedDerivative = new double[z.length];
            for (int from = 0, len = 1; from < 4096; from += len, len = len % 13 + 1) {
                activation.evaluate(z, slicedValue, slicedDerivative, from, Math.min(4096, from + len));
            }
            assertBitwise(Arrays.copyOf(z, 4096), Arrays.copyOf(scalarValue, 4096), Arrays.copyOf(slicedValue, 4096), "σ sliced");
        }
        double[] out = new double[2];
        double worstValue = 0;
        double worstDerivative = 0;
        double worstValueAt = Double.NaN;
        double worstDerivativeAt = Double.NaN;
        for (int i = 0; i < z.length; i++) {
            reference.evaluate(z[i], out);
            double v = ulps(z[i], value[i], out[0], "σ");
            double d = ulps(z[i], derivative[i], out[1], "σ'");
            if (v > worstValue) {
                worstValue = v;
                worstValueAt = z[i];
            }
            if (d > worstDerivative) {
                worstDerivative = d;
                worstDerivativeAt = z[i];
            }
        }
        assertTrue(worstValue <= ULPS, "σ within " + ULPS + " ulp: " + worstValue + " at " + worstValueAt);
        assertTrue(worstDerivative <= ULPS, "σ' within " + ULPS + " ulp: " + worstDerivative + " at " + worstDerivativeAt);
    }

    /** |actual − expected| in ulp of expected; equality required where expected is not finite or is ±0 (then by bits). */
    static double ulps(double z, double actual, double expected, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(actual), what + "(" + z + ") = " + actual + ", expected NaN");
            } else {
                assertEquals(expected, actual, 0.0, what + "(" + z + ")");
                assertEquals(Double.doubleToRawLongBits(expected) < 0, Double.doubleToRawLongBits(actual) < 0,
                        what + "(" + z + ") sign of " + actual);
            }
            return 0;
        }
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    private static void assertBitwise(double[] z, double[] expected, double[] actual, String what) {
        for (int i = 0; i < z.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                assertEquals(expected[i], actual[i], 0.0, what + "(" + z[i] + "): SIMD against scalar");
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                        what + "(" + z[i] + "): SIMD against scalar, sign of zero");
            }
        }
    }

    static void scalarPass(Activation activation, double[] z, double[] value, double[] derivative, int from, int to) {
        if (activation instanceof Tanh) {
            Tanh.scalarPass(z, value, derivative, from, to);
        } else if (activation instanceof Sigmoid) {
            Sigmoid.scalarPass(z, value, derivative, from, to);
        } else if (activation instanceof Softplus) {
            Softplus.scalarPass(z, value, derivative, from, to);
        } else if (activation instanceof Erf) {
            Erf.scalarPass(z, value, derivative, from, to);
        } else {
            Relu.scalarPass(z, value, derivative, from, to);
        }
    }

    /** tanh z = sign(z)(1 − e)/(1 + e), e = Math.exp(−2|z|), and the Taylor series below 0.1 (the previous release); σ' = 4e/(1 + e)². */
    static void tanhReference(double z, double[] out) {
        double az = Math.abs(z);
        double e = Math.exp(-2 * az);
        if (az < 0.1) {
            double z2 = z * z;
            double p = -1.0 / 3 + z2 * (2.0 / 15 + z2 * (-17.0 / 315 + z2 * (62.0 / 2835
                    + z2 * (-1382.0 / 155925 + z2 * (21844.0 / 6081075)))));
            out[0] = z == 0 ? z : z + z * z2 * p;
        } else {
            out[0] = Math.copySign((1 - e) / (1 + e), z);
        }
        out[1] = 4 * e / ((1 + e) * (1 + e));
    }

    /** σ = 1/(1 + e) or e/(1 + e), σ' = e/(1 + e)², e = Math.exp(−|z|). */
    static void sigmoidReference(double z, double[] out) {
        double e = Math.exp(-Math.abs(z));
        out[0] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        out[1] = e / ((1 + e) * (1 + e));
    }

    /** σ = max(z, 0) + Math.log1p(e), σ' = sigmoid, e = Math.exp(−|z|). */
    static void softplusReference(double z, double[] out) {
        double e = Math.exp(-Math.abs(z));
        out[0] = Math.max(z, 0) + Math.log1p(e);
        out[1] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** FDLIBM's erf as the previous release computed it ({@link FdlibmErf}); σ' = 2/√π Math.exp(−z²). */
    static void erfReference(double x, double[] out) {
        FdlibmErf.erf(x, out);
    }
}
