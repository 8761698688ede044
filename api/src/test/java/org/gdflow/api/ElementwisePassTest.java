package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused elementwise pass against the formulas computed naively, row by row, with σ = z³ (Cube):
 * u_i, r_i, L, the velocity of a, D̃; the blocks (by hand); results independent of the order the blocks
 * run in; mini-batches of fewer rows; forward-only passes; a untrained.
 */
class ElementwisePassTest {
    private static final Activation CUBE = new Cube();

    /** n = 37 (16 blocks of 2 or 3 rows), d = 2, m = 7 (not a multiple of 4). */
    private static NetworkProblem problem(boolean trainA) {
        return problem(trainA, 7);
    }

    /** n = 37, d = 2 and the given m. */
    private static NetworkProblem problem(boolean trainA, int m) {
        int n = 37;
        int d = 2;
        SplittableRandom random = new SplittableRandom(5);
        double[] x = random.doubles(n * d, -1, 1).toArray();
        double[] y = random.doubles(n, -1, 1).toArray();
        double[] mu = random.doubles(n, 0.5, 2).toArray();
        return new NetworkProblem(x, y, mu, n, d, m, CUBE, 0.3, 2.5, true, trainA);
    }

    private static double[] theta(NetworkProblem p) {
        return new SplittableRandom(9).doubles(p.dimension(), -1, 1).toArray();
    }

    /** z_ir = w_r·x_i. */
    private static double z(NetworkProblem p, double[] theta, int i, int r) {
        double sum = 0;
        for (int k = 0; k < p.d(); k++) {
            sum += theta[r * p.d() + k] * p.x()[i * p.d() + k];
        }
        return sum;
    }

    /** Runs the pass over the rows, blocks in the given order; returns D̃ row by row, L in out[0]. */
    private static double[][] run(ElementwisePass pass, NetworkProblem p, double[] theta, int rows, boolean backward,
            boolean reversed, double[] velocity, double[] loss) {
        pass.begin(theta, rows, backward);
        double[][] dTilde = new double[rows][];
        ElementwisePass.Scratch scratch = pass.scratch();
        for (int k = 0; k < pass.blocks(); k++) {
            int b = reversed ? pass.blocks() - 1 - k : k;
            for (int i = pass.blockStart(b); i < pass.blockStart(b + 1); i++) {
                for (int r = 0; r < p.width(); r++) {
                    scratch.z()[r] = z(p, theta, i, r);
                }
                pass.row(b, i, p.y()[i], p.mu()[i], scratch);
                dTilde[i] = scratch.z().clone();
            }
        }
        loss[0] = pass.finish(velocity);
        return dTilde;
    }

    @Test
    void everyOutputAgainstTheNaiveFormulas() {
        NetworkProblem p = problem(true);
        double[] theta = theta(p);
        int m = p.width();
        double s = p.outputScale();
        ElementwisePass pass = new ElementwisePass(p);
        double[] velocity = new double[p.dimension()];
        double[] loss = new double[1];
        double[][] dTilde = run(pass, p, theta, p.n(), true, false, velocity, loss);
        double expectedLoss = 0;
        double[] gradA = new double[m];
        for (int i = 0; i < p.n(); i++) {
            double u = 0;
            for (int r = 0; r < m; r++) {
                double zi = z(p, theta, i, r);
                u += theta[p.offsetA() + r] * zi * zi * zi;
                // D̃_ir = a_r σ'(z_ir) = a_r 3 z²
                assertEquals(theta[p.offsetA() + r] * 3 * zi * zi, dTilde[i][r], 1e-14, "D̃_" + i + r);
            }
            u *= s;
            double e = u - p.y()[i];
            assertEquals(u, pass.prediction(i), 1e-14, "u_" + i);
            assertEquals(p.mu()[i] * e, pass.residual(i), 1e-14, "r_" + i);
            expectedLoss += 0.5 * p.mu()[i] * e * e;
            for (int r = 0; r < m; r++) {
                double zi = z(p, theta, i, r);
                gradA[r] += s * p.mu()[i] * e * zi * zi * zi;
            }
        }
        assertEquals(expectedLoss, loss[0], 1e-14 * expectedLoss);
        for (int r = 0; r < m; r++) {
            // velocity_a = −τ ∂L/∂a_r
            assertEquals(-p.timeScale() * gradA[r], velocity[p.offsetA() + r], 1e-13, "velocity a_" + r);
        }
        for (int j = 0; j < p.offsetA(); j++) {
            assertEquals(0.0, velocity[j], 0.0, "the W part is the backend's");
        }
    }

    @Test
    void aRowWiderThanAVectorGivesThePredictionResidualAndDTildeOfTheFormulas() {
        // m = 19: at least one vector of 4 or 8 lanes, so with SIMD the row's dot product is VectorRows.dot (through its handle)
        NetworkProblem p = problem(true, 19);
        double[] theta = theta(p);
        double[] velocity = new double[p.dimension()];
        double[] loss = new double[1];
        ElementwisePass pass = new ElementwisePass(p);
        double[][] dTilde = run(pass, p, theta, p.n(), true, false, velocity, loss);
        for (int i = 0; i < p.n(); i++) {
            double u = 0;
            for (int r = 0; r < p.width(); r++) {
                double zi = z(p, theta, i, r);
                // u_i = s Σ_r a_r z³, D̃_ir = a_r 3 z²
                u += theta[p.offsetA() + r] * zi * zi * zi;
                assertEquals(theta[p.offsetA() + r] * 3 * zi * zi, dTilde[i][r], 1e-14, "D̃_" + i + "," + r);
            }
            assertEquals(p.outputScale() * u, pass.prediction(i), 1e-14, "u_" + i);
            assertEquals(p.mu()[i] * (p.outputScale() * u - p.y()[i]), pass.residual(i), 1e-14, "r_" + i);
        }
    }

    @Test
    void blocksAreFixedByTheRowCount() {
        ElementwisePass pass = new ElementwisePass(problem(true));
        double[] theta = theta(problem(true));
        pass.begin(theta, 37, true);
        assertEquals(16, pass.blocks());
        // ⌊37 b / 16⌋: 0, 2, 4, 6, 9, …, 34, 37
        assertArrayEquals(new int[] {0, 2, 4, 6, 9, 11, 13, 16, 18, 20, 23, 25, 27, 30, 32, 34, 37},
                java.util.stream.IntStream.rangeClosed(0, 16).map(pass::blockStart).toArray());
        pass.begin(theta, 5, true);
        assertEquals(5, pass.blocks());
        assertEquals(3, pass.blockStart(3));
        assertEquals(16, ElementwisePass.MAX_BLOCKS);
    }

    @Test
    void theOrderOfTheBlocksChangesNoBit() {
        NetworkProblem p = problem(true);
        double[] theta = theta(p);
        double[] v1 = new double[p.dimension()];
        double[] v2 = new double[p.dimension()];
        double[] l1 = new double[1];
        double[] l2 = new double[1];
        double[][] d1 = run(new ElementwisePass(p), p, theta, p.n(), true, false, v1, l1);
        double[][] d2 = run(new ElementwisePass(p), p, theta, p.n(), true, true, v2, l2);
        assertEquals(l1[0], l2[0], 0.0);
        assertArrayEquals(v1, v2, 0.0);
        for (int i = 0; i < p.n(); i++) {
            assertArrayEquals(d1[i], d2[i], 0.0);
        }
    }

    @Test
    void aSecondEvaluationStartsItsBlockSumsAfreshAndFewerRowsUseTheFirstRows() {
        NetworkProblem p = problem(true);
        double[] theta = theta(p);
        ElementwisePass pass = new ElementwisePass(p);
        double[] full = new double[p.dimension()];
        double[] loss = new double[1];
        run(pass, p, theta, p.n(), true, false, full, loss);
        // then 3 rows: the same as a fresh pass over those rows
        double[] three = new double[p.dimension()];
        double[] fresh = new double[p.dimension()];
        double[] l3 = new double[1];
        double[] lf = new double[1];
        run(pass, p, theta, 3, true, false, three, l3);
        run(new ElementwisePass(p), p, theta, 3, true, false, fresh, lf);
        assertArrayEquals(fresh, three, 0.0);
        assertEquals(lf[0], l3[0], 0.0);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += 0.5 * pass.residual(i) * (pass.prediction(i) - p.y()[i]);
        }
        assertEquals(expected, l3[0], 1e-15);
    }

    @Test
    void aForwardPassLeavesSigmaPrimeUnscaledAndTheVelocityAlone() {
        NetworkProblem p = problem(true);
        double[] theta = theta(p);
        ElementwisePass pass = new ElementwisePass(p);
        pass.begin(theta, 1, false);
        ElementwisePass.Scratch scratch = pass.scratch();
        double[] z = {0.5, -1, 2, 0, 1, -0.25, 3};
        System.arraycopy(z, 0, scratch.z(), 0, 7);
        pass.row(0, 0, p.y()[0], p.mu()[0], scratch);
        // σ'(z) = 3z², not multiplied by a
        assertArrayEquals(new double[] {0.75, 3, 12, 0, 3, 0.1875, 27}, scratch.z(), 0.0);
        double[] velocity = new double[p.dimension()];
        java.util.Arrays.fill(velocity, 7);
        double u = 0;
        for (int r = 0; r < 7; r++) {
            u += theta[p.offsetA() + r] * z[r] * z[r] * z[r];
        }
        u *= p.outputScale();
        assertEquals(u, pass.prediction(0), 1e-14);
        assertEquals(0.5 * p.mu()[0] * (u - p.y()[0]) * (u - p.y()[0]), pass.finish(velocity), 1e-14);
        for (double v : velocity) {
            assertEquals(7.0, v, 0.0);
        }
    }

    @Test
    void withATrainedOnlyInWTheVelocityOfAIsZero() {
        NetworkProblem p = problem(false);
        double[] theta = theta(p);
        double[] velocity = new double[p.dimension()];
        java.util.Arrays.fill(velocity, Double.NaN);
        double[] loss = new double[1];
        run(new ElementwisePass(p), p, theta, p.n(), true, false, velocity, loss);
        for (int r = 0; r < p.width(); r++) {
            assertEquals(0L, Double.doubleToRawLongBits(velocity[p.offsetA() + r]), "velocity a_" + r + " is +0");
        }
    }

    @Test
    void theDotProductSumsFourInterleavedPartialsThenPairs() {
        // m = 4, a = 1, s = 1, σ = z³: terms 2⁶⁰, 1, −2⁶⁰, 1 sum to (2⁶⁰ + 1) + (−2⁶⁰ + 1) = 0 in pairs,
        // to 1 from left to right; the pairs' order keeps the result independent of the vector width
        NetworkProblem p = new NetworkProblem(new double[] {1}, new double[] {0}, new double[] {1}, 1, 1, 4, CUBE, 1, 1, true, true);
        double[] theta = {0x1p20, 1, -0x1p20, 1, 1, 1, 1, 1};
        ElementwisePass pass = new ElementwisePass(p);
        pass.begin(theta, 1, false);
        ElementwisePass.Scratch scratch = pass.scratch();
        System.arraycopy(new double[] {0x1p20, 1, -0x1p20, 1}, 0, scratch.z(), 0, 4);
        pass.row(0, 0, 0, 1, scratch);
        assertEquals(0.0, pass.prediction(0), 0.0);
    }

    @Test
    void dTildeWrittenElsewhereHasTheBitsOfTheInPlaceRow() {
        NetworkProblem p = problem(true);
        double[] theta = theta(p);
        int m = p.width();
        ElementwisePass inPlace = new ElementwisePass(p);
        ElementwisePass elsewhere = new ElementwisePass(p);
        double[] vIn = new double[p.dimension()];
        double[] vOut = new double[p.dimension()];
        for (boolean backward : new boolean[] {true, false}) {
            inPlace.begin(theta, p.n(), backward);
            elsewhere.begin(theta, p.n(), backward);
            ElementwisePass.Scratch a = inPlace.scratch();
            ElementwisePass.Scratch b = elsewhere.scratch();
            // D̃ of row i goes to out[3 + i·m, 3 + (i + 1)·m); the 3 entries before and after stay NaN
            double[] out = new double[p.n() * m + 6];
            java.util.Arrays.fill(out, Double.NaN);
            for (int block = 0; block < inPlace.blocks(); block++) {
                for (int i = inPlace.blockStart(block); i < inPlace.blockStart(block + 1); i++) {
                    for (int r = 0; r < m; r++) {
                        a.z()[r] = z(p, theta, i, r);
                        b.z()[r] = a.z()[r];
                    }
                    inPlace.row(block, i, p.y()[i], p.mu()[i], a);
                    elsewhere.row(block, i, p.y()[i], p.mu()[i], b, out, 3 + i * m);
                    for (int r = 0; r < m; r++) {
                        if (backward) {
                            assertEquals(Double.doubleToRawLongBits(a.z()[r]), Double.doubleToRawLongBits(out[3 + i * m + r]), "D̃_" + i + r);
                            // the scratch keeps σ' = 3z²
                            double zr = z(p, theta, i, r);
                            assertEquals(3 * zr * zr, b.z()[r], 1e-15 * (1 + 3 * zr * zr), "σ'_" + i + r);
                        } else {
                            assertTrue(Double.isNaN(out[3 + i * m + r]), "a forward pass leaves out alone");
                        }
                    }
                    assertEquals(inPlace.prediction(i), elsewhere.prediction(i), 0.0);
                    assertEquals(inPlace.residual(i), elsewhere.residual(i), 0.0);
                }
            }
            for (int e : new int[] {0, 1, 2, out.length - 3, out.length - 2, out.length - 1}) {
                assertTrue(Double.isNaN(out[e]), "entry " + e + " outside the rows");
            }
            assertEquals(inPlace.finish(vIn), elsewhere.finish(vOut), 0.0);
            assertArrayEquals(vIn, vOut, 0.0);
        }
    }

    /** ((d0 + d1) + (d2 + d3)), d_l the sum of a_r σ_r over r ≡ l (mod 4) below the last multiple of 4, then the rest in d0. */
    private static double partialSums(double[] a, double[] sigma, int m) {
        double[] d = new double[4];
        int full = m - m % 4;
        for (int r = 0; r < full; r++) {
            d[r % 4] += a[r] * sigma[r];
        }
        for (int r = full; r < m; r++) {
            d[0] += a[r] * sigma[r];
        }
        return (d[0] + d[1]) + (d[2] + d[3]);
    }

    @Test
    void theSimdDotRunsOnlyWithFourOrEightLanes() {
        // its reduction folds 8 lanes onto 4 (UPPER_DOWN) and 4 onto the partial sums d0..d3: other widths would sum wrongly
        assertTrue(VectorRows.supports(4));
        assertTrue(VectorRows.supports(8));
        for (int lanes : new int[] {0, 1, 2, 3, 5, 7, 16}) {
            assertFalse(VectorRows.supports(lanes), "lanes " + lanes);
        }
    }

    @Test
    void theSimdDotAndTheScalarDotAgreeBitForBitWithThePartialSumsOnEveryTail() {
        org.junit.jupiter.api.Assumptions.assumeTrue(VectorSupport.enabled() && VectorRows.supports(VectorSupport.lanes()),
                "the test JVM resolves jdk.incubator.vector");
        SplittableRandom random = new SplittableRandom(17);
        for (int m = 0; m <= 41; m++) {
            for (int trial = 0; trial < 20; trial++) {
                // values of mixed magnitude, so that a different order of the additions changes the bits
                double[] a = random.doubles(m, -1, 1).map(v -> v * Math.scalb(1.0, random.nextInt(-30, 30))).toArray();
                double[] sigma = random.doubles(m, -1, 1).toArray();
                double[] z = random.doubles(m, -3, 3).toArray();
                double expected = partialSums(a, sigma, m);
                for (boolean backward : new boolean[] {false, true}) {
                    double[] outScalar = new double[m + 5];
                    double[] outVector = new double[m + 5];
                    java.util.Arrays.fill(outScalar, -7);
                    java.util.Arrays.fill(outVector, -7);
                    double scalar = ElementwisePass.dot(a, sigma, z, outScalar, 2, m, backward);
                    double vector = VectorRows.dot(a, sigma, z, outVector, 2, m, backward);
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(scalar), "scalar, m = " + m);
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(vector), "SIMD, m = " + m);
                    for (int e = 0; e < m + 5; e++) {
                        // D̃_r = a_r σ'_r at offset 2, backward only
                        double want = backward && e >= 2 && e < m + 2 ? a[e - 2] * z[e - 2] : -7;
                        assertEquals(want, outScalar[e], 0.0, "scalar D̃, m = " + m + ", entry " + e);
                        assertEquals(want, outVector[e], 0.0, "SIMD D̃, m = " + m + ", entry " + e);
                    }
                }
            }
        }
    }

    @Test
    void rowsOutsideOneToNAreRefused() {
        ElementwisePass pass = new ElementwisePass(problem(true));
        double[] theta = theta(problem(true));
        assertEquals("rows = 0 must be in [1, 37]",
                assertThrows(IllegalArgumentException.class, () -> pass.begin(theta, 0, true)).getMessage());
        assertEquals("rows = 38 must be in [1, 37]",
                assertThrows(IllegalArgumentException.class, () -> pass.begin(theta, 38, true)).getMessage());
        pass.begin(theta, 37, true);
        pass.begin(theta, 1, true);
    }
}
