package org.gdflow.core.theory;

/**
 * The loss-weighted Gram matrix whose spectrum sets the decay of the loss.
 *
 * <p>With r = u − y, L = ½ rᵀ M r and du/dt = −H M r (M = diag(μ)), the vector q = M^(1/2) r obeys
 * dq/dt = −K q with {@code K = M^(1/2) H M^(1/2)}, so {@code dL/dt = −qᵀ K q ≤ −2 λ_min(K) L}.
 * Points with μ_i = 0 carry no loss and drive nothing, so K is taken over the points with μ_i &gt; 0
 * only. For μ_i = 1/n (mean loss) λ_min(K) = λ_min(H)/n; for μ_i = 1 (sum) it is λ_min(H).
 */
public final class GramSpectrum {
    private GramSpectrum() {
    }

    /** The indices i with μ_i &gt; 0, ascending. */
    public static int[] weighted(double[] mu) {
        return java.util.stream.IntStream.range(0, mu.length).filter(i -> mu[i] > 0).toArray();
    }

    /**
     * {@code K = M_P^(1/2) H_PP M_P^(1/2)} over the points P with μ_i &gt; 0.
     *
     * @param gram H, n×n row-major. Not modified.
     * @param mu the loss weights, n. Not modified.
     * @param positive the indices P, from {@link #weighted}
     * @param out modified: receives K, p×p row-major (p = |P|); length at least p²
     */
    public static void weightedBlock(double[] gram, double[] mu, int[] positive, double[] out) {
        int n = mu.length;
        int p = positive.length;
        for (int a = 0; a < p; a++) {
            int i = positive[a];
            double si = Math.sqrt(mu[i]);
            for (int b = 0; b < p; b++) {
                int j = positive[b];
                out[a * p + b] = si * gram[i * n + j] * Math.sqrt(mu[j]);
            }
        }
    }

    /**
     * λ_min(M^(1/2) H M^(1/2)) over the points with μ_i &gt; 0; the loss then decays at least like
     * exp(−2 λ_min t). NaN if no point has μ_i &gt; 0.
     *
     * @param gram H, n×n. Not modified.
     * @param mu the loss weights. Not modified.
     * @param solver the eigen solver
     */
    public static double weightedMinEigenvalue(double[] gram, double[] mu, EigenSolver solver) {
        int[] positive = weighted(mu);
        if (positive.length == 0) {
            return Double.NaN;
        }
        double[] k = new double[positive.length * positive.length];
        weightedBlock(gram, mu, positive, k);
        return solver.solve(k, null)[0];
    }
}
