package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loss-weighted Gram spectrum against 2×2 eigenvalues worked out by hand. */
class GramSpectrumTest {
    private static final EigenSolver JACOBI = new JacobiEigen();

    @Test
    void weightedKeepsThePositiveWeightsInOrder() {
        assertArrayEquals(new int[] {0, 2, 3}, GramSpectrum.weighted(new double[] {0.5, 0, 1e-300, 2}));
        assertArrayEquals(new int[] {}, GramSpectrum.weighted(new double[] {0, -1, 0}));
        assertArrayEquals(new int[] {1}, GramSpectrum.weighted(new double[] {-0.5, 0.25}));
    }

    @Test
    void weightedBlockIsRootMuTimesHTimesRootMu() {
        double[] h = {
            4, 1, 2,
            1, 3, 5,
            2, 5, 9};
        double[] mu = {0.25, 0, 4};
        double[] k = new double[4];
        GramSpectrum.weightedBlock(h, mu, new int[] {0, 2}, k);
        // K = diag(0.5, 2) [[4, 2], [2, 9]] diag(0.5, 2) = [[1, 2], [2, 36]]
        assertArrayEquals(new double[] {1, 2, 2, 36}, k, 1e-15);
        double[] full = new double[9];
        GramSpectrum.weightedBlock(h, new double[] {1, 1, 1}, new int[] {0, 1, 2}, full);
        assertArrayEquals(h, full, 0.0);
    }

    @Test
    void minEigenvalueOfATwoByTwoByHand() {
        // H = [[2, 1], [1, 2]], μ = 1/2 each: K = H/2 has eigenvalues (2 ± 1)/2, so λ_min = 1/2
        assertEquals(0.5, GramSpectrum.weightedMinEigenvalue(new double[] {2, 1, 1, 2}, new double[] {0.5, 0.5}, JACOBI), 1e-15);
        // H = [[3, 1], [1, 1]], μ = (1, 4): K = [[3, 2], [2, 4]], λ_min = (7 − √17)/2
        assertEquals((7 - Math.sqrt(17)) / 2,
                GramSpectrum.weightedMinEigenvalue(new double[] {3, 1, 1, 1}, new double[] {1, 4}, JACOBI), 1e-14);
    }

    @Test
    void pointsWithoutWeightAreLeftOut() {
        // the third point has μ = 0 and an H row that would make λ_min(M^½ H M^½) = 0 over all three points
        double[] h = {
            2, 1, 7,
            1, 2, 7,
            7, 7, 1};
        assertEquals(1.0, GramSpectrum.weightedMinEigenvalue(h, new double[] {1, 1, 0}, JACOBI), 1e-14);
        assertTrue(Double.isNaN(GramSpectrum.weightedMinEigenvalue(h, new double[] {0, 0, 0}, JACOBI)));
    }

    @Test
    void theGramIsNotModified() {
        double[] h = {2, 1, 1, 2};
        double[] mu = {0.5, 0.5};
        GramSpectrum.weightedMinEigenvalue(h, mu, (k, q) -> {
            java.util.Arrays.fill(k, Double.NaN);
            return new double[] {0, 0};
        });
        assertArrayEquals(new double[] {2, 1, 1, 2}, h, 0.0);
        assertArrayEquals(new double[] {0.5, 0.5}, mu, 0.0);
    }
}
