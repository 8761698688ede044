package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gauss rules computed afresh (not from the cache) against closed forms: the nodes and weights of
 * small degrees by hand, and for larger degrees the nodes as roots of the classical polynomials
 * (evaluated by their own recurrences, written plainly here) and the weights by the classical
 * formulas in those polynomials (Abramowitz &amp; Stegun 25.4.29, 25.4.45, 25.4.46).
 */
class GaussRuleClosedFormTest {
    /** Asserts x within 4 ulps of the expected value (1e-16 absolute at 0). */
    private static void assertClose(double expected, double actual, String what) {
        double tolerance = expected == 0 ? 1e-16 : 4 * Math.ulp(expected);
        assertEquals(expected, actual, tolerance, what);
    }

    private static void assertRule(GaussRule rule, double[] nodes, double[] weights) {
        assertEquals(nodes.length, rule.degree());
        for (int k = 0; k < nodes.length; k++) {
            assertClose(nodes[k], rule.node(k), "node " + k);
            assertClose(weights[k], rule.weight(k), "weight " + k);
        }
    }

    @Test
    void smallHermiteRulesByHand() {
        // E[g(Z)]: K = 1 at 0; K = 2 at ±1 with 1/2 each; K = 3 at 0, ±√3 with 2/3 and 1/6 (roots of He_K)
        assertRule(GaussRule.computeHermite(1), new double[] {0}, new double[] {1});
        assertRule(GaussRule.computeHermite(2), new double[] {-1, 1}, new double[] {0.5, 0.5});
        assertRule(GaussRule.computeHermite(3), new double[] {-Math.sqrt(3), 0, Math.sqrt(3)}, new double[] {1.0 / 6, 2.0 / 3, 1.0 / 6});
    }

    @Test
    void smallLaguerreRulesByHand() {
        // ∫ g e^(−s): K = 1 at 1; K = 2 at 2 ∓ √2 with (2 ± √2)/4 (roots of L_2 = (s² − 4s + 2)/2)
        assertRule(GaussRule.computeLaguerre(1), new double[] {1}, new double[] {1});
        assertRule(GaussRule.computeLaguerre(2), new double[] {2 - Math.sqrt(2), 2 + Math.sqrt(2)},
                new double[] {(2 + Math.sqrt(2)) / 4, (2 - Math.sqrt(2)) / 4});
    }

    @Test
    void smallLegendreRulesByHand() {
        // ∫_{−1}^{1} g: K = 1 at 0 with 2; K = 2 at ±1/√3 with 1; K = 3 at 0, ±√(3/5) with 8/9, 5/9
        assertRule(GaussRule.computeLegendre(1), new double[] {0}, new double[] {2});
        assertRule(GaussRule.computeLegendre(2), new double[] {-1 / Math.sqrt(3), 1 / Math.sqrt(3)}, new double[] {1, 1});
        assertRule(GaussRule.computeLegendre(3), new double[] {-Math.sqrt(0.6), 0, Math.sqrt(0.6)},
                new double[] {5.0 / 9, 8.0 / 9, 5.0 / 9});
    }

    /** {He_{K−1}(x), He_K(x)}, probabilists' Hermite: He_{j+1} = x He_j − j He_{j−1}. */
    private static double[] hermitePolynomials(int k, double x) {
        double previous = 1;
        double current = x;
        for (int j = 1; j < k; j++) {
            double next = x * current - j * previous;
            previous = current;
            current = next;
        }
        return new double[] {previous, current};
    }

    /** {L_{K−1}(x), L_K(x), L_{K+1}(x)}: (j + 1) L_{j+1} = (2j + 1 − x) L_j − j L_{j−1}. */
    private static double[] laguerrePolynomials(int k, double x) {
        double[] l = new double[k + 2];
        l[0] = 1;
        l[1] = 1 - x;
        for (int j = 1; j <= k; j++) {
            l[j + 1] = ((2 * j + 1 - x) * l[j] - j * l[j - 1]) / (j + 1);
        }
        return new double[] {l[k - 1], l[k], l[k + 1]};
    }

    /** {P_{K−1}(x), P_K(x)}: (j + 1) P_{j+1} = (2j + 1) x P_j − j P_{j−1}. */
    private static double[] legendrePolynomials(int k, double x) {
        double previous = 1;
        double current = x;
        for (int j = 1; j < k; j++) {
            double next = ((2 * j + 1) * x * current - j * previous) / (j + 1);
            previous = current;
            current = next;
        }
        return new double[] {previous, current};
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {4, 7, 12, 20, 30})
    void hermiteNodesAreRootsOfHeKAndWeightsAreKFactorialOverKSquaredHeKMinusOneSquared(int k) {
        GaussRule rule = GaussRule.computeHermite(k);
        double factorial = 1;
        for (int j = 2; j <= k; j++) {
            factorial *= j;
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double x = rule.node(i);
            double[] he = hermitePolynomials(k, x);
            // the Newton step He_K / He_K' (He_K' = K He_{K−1}) at the node is round-off
            double step = he[1] / (k * he[0]);
            assertTrue(Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x)), "K = " + k + " node " + x + ": Newton step " + step);
            // w = K! / (K² He_{K−1}(x)²)
            double w = factorial / (k * k * he[0] * he[0]);
            assertEquals(w, rule.weight(i), 1e-13 * w, "K = " + k + " weight " + i);
            sum += rule.weight(i);
        }
        assertEquals(1.0, sum, 1e-14);
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {3, 6, 12, 20})
    void laguerreNodesAreRootsOfLKAndWeightsAreSOverKPlusOneSquaredLKPlusOneSquared(int k) {
        GaussRule rule = GaussRule.computeLaguerre(k);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double x = rule.node(i);
            double[] l = laguerrePolynomials(k, x);
            // L_K' = K (L_K − L_{K−1}) / x
            double step = l[1] / (k * (l[1] - l[0]) / x);
            assertTrue(Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x)), "K = " + k + " node " + x + ": Newton step " + step);
            // w = x / ((K + 1)² L_{K+1}(x)²)
            double w = x / ((k + 1.0) * (k + 1.0) * l[2] * l[2]);
            assertEquals(w, rule.weight(i), 1e-12 * w, "K = " + k + " weight " + i);
            sum += rule.weight(i);
        }
        assertEquals(1.0, sum, 1e-14);
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {4, 9, 16, 40})
    void legendreNodesAreRootsOfPKAndWeightsAreTwoOverOneMinusXSquaredPKPrimeSquared(int k) {
        GaussRule rule = GaussRule.computeLegendre(k);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double x = rule.node(i);
            double[] p = legendrePolynomials(k, x);
            // P_K' = K (x P_K − P_{K−1}) / (x² − 1)
            double derivative = k * (x * p[1] - p[0]) / (x * x - 1);
            double step = p[1] / derivative;
            assertTrue(Math.abs(step) <= 1e-15, "K = " + k + " node " + x + ": Newton step " + step);
            double w = 2 / ((1 - x * x) * derivative * derivative);
            assertEquals(w, rule.weight(i), 1e-13 * w, "K = " + k + " weight " + i);
            sum += rule.weight(i);
            // symmetric about 0
            assertEquals(-x, rule.node(k - 1 - i), 1e-15);
        }
        assertEquals(2.0, sum, 1e-14);
    }

    @Test
    void theLargestDegreesComputeWithoutOverflow() {
        // weights sum to the mass, ascending nodes, positive weights
        for (GaussRule rule : new GaussRule[] {GaussRule.computeHermite(GaussRule.MAX_HERMITE_DEGREE),
            GaussRule.computeLaguerre(GaussRule.MAX_LAGUERRE_DEGREE), GaussRule.computeLegendre(GaussRule.MAX_LEGENDRE_DEGREE)}) {
            double sum = 0;
            for (int k = 0; k < rule.degree(); k++) {
                assertTrue(rule.weight(k) > 0 && Double.isFinite(rule.weight(k)));
                assertTrue(k == 0 || rule.node(k) > rule.node(k - 1));
                sum += rule.weight(k);
            }
            double mass = rule.degree() == GaussRule.MAX_LEGENDRE_DEGREE ? 2 : 1;
            assertEquals(mass, sum, 1e-13, "degree " + rule.degree());
        }
        assertEquals(GaussRule.MAX_LEGENDRE_DEGREE, GaussRule.computeLegendre(GaussRule.MAX_LEGENDRE_DEGREE).degree());
    }

    @Test
    void degreesOutsideTheirRangeAreRefused() {
        assertEquals("Gauss-Hermite degree must be in [1, 256], got 0",
                assertThrows(IllegalArgumentException.class, () -> GaussRule.hermite(0)).getMessage());
        assertEquals("Gauss-Hermite degree must be in [1, 256], got 257",
                assertThrows(IllegalArgumentException.class, () -> GaussRule.hermite(257)).getMessage());
        assertEquals("Gauss-Laguerre degree must be in [1, 128], got 0",
                assertThrows(IllegalArgumentException.class, () -> GaussRule.laguerre(0)).getMessage());
        assertEquals("Gauss-Laguerre degree must be in [1, 128], got 129",
                assertThrows(IllegalArgumentException.class, () -> GaussRule.laguerre(129)).getMessage());
        assertEquals("Gauss-Legendre degree must be in [1, 1024], got 0",
                assertThrows(IllegalArgumentException.class, () -> GaussRule.legendre(0)).getMessage());
        assertEquals("Gauss-Legendre degree must be in [1, 1024], got 1025",
                assertThrows(IllegalArgumentException.class, () -> GaussRule.legendre(1025)).getMessage());
        // the bounds themselves are allowed
        assertEquals(1, GaussRule.legendre(1).degree());
        assertEquals(128, GaussRule.laguerre(128).degree());
    }

    @Test
    void cachedRulesEqualFreshOnesAndHandOutCopies() {
        GaussRule cached = GaussRule.legendre(7);
        assertSame(cached, GaussRule.legendre(7));
        GaussRule fresh = GaussRule.computeLegendre(7);
        assertNotSame(cached, fresh);
        assertArrayEquals(fresh.nodes(), cached.nodes(), 0.0);
        assertArrayEquals(fresh.weights(), cached.weights(), 0.0);
        // hermite, laguerre and legendre of one degree are different rules
        assertTrue(GaussRule.laguerre(7).node(0) > 0);
        assertTrue(GaussRule.hermite(7).node(0) < -1);
        double[] nodes = cached.nodes();
        double[] weights = cached.weights();
        assertEquals(7, nodes.length);
        for (int k = 0; k < 7; k++) {
            assertEquals(cached.node(k), nodes[k], 0.0);
            assertEquals(cached.weight(k), weights[k], 0.0);
        }
        nodes[0] = 99;
        weights[0] = 99;
        assertEquals(fresh.node(0), cached.node(0), 0.0);
        assertEquals(fresh.weight(0), cached.weight(0), 0.0);
    }
}
