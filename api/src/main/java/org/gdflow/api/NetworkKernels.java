package org.gdflow.api;

/**
 * The kernels of one run on one backend, with work arrays allocated once in {@link Backend#open}.
 * Not thread-safe. Every method leaves θ unmodified.
 */
public interface NetworkKernels extends VectorField, AutoCloseable {
    /** The problem these kernels evaluate. */
    NetworkProblem problem();

    /**
     * {@inheritDoc}
     *
     * <p>The problem's {@link NetworkProblem#dimension()}, m·d + m.
     */
    @Override
    default int dimension() {
        return problem().dimension();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The problem's number of data points, {@link NetworkProblem#n()}.
     */
    @Override
    default int sampleCount() {
        return problem().n();
    }

    /**
     * The predictions {@code u_i = f(x_i) = s Σ_r a_r σ(w_r·x_i)}.
     *
     * @param theta the state. Not modified.
     * @param u modified: receives the n predictions.
     */
    void predictions(double[] theta, double[] u);

    /**
     * The Gram matrix over the trainable parts, {@code H = τ J Jᵀ}, with
     * {@code H_ij = τ s² [Σ_r a_r² σ'(w_r·x_i) σ'(w_r·x_j) x_i·x_j (if W trained) + Σ_r σ(w_r·x_i) σ(w_r·x_j) (if a trained)]}.
     *
     * @param theta the state. Not modified.
     * @param gram modified: receives H, n×n row-major.
     */
    void gram(double[] theta, double[] gram);

    /**
     * Eigenvalues of a symmetric n×n matrix, ascending; backends may use a native solver.
     * Every backend provides one (EJML in Java, ND4J through LAPACK).
     *
     * @param symmetric n×n row-major. May be overwritten.
     * @param eigenvectors modified if not null: receives the eigenvectors as columns, n×n row-major.
     * @return the n eigenvalues in ascending order
     */
    double[] symmetricEigen(double[] symmetric, double[] eigenvectors);

    /**
     * The fraction of activation patterns that changed between two states: the pairs (i, r) of the
     * n·m with {@code 1{w_r(t)·x_i > 0} ≠ 1{w_r(0)·x_i > 0}}, divided by n·m (Du, Zhai, Póczos, Singh
     * 2019, Section 6). A pre-activation of exactly 0 counts as inactive, as ReLU's indicator
     * {@code 1{z > 0}} (and relu'(0) = 0) has it; only W enters, a is ignored.
     *
     * <p>The default is a plain Java loop over {@link NetworkProblem#x()}, O(n m d), each dot product
     * summed over k = 0..d−1 in order; a backend overrides it with its own products, and two backends
     * agree exactly except where a pre-activation lies within round-off of 0.
     *
     * @param theta0 the reference state θ(0). Not modified.
     * @param theta the state θ(t). Not modified.
     * @return the fraction in [0, 1]
     * @since 0.1 (a default method: backends built before it keep working)
     */
    default double patternFlipFraction(double[] theta0, double[] theta) {
        NetworkProblem p = problem();
        int n = p.n();
        int d = p.d();
        int m = p.width();
        double[] x = p.x();
        long flips = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < m; r++) {
                double z0 = 0;
                double z = 0;
                for (int k = 0; k < d; k++) {
                    z0 += theta0[r * d + k] * x[i * d + k];
                    z += theta[r * d + k] * x[i * d + k];
                }
                // a flip: 1{w_r(t)·x_i > 0} ≠ 1{w_r(0)·x_i > 0}
                if ((z > 0) != (z0 > 0)) {
                    flips++;
                }
            }
        }
        return (double) flips / ((double) n * m);
    }

    /**
     * For benchmarks: runs only the two large matrix products of one evaluation at θ, {@code Z = X Wᵀ}
     * and {@code Gᵀ = Rᵀ D̃} (R = diag(r) X, D̃ = σ'(Z) diag(a), as the work arrays hold them), without
     * the elementwise pass, so that {@code gdflow bench} can show how close an evaluation is to the
     * time of its products on this backend. Computes nothing of use: the work arrays are left in an
     * unspecified state (the next evaluation recomputes them). The default runs nothing and returns
     * false; a backend that overrides it should do no other work.
     *
     * @param theta the state. Not modified.
     * @return whether the products ran
     */
    default boolean products(double[] theta) {
        return false;
    }

    /** Releases native resources; the default does nothing. */
    @Override
    default void close() {
    }
}
