package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Gauss rules integrate their weight's moments exactly up to degree 2K − 1. */
class GaussRuleTest {
    /** Checks Σ w_k x_k^p against the exact moment for p ≤ min(2K − 1, maxPower). */
    private static void assertMoments(GaussRule rule, IntToDoubleFunction exact, int maxPower, String name) {
        int k = rule.degree();
        for (int p = 0; p <= Math.min(2 * k - 1, maxPower); p++) {
            double sum = 0;
            double scale = 0;
            for (int i = 0; i < k; i++) {
                double term = rule.weight(i) * Math.pow(rule.node(i), p);
                sum += term;
                scale += Math.abs(term);
            }
            // round-off is relative to Σ w |x|^p (odd moments cancel in pairs)
            assertEquals(exact.applyAsDouble(p), sum, 1e-12 * Math.max(1, scale), name + " moment " + p + " with K = " + k);
        }
        for (int i = 1; i < k; i++) {
            assertTrue(rule.node(i) > rule.node(i - 1), "ascending nodes");
            assertTrue(rule.weight(i) > 0, "positive weights");
        }
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {1, 2, 3, 7, 10, 20, 64, 128, 200, 256})
    void hermiteIntegratesGaussianMoments(int k) {
        GaussRule rule = GaussRule.hermite(k);
        // E[Z^p] = (p − 1)!! for even p, 0 for odd p
        assertMoments(rule, p -> {
            if (p % 2 == 1) {
                return 0;
            }
            double f = 1;
            for (int j = p - 1; j > 1; j -= 2) {
                f *= j;
            }
            return f;
        }, 20, "Hermite");
        for (int i = 0; i < k; i++) {
            assertEquals(-rule.node(i), rule.node(k - 1 - i), 1e-13 * Math.max(1, Math.abs(rule.node(i))));
            assertEquals(rule.weight(i), rule.weight(k - 1 - i), 1e-13 * rule.weight(i));
        }
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {1, 2, 5, 16, 64, 128})
    void laguerreIntegratesExponentialMoments(int k) {
        // ∫_0^∞ s^p e^(−s) ds = p!
        assertMoments(GaussRule.laguerre(k), p -> {
            double f = 1;
            for (int j = 2; j <= p; j++) {
                f *= j;
            }
            return f;
        }, 16, "Laguerre");
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {1, 2, 5, 16, 64, 300})
    void legendreIntegratesMonomials(int k) {
        // ∫_{−1}^{1} x^p dx = 2/(p + 1) for even p, 0 for odd p
        assertMoments(GaussRule.legendre(k), p -> p % 2 == 1 ? 0 : 2.0 / (p + 1), 30, "Legendre");
    }

    @Test
    void integratesSmoothFunctionsToRoundOff() {
        // E[cos Z] = e^(−1/2); ∫_0^∞ cos(s) e^(−s) ds = 1/2; ∫_{−1}^{1} e^x dx = e − 1/e
        assertEquals(Math.exp(-0.5), integrate(GaussRule.hermite(40), Math::cos), 1e-15);
        assertEquals(0.5, integrate(GaussRule.laguerre(64), Math::cos), 1e-13);
        assertEquals(Math.E - 1 / Math.E, integrate(GaussRule.legendre(20), Math::exp), 1e-14);
    }

    private static double integrate(GaussRule rule, java.util.function.DoubleUnaryOperator f) {
        double sum = 0;
        for (int i = 0; i < rule.degree(); i++) {
            sum += rule.weight(i) * f.applyAsDouble(rule.node(i));
        }
        return sum;
    }

    @Test
    void cachesAndChecksTheDegree() {
        assertSame(GaussRule.hermite(33), GaussRule.hermite(33));
        assertThrows(IllegalArgumentException.class, () -> GaussRule.hermite(0));
        assertThrows(IllegalArgumentException.class, () -> GaussRule.hermite(GaussRule.MAX_HERMITE_DEGREE + 1));
        assertThrows(IllegalArgumentException.class, () -> GaussRule.laguerre(GaussRule.MAX_LAGUERRE_DEGREE + 1));
    }
}
