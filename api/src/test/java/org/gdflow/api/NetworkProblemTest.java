package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The shape checks of a problem, and θ's layout: W (m×d) row-major, then a (m). */
class NetworkProblemTest {

    /** σ(z) = z, enough for a shape check. */
    private static final Activation IDENTITY = new Activation() {
        @Override
        public double value(double z) {
            return z;
        }

        @Override
        public double derivative(double z) {
            return 1;
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    };

    private static NetworkProblem problem(int n, int d, int width, boolean trainW, boolean trainA) {
        return new NetworkProblem(new double[n * d], new double[n], new double[n], n, d, width, IDENTITY, 0.5, 1.0, trainW, trainA);
    }

    private static void assertRefused(String message, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(message, e.getMessage());
    }

    @Test
    void thetaHoldsMTimesDWeightsThenMOutputWeights() {
        // m = 4, d = 3: 12 entries of W, a from index 12, 16 in all
        NetworkProblem p = problem(5, 3, 4, true, true);
        assertEquals(16, p.dimension());
        assertEquals(12, p.offsetA());
        // m = 7, d = 2: 14 + 7
        NetworkProblem q = problem(2, 2, 7, true, false);
        assertEquals(21, q.dimension());
        assertEquals(14, q.offsetA());
        NetworkProblem smallest = problem(1, 1, 1, false, true);
        assertEquals(2, smallest.dimension());
        assertEquals(1, smallest.offsetA());
        assertSame(IDENTITY, smallest.activation());
    }

    @Test
    void sizesMustBePositive() {
        assertRefused("n, d and width must be positive: n=0 d=3 width=4", () -> problem(0, 3, 4, true, true));
        assertRefused("n, d and width must be positive: n=5 d=0 width=4", () -> problem(5, 0, 4, true, true));
        assertRefused("n, d and width must be positive: n=5 d=3 width=0", () -> problem(5, 3, 0, true, true));
        assertRefused("n, d and width must be positive: n=5 d=3 width=-1",
                () -> new NetworkProblem(new double[15], new double[5], new double[5], 5, 3, -1, IDENTITY, 1, 1, true, true));
    }

    @Test
    void arraysMustHaveTheShapesOfNAndD() {
        // n = 3, d = 2: x needs 6 values, y and mu 3
        assertRefused("Inconsistent shapes: x has 5 values for n×d = 3×2, y has 3, mu has 3",
                () -> new NetworkProblem(new double[5], new double[3], new double[3], 3, 2, 4, IDENTITY, 1, 1, true, true));
        assertRefused("Inconsistent shapes: x has 6 values for n×d = 3×2, y has 2, mu has 3",
                () -> new NetworkProblem(new double[6], new double[2], new double[3], 3, 2, 4, IDENTITY, 1, 1, true, true));
        assertRefused("Inconsistent shapes: x has 6 values for n×d = 3×2, y has 3, mu has 4",
                () -> new NetworkProblem(new double[6], new double[3], new double[4], 3, 2, 4, IDENTITY, 1, 1, true, true));
        NetworkProblem ok = new NetworkProblem(new double[6], new double[3], new double[3], 3, 2, 4, IDENTITY, 1, 1, true, true);
        assertEquals(3, ok.n());
    }

    @Test
    void somethingMustBeTrainedAndTheActivationGiven() {
        assertRefused("at least one of W and a must be trained", () -> problem(2, 2, 2, false, false));
        assertEquals(6, problem(2, 2, 2, true, false).dimension());
        assertEquals(6, problem(2, 2, 2, false, true).dimension());
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new NetworkProblem(new double[4], new double[2], new double[2], 2, 2, 2, null, 1, 1, true, true));
        assertEquals("activation", e.getMessage());
    }
}
