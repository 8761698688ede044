package org.gdflow.core.theory;

/**
 * The linearised (NTK) predictions of a run: the solution of {@code du/dt = −H(0) M (u − y)},
 * M = diag(μ), from u(0), with the network's own kernel H(0) frozen at t = 0 (what neural-tangents'
 * {@code gradient_descent_mse} predicts).
 *
 * <p>Exact and stable through a symmetric eigen-decomposition. Let P be the points with μ_i &gt; 0
 * and Z those with μ_i = 0, and r = u − y. The P block is closed: with
 * {@code M_P^(1/2) H_PP M_P^(1/2) = Q Λ Qᵀ} and {@code c = Qᵀ M_P^(1/2) r_P(0)},
 * {@code r_P(t) = M_P^(−1/2) Q e^(−tΛ) c}. Points in Z carry no loss and drive nothing, but their
 * predictions still move with the others: {@code r_Z(t) = r_Z(0) − H_ZP M_P^(1/2) Q φ(t) c} with
 * {@code φ_k(t) = (1 − e^(−tλ_k))/λ_k} (= t for λ_k = 0). Setup costs one O(n³) eigen-solve;
 * each evaluation O(n²). Not thread-safe (keeps work arrays).
 */
public final class LinearisedPrediction {
    private final int n;
    private final int[] positive;
    private final int[] zero;
    private final double[] y;
    private final double[] sqrtMu;
    /** Q, p×p row-major, eigenvectors as columns. */
    private final double[] q;
    private final double[] lambda;
    private final double[] c;
    /** B = H_ZP M_P^(1/2) Q, z×p. */
    private final double[] b;
    private final double[] r0Zero;
    private final double[] work;

    /**
     * Decomposes the weighted H(0).
     *
     * @param gram0 H(0), n×n row-major. Not modified.
     * @param mu the loss weights μ, n. Not modified.
     * @param u0 u(0). Not modified.
     * @param y the targets. Not modified.
     * @param solver a symmetric eigen solver
     */
    public LinearisedPrediction(double[] gram0, double[] mu, double[] u0, double[] y, EigenSolver solver) {
        this.n = y.length;
        if (mu.length != n || u0.length != n || gram0.length != (long) n * n) {
            throw new IllegalArgumentException("Inconsistent shapes: y has " + n + " values, mu " + mu.length
                    + ", u0 " + u0.length + ", gram " + gram0.length + " (expected n×n = " + n + "×" + n + ")");
        }
        this.y = y.clone();
        this.positive = GramSpectrum.weighted(mu);
        int p = positive.length;
        this.zero = java.util.stream.IntStream.range(0, n).filter(i -> !(mu[i] > 0)).toArray();
        this.sqrtMu = new double[n];
        for (int i = 0; i < n; i++) {
            sqrtMu[i] = mu[i] > 0 ? Math.sqrt(mu[i]) : 0;
        }
        this.q = new double[p * p];
        this.c = new double[p];
        this.work = new double[p];
        if (p > 0) {
            double[] k = new double[p * p];
            GramSpectrum.weightedBlock(gram0, mu, positive, k);
            this.lambda = solver.solve(k, q);
            // c = Qᵀ M_P^(1/2) r_P(0)
            for (int a = 0; a < p; a++) {
                int i = positive[a];
                double qi = sqrtMu[i] * (u0[i] - y[i]);
                for (int col = 0; col < p; col++) {
                    c[col] += q[a * p + col] * qi;
                }
            }
        } else {
            this.lambda = new double[0];
        }
        // B = H_ZP M_P^(1/2) Q
        int z = zero.length;
        this.b = new double[z * p];
        this.r0Zero = new double[z];
        double[] row = new double[p];
        for (int e = 0; e < z; e++) {
            int i = zero[e];
            r0Zero[e] = u0[i] - y[i];
            for (int a = 0; a < p; a++) {
                row[a] = gram0[i * n + positive[a]] * sqrtMu[positive[a]];
            }
            for (int col = 0; col < p; col++) {
                double sum = 0;
                for (int a = 0; a < p; a++) {
                    sum += row[a] * q[a * p + col];
                }
                b[e * p + col] = sum;
            }
        }
    }

    /** The eigenvalues of M_P^(1/2) H_PP(0) M_P^(1/2), ascending (a copy). */
    public double[] eigenvalues() {
        return lambda.clone();
    }

    /**
     * The linearised residual u_lin(t) − y.
     *
     * @param t the flow time, ≥ 0
     * @param out modified: receives u_lin(t) − y, n
     */
    public void residual(double t, double[] out) {
        int p = positive.length;
        // e^(−tλ_k) c_k
        for (int k = 0; k < p; k++) {
            work[k] = Math.exp(-t * lambda[k]) * c[k];
        }
        // r_P = M_P^(−1/2) Q e^(−tΛ) c
        for (int a = 0; a < p; a++) {
            double sum = 0;
            for (int k = 0; k < p; k++) {
                sum += q[a * p + k] * work[k];
            }
            int i = positive[a];
            out[i] = sum / sqrtMu[i];
        }
        if (zero.length == 0) {
            return;
        }
        // φ_k c_k = (1 − e^(−tλ_k))/λ_k c_k, = t c_k at λ_k = 0
        for (int k = 0; k < p; k++) {
            double phi = lambda[k] == 0 ? t : -Math.expm1(-t * lambda[k]) / lambda[k];
            work[k] = phi * c[k];
        }
        // r_Z = r_Z(0) − B φ c
        for (int e = 0; e < zero.length; e++) {
            double sum = 0;
            for (int k = 0; k < p; k++) {
                sum += b[e * p + k] * work[k];
            }
            out[zero[e]] = r0Zero[e] - sum;
        }
    }

    /**
     * The linearised predictions u_lin(t).
     *
     * @param t the flow time, ≥ 0
     * @param out modified: receives u_lin(t), n
     */
    public void predictions(double t, double[] out) {
        residual(t, out);
        for (int i = 0; i < n; i++) {
            out[i] += y[i];
        }
    }
}
