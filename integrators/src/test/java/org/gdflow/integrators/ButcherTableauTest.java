package org.gdflow.integrators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The tableau constants satisfy the order conditions; bad tableaus are refused. */
class ButcherTableauTest {

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** (A v)_i = Σ_{j<i} a_ij v_j. */
    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                out[i] += a[i][j] * v[j];
            }
        }
        return out;
    }

    private static double[] product(double[] u, double[] v) {
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] * v[i];
        }
        return out;
    }

    private static double dot(double[] u, double[] v) {
        return sum(product(u, v));
    }

    @Test
    void rk4SatisfiesTheEightConditionsOfOrderFour() {
        ButcherTableau t = Rk4Integrator.TABLEAU;
        double[] b = t.b();
        double[] c = t.c();
        double[][] a = t.a();
        double[] ac = times(a, c);
        assertEquals(1, sum(b), 1e-15, "Σ b = 1");
        assertEquals(1.0 / 2, dot(b, c), 1e-15, "Σ b c = 1/2");
        assertEquals(1.0 / 3, dot(b, product(c, c)), 1e-15, "Σ b c² = 1/3");
        assertEquals(1.0 / 6, dot(b, ac), 1e-15, "Σ b A c = 1/6");
        assertEquals(1.0 / 4, dot(b, product(c, product(c, c))), 1e-15, "Σ b c³ = 1/4");
        assertEquals(1.0 / 8, dot(b, product(c, ac)), 1e-15, "Σ b c A c = 1/8");
        assertEquals(1.0 / 12, dot(b, times(a, product(c, c))), 1e-15, "Σ b A c² = 1/12");
        assertEquals(1.0 / 24, dot(b, times(a, ac)), 1e-15, "Σ b A A c = 1/24");
        assertEquals(4, t.stages());
    }

    @Test
    void eulerIsTheOneStageTableau() {
        ButcherTableau t = EulerIntegrator.TABLEAU;
        assertEquals(1, t.stages());
        assertArrayEquals(new double[] {1}, t.b());
        assertArrayEquals(new double[] {0}, t.c());
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] c = {0, 1};
        double[][] a = {{}, {1}};
        double[] b = {0.5, 0.5};
        ButcherTableau t = new ButcherTableau(c, a, b);
        b[0] = 7;
        a[1][0] = 7;
        t.b()[1] = 7;
        t.a()[1][0] = 7;
        assertArrayEquals(new double[] {0.5, 0.5}, t.b());
        assertArrayEquals(new double[] {1}, t.a()[1]);
        assertNotSame(t.c(), t.c());
        assertEquals(new ButcherTableau(new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}), t);
    }

    @Test
    void refusesTableausThatAreNotExplicitAndConsistent() {
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau(new double[] {0}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}));
        assertEquals("Inconsistent tableau shapes: c has 1 nodes, a has 2 rows, b has 2 weights; all need one entry per stage",
                shapes.getMessage());
        IllegalArgumentException implicit = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau(new double[] {0, 1}, new double[][] {{}, {0.5, 0.5}}, new double[] {0.5, 0.5}));
        assertEquals("row 1 of a must have 1 coefficients (explicit method: a_ij for j < i), got 2", implicit.getMessage());
        IllegalArgumentException firstNode = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau(new double[] {0.5}, new double[][] {{}}, new double[] {1}));
        assertEquals("c[0] must be 0 (the first stage is F(θ_k)), got 0.5", firstNode.getMessage());
        IllegalArgumentException rowSum = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau(new double[] {0, 1}, new double[][] {{}, {0.5}}, new double[] {0.5, 0.5}));
        assertEquals("row 1 of a sums to 0.5 but c[1] = 1.0; an explicit tableau needs Σ_j a_ij = c_i", rowSum.getMessage());
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau(new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.25}));
        assertEquals("the weights b sum to 0.75, not 1", weights.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau(new double[0], new double[0][], new double[0]));
        assertEquals("b must have at least one weight (one stage)", empty.getMessage());
    }

    @Test
    void aRowSumWithinTheRoundingToleranceOfItsNodeIsAccepted() {
        // Σ_j a_1j − c_1 = 1e-14 exactly (c_1 = 0): the tolerance 1e-14 for decimal literals is inclusive
        ButcherTableau atTolerance = new ButcherTableau(new double[] {0, 0}, new double[][] {{}, {1e-14}}, new double[] {0.5, 0.5});
        assertArrayEquals(new double[] {1e-14}, atTolerance.a()[1]);
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> new ButcherTableau(new double[] {0, 0}, new double[][] {{}, {2e-14}}, new double[] {0.5, 0.5}));
        assertEquals("row 1 of a sums to 2.0E-14 but c[1] = 0.0; an explicit tableau needs Σ_j a_ij = c_i", beyond.getMessage());
    }

    private static ButcherTableau twoStage(double c1, double a10, double b0, double b1) {
        return new ButcherTableau(new double[] {0, c1}, new double[][] {{}, {a10}}, new double[] {b0, b1});
    }

    @Test
    void equalsComparesEveryCoefficientAndHashCodeFollows() {
        ButcherTableau heun = twoStage(1, 1, 0.5, 0.5);
        ButcherTableau sameAsHeun = twoStage(1, 1, 0.5, 0.5);
        assertEquals(heun, sameAsHeun);
        assertEquals(heun.hashCode(), sameAsHeun.hashCode(), "equal tableaus hash alike");
        // each differs from Heun in one part: b only, a and c, c only (one ulp, inside the 1e-14 tolerance)
        ButcherTableau otherWeights = twoStage(1, 1, 0.25, 0.75);
        ButcherTableau otherCoupling = twoStage(2, 2, 0.5, 0.5);
        ButcherTableau otherNode = twoStage(Math.nextUp(1.0), 1, 0.5, 0.5);
        for (ButcherTableau other : new ButcherTableau[] {otherWeights, otherCoupling, otherNode}) {
            assertNotEquals(heun, other, other.toString());
            assertNotEquals(other, heun, other.toString());
            // not required by the contract, but a hash that ignored c, a or b would collide on one of these
            assertNotEquals(heun.hashCode(), other.hashCode(), "hash reads every part: " + other);
        }
        assertNotEquals(EulerIntegrator.TABLEAU, Rk4Integrator.TABLEAU);
        assertFalse(heun.equals(null));
        assertFalse(heun.equals("ButcherTableau[c=[0.0, 1.0], a=[[], [1.0]], b=[0.5, 0.5]]"));
    }

    @Test
    void toStringListsTheCoefficients() {
        assertEquals("ButcherTableau[c=[0.0, 1.0], a=[[], [1.0]], b=[0.5, 0.5]]", twoStage(1, 1, 0.5, 0.5).toString());
    }
}
