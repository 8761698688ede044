package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.gdflow.api.Activation;
import org.junit.jupiter.api.Test;

/** Which activations take which path, and the accuracy of the fused replacements. */
class ActivationPathTest {

    @Test
    void builtInsTakeTheirFastPaths() {
        assertEquals(ActivationPath.FUSED_TANH, ActivationPath.choose(Fixtures.activation("tanh"), true));
        assertEquals(ActivationPath.NATIVE_SIGMOID, ActivationPath.choose(Fixtures.activation("sigmoid"), true));
        assertEquals(ActivationPath.FUSED_SOFTPLUS, ActivationPath.choose(Fixtures.activation("softplus"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("erf"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("relu"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("bump"), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(Fixtures.activation("tanh"), false));
    }

    /** Named like tanh, but a scaled tanh: must not be replaced. */
    static final class Tanh implements Activation {
        @Override
        public double value(double z) {
            return 1.7159 * Math.tanh(2 * z / 3);
        }

        @Override
        public double derivative(double z) {
            double t = Math.tanh(2 * z / 3);
            return 1.7159 * 2 / 3 * (1 - t * t);
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    }

    /** A true tanh under another name: takes the plugin path (recognition needs name and values). */
    static final class HyperbolicTangent implements Activation {
        @Override
        public double value(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = Math.tanh(z);
            return 1 - t * t;
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    }

    @Test
    void lookAlikesAndRenamedOnesRunThroughThePlugin() {
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(new Tanh(), true));
        assertEquals(ActivationPath.PLUGIN, ActivationPath.choose(new HyperbolicTangent(), true));
    }

    @Test
    void fastTanhIsAccurateToAFewUlp() {
        double worst = 0;
        // against fdlibm's Math.tanh (within 2 ulp) on a dense grid
        for (int i = -400_000; i <= 400_000; i++) {
            double z = i * 5e-5 + 1e-7;
            worst = Math.max(worst, relativeError(FastTanh.tanh(z), Math.tanh(z)));
        }
        for (double z : new double[] {1e-300, -1e-200, 1e-20, 3e-9, 0.0999999, 0.1, 0.1000001, 19.1, 25, 700, 1e300}) {
            worst = Math.max(worst, relativeError(FastTanh.tanh(z), Math.tanh(z)));
        }
        assertTrue(worst < 2e-15, "max relative error against Math.tanh " + worst);
        // against a 40-digit reference where the two formulas meet
        double worstExact = 0;
        for (int i = 1; i <= 200; i++) {
            double z = i * 1.37e-3;
            worstExact = Math.max(worstExact, relativeError(FastTanh.tanh(z), tanhReference(z)));
        }
        assertTrue(worstExact < 1.5e-15, "max relative error against the exact tanh " + worstExact);
        assertEquals(0.0, FastTanh.tanh(0.0), 0.0);
        assertEquals(-1.0, FastTanh.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(FastTanh.tanh(Double.NaN)));
    }

    @Test
    void fastSoftplusIsAccurateToAFewUlp() {
        FastSoftplus softplus = new FastSoftplus();
        Activation reference = Fixtures.activation("softplus");
        double worst = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            double z = i * 4e-4;
            worst = Math.max(worst, relativeError(softplus.value(z), reference.value(z)));
            worst = Math.max(worst, relativeError(softplus.derivative(z), reference.derivative(z)));
        }
        for (double z : new double[] {-745, -700, -40, -1e-12, 0, 1e-12, 40, 800}) {
            worst = Math.max(worst, relativeError(softplus.value(z), reference.value(z)));
        }
        assertTrue(worst < 2e-15, "max relative error " + worst);
        double[] z = {-3, 0.5, 2};
        double[] s = new double[3];
        double[] d = new double[3];
        softplus.evaluate(z, s, d, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(softplus.value(z[i]), s[i], 0.0);
            assertEquals(softplus.derivative(z[i]), d[i], 0.0);
        }
    }

    private static double relativeError(double actual, double expected) {
        return expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
    }

    /** tanh z for 0 ≤ z ≤ 1 to about 35 digits: (1 − e)/(1 + e), e = exp(−2z) summed in BigDecimal. */
    private static double tanhReference(double z) {
        MathContext mc = new MathContext(40);
        BigDecimal x = new BigDecimal(-2 * z);
        // e = Σ x^k / k!, |x| ≤ 2: 60 terms reach 1e-40
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k < 60; k++) {
            term = term.multiply(x, mc).divide(BigDecimal.valueOf(k), mc);
            sum = sum.add(term, mc);
        }
        BigDecimal t = BigDecimal.ONE.subtract(sum, mc).divide(BigDecimal.ONE.add(sum, mc), mc);
        return Math.copySign(t.doubleValue(), z);
    }
}
