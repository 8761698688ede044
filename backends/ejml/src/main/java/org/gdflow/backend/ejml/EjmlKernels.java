package org.gdflow.backend.ejml;

import static org.gdflow.api.KernelArguments.checkBatch;
import static org.gdflow.api.KernelArguments.checkFits;
import static org.gdflow.api.KernelArguments.checkLength;
import static org.gdflow.api.KernelArguments.checkSymmetricEigen;

import java.util.Arrays;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import pabeles.concurrency.IntRangeConsumer;

/**
 * The kernels of one run on EJML: the vector field {@code F(θ) = −τ ∇L(θ)}, the loss, the
 * predictions, the Gram matrix and a symmetric eigen solver.
 *
 * <p>Symbols: θ is W (m×d, row-major) then a (m); X is n×d, {@code Z = X Wᵀ} (n×m),
 * {@code S = σ(Z)}, {@code D = σ'(Z)}, {@code u = s S a}, {@code r_i = μ_i (u_i − y_i)},
 * {@code L = ½ Σ μ_i (u_i − y_i)²}, {@code ∇_a L = s Sᵀ r}, {@code ∇_W L = s diag(a) Dᵀ diag(r) X}.
 * The big products are formed through their transposes ({@code Z = X·Wᵀ} with Wᵀ copied out of θ,
 * {@code Gᵀ = Rᵀ D}) so that EJML's inner loops run along m; every entry is summed in the same
 * order as the direct product, and the single- and multi-threaded paths give bit-identical results.
 *
 * <p>Every work array is allocated in the constructor (the n×n scratch of {@link #gram} on its first
 * call); {@link #evaluate}, {@link #evaluateBatch}, {@link #loss} and {@link #predictions} allocate
 * nothing on the single-threaded path. Not thread-safe.
 */
public final class EjmlKernels implements NetworkKernels {
    private final NetworkProblem problem;
    private final int n;
    private final int d;
    private final int m;
    private final int offsetA;
    private final double s;
    private final double tau;
    private final boolean trainW;
    private final boolean trainA;
    private final Activation activation;
    private final long multiThreadThreshold;

    private final double[] y;
    private final double[] mu;
    /** X, n×d: a view over the problem's array (never written). */
    private final DMatrixRMaj x;
    /** The rows of X of a mini-batch, up to n×d. */
    private final DMatrixRMaj xBatch;
    private final double[] yBatch;
    /** The batch weights μ_i n/|B|. */
    private final double[] muBatch;

    /** Wᵀ, d×m, copied from θ. */
    private final DMatrixRMaj wT;
    /** a, m×1, copied from θ. */
    private final DMatrixRMaj a;
    /** Z, then D = σ'(Z) in place; up to n×m. */
    private final DMatrixRMaj zd;
    /** S = σ(Z), up to n×m. */
    private final DMatrixRMaj sig;
    /** u, up to n×1. */
    private final DMatrixRMaj u;
    /** r, up to n×1. */
    private final DMatrixRMaj r;
    /** R = diag(r) X, up to n×d. */
    private final DMatrixRMaj rx;
    /** Gᵀ = Rᵀ D, d×m. */
    private final DMatrixRMaj gT;
    /** Sᵀ r, m×1. */
    private final DMatrixRMaj gA;
    /** A view over a caller's array (u of {@link #predictions}, H of {@link #gram}). */
    private final DMatrixRMaj view = new DMatrixRMaj(0, 0);
    /** X Xᵀ, n×n, on the first call of {@link #gram}. */
    private DMatrixRMaj xxT;
    /** EJML's symmetric eigen decompositions without and with eigenvectors, made on first use. */
    private EigenDecomposition_F64<DMatrixRMaj> eigValues;
    private EigenDecomposition_F64<DMatrixRMaj> eigVectors;

    /** The size the two cached decompositions were made for. */
    private int eigSize = -1;

    /** The activation pass over [from, to) of Z, for the parallel path; made once. */
    private final IntRangeConsumer activationBlock;

    /**
     * Allocates the work arrays.
     *
     * @param problem the problem. Not modified.
     * @param multiThreadThreshold {@code rows·m·d} above which the multi-threaded kernels are used
     * @throws IllegalArgumentException if the arrays disagree with n, d, m or the work arrays would not fit
     */
    EjmlKernels(NetworkProblem problem, long multiThreadThreshold) {
        this.problem = problem;
        this.n = problem.n();
        this.d = problem.d();
        this.m = problem.width();
        this.multiThreadThreshold = multiThreadThreshold;
        if (problem.x().length != (long) n * d || problem.y().length != n || problem.mu().length != n) {
            throw new IllegalArgumentException("Inconsistent shapes: x has " + problem.x().length + " values for n×d = "
                    + n + "×" + d + ", y has " + problem.y().length + " and mu " + problem.mu().length + " for n = " + n);
        }
        checkFits("Z (n×m)", n, m);
        checkFits("θ (m×d + m)", m, d + 1L);
        this.offsetA = problem.offsetA();
        this.s = problem.outputScale();
        this.tau = problem.timeScale();
        this.trainW = problem.trainW();
        this.trainA = problem.trainA();
        this.activation = problem.activation();
        this.y = problem.y();
        this.mu = problem.mu();
        this.x = DMatrixRMaj.wrap(n, d, problem.x());
        this.xBatch = new DMatrixRMaj(n, d);
        this.yBatch = new double[n];
        this.muBatch = new double[n];
        this.wT = new DMatrixRMaj(d, m);
        this.a = new DMatrixRMaj(m, 1);
        this.zd = new DMatrixRMaj(n, m);
        this.sig = new DMatrixRMaj(n, m);
        this.u = new DMatrixRMaj(n, 1);
        this.r = new DMatrixRMaj(n, 1);
        this.rx = new DMatrixRMaj(n, d);
        this.gT = new DMatrixRMaj(d, m);
        this.gA = new DMatrixRMaj(m, 1);
        this.activationBlock = (from, to) -> activation.evaluate(zd.data, sig.data, zd.data, from, to);
    }

    @Override
    public NetworkProblem problem() {
        return problem;
    }

    /** Whether a pass over {@code rows} data points takes the multi-threaded path. */
    boolean multiThreaded(int rows) {
        return (long) rows * m * d > multiThreadThreshold;
    }

    @Override
    public double evaluate(double[] theta, double[] velocity) {
        checkLength("theta", theta, dimension());
        checkLength("velocity", velocity, dimension());
        return field(theta, x, y, mu, n, velocity);
    }

    @Override
    public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
        checkLength("theta", theta, dimension());
        checkLength("velocity", velocity, dimension());
        checkBatch(batch, size, n);
        double reweight = (double) n / size;
        xBatch.reshape(size, d, false);
        // X_B, y_B, μ_B = the batch rows of X, y and μ·n/|B|
        for (int j = 0; j < size; j++) {
            int i = batch[j];
            System.arraycopy(x.data, i * d, xBatch.data, j * d, d);
            yBatch[j] = y[i];
            muBatch[j] = mu[i] * reweight;
        }
        return field(theta, xBatch, yBatch, muBatch, size, velocity);
    }

    @Override
    public double loss(double[] theta) {
        checkLength("theta", theta, dimension());
        forward(theta, x, n);
        return residual(y, mu, n);
    }

    @Override
    public void predictions(double[] theta, double[] predictions) {
        checkLength("theta", theta, dimension());
        checkLength("u", predictions, n);
        forward(theta, x, n);
        // u = s S a, straight into the caller's array
        CommonOps_DDRM.mult(s, sig, a, wrap(predictions, n, 1));
    }

    /** The field on {@code rows} data points (X, y, μ): returns L, writes −τ∇L into velocity. */
    private double field(double[] theta, DMatrixRMaj xs, double[] ys, double[] weights, int rows, double[] velocity) {
        forward(theta, xs, rows);
        double loss = residual(ys, weights, rows);
        if (trainA) {
            // grad_a = s Sᵀ r; velocity_a = −τ grad_a
            CommonOps_DDRM.multTransA(sig, r, gA);
            double c = -tau * s;
            for (int j = 0; j < m; j++) {
                velocity[offsetA + j] = c * gA.data[j];
            }
        } else {
            Arrays.fill(velocity, offsetA, offsetA + m, 0.0);
        }
        if (trainW) {
            rx.reshape(rows, d, false);
            // R = diag(r) X
            for (int i = 0; i < rows; i++) {
                double ri = r.data[i];
                int base = i * d;
                for (int k = 0; k < d; k++) {
                    rx.data[base + k] = ri * xs.data[base + k];
                }
            }
            // Gᵀ = Rᵀ D = (Dᵀ R)ᵀ, d×m
            if (multiThreaded(rows)) {
                CommonOps_MT_DDRM.multTransA(rx, zd, gT);
            } else {
                CommonOps_DDRM.multTransA(rx, zd, gT);
            }
            // grad_W = s diag(a) Dᵀ R; velocity_W = −τ grad_W, row-major m×d
            double c = -tau * s;
            for (int j = 0; j < m; j++) {
                double cj = c * a.data[j];
                int base = j * d;
                for (int k = 0; k < d; k++) {
                    velocity[base + k] = cj * gT.data[k * m + j];
                }
            }
        } else {
            Arrays.fill(velocity, 0, offsetA, 0.0);
        }
        return loss;
    }

    /** The forward pass on {@code rows} data points: a, Z, then S = σ(Z) and D = σ'(Z) over Z. */
    private void forward(double[] theta, DMatrixRMaj xs, int rows) {
        System.arraycopy(theta, offsetA, a.data, 0, m);
        // Wᵀ (d×m) from W = θ[0, m·d) row-major
        for (int j = 0; j < m; j++) {
            int base = j * d;
            for (int k = 0; k < d; k++) {
                wT.data[k * m + j] = theta[base + k];
            }
        }
        zd.reshape(rows, m, false);
        sig.reshape(rows, m, false);
        boolean parallel = multiThreaded(rows);
        // Z = X Wᵀ
        if (parallel) {
            CommonOps_MT_DDRM.mult(xs, wT, zd);
        } else {
            CommonOps_DDRM.mult(xs, wT, zd);
        }
        // S = σ(Z), D = σ'(Z) over Z, in one pass
        if (parallel) {
            EjmlConcurrency.loopBlocks(0, rows * m, activationBlock);
        } else {
            activation.evaluate(zd.data, sig.data, zd.data, 0, rows * m);
        }
    }

    /** After {@link #forward}: u = s S a and r_i = μ_i (u_i − y_i); returns L = ½ Σ μ_i (u_i − y_i)². */
    private double residual(double[] ys, double[] weights, int rows) {
        u.reshape(rows, 1, false);
        r.reshape(rows, 1, false);
        // u = s S a
        CommonOps_DDRM.mult(s, sig, a, u);
        // r_i = μ_i (u_i − y_i), L = ½ Σ μ_i (u_i − y_i)²
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double e = u.data[i] - ys[i];
            double ri = weights[i] * e;
            r.data[i] = ri;
            sum += ri * e;
        }
        return 0.5 * sum;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Computed as {@code H = τ s² [(D diag(a²) Dᵀ) ∘ (X Xᵀ) + S Sᵀ]}, exactly symmetric. The first
     * call allocates X Xᵀ (n×n).
     */
    @Override
    public void gram(double[] theta, double[] gram) {
        checkLength("theta", theta, dimension());
        if (gram.length != (long) n * n) {
            throw new IllegalArgumentException("gram has " + gram.length + " values for n×n = " + n + "×" + n);
        }
        forward(theta, x, n);
        DMatrixRMaj h = wrap(gram, n, n);
        boolean parallel = gramMultiThreaded();
        if (trainW) {
            if (xxT == null) {
                xxT = new DMatrixRMaj(n, n);
                // X Xᵀ, once
                CommonOps_DDRM.multOuter(x, xxT);
            }
            // D diag(|a|), in place over D
            for (int i = 0; i < n; i++) {
                int base = i * m;
                for (int j = 0; j < m; j++) {
                    zd.data[base + j] *= Math.abs(a.data[j]);
                }
            }
            // H = (D diag(a²) Dᵀ) ∘ (X Xᵀ)
            outer(zd, h, parallel);
            CommonOps_DDRM.elementMult(h, xxT);
            if (trainA) {
                // H += S Sᵀ
                if (parallel) {
                    CommonOps_MT_DDRM.multAddTransB(sig, sig, h);
                } else {
                    CommonOps_DDRM.multAddTransB(sig, sig, h);
                }
            }
        } else {
            // H = S Sᵀ
            outer(sig, h, parallel);
        }
        // H *= τ s²
        CommonOps_DDRM.scale(tau * s * s, h);
    }

    /** Whether {@link #gram} takes the multi-threaded path: {@code n·n·m} above the threshold. */
    boolean gramMultiThreaded() {
        return (long) n * n * m > multiThreadThreshold;
    }

    /** c = A Aᵀ; both kernels sum each entry in one order, so c is exactly symmetric. */
    private static void outer(DMatrixRMaj matrix, DMatrixRMaj c, boolean parallel) {
        if (parallel) {
            CommonOps_MT_DDRM.multTransB(matrix, matrix, c);
        } else {
            CommonOps_DDRM.multOuter(matrix, c);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>EJML's symmetric QR algorithm (Householder tridiagonal reduction, then implicit QR). The
     * size k is taken from the array, {@code k² = symmetric.length}; symmetry is assumed, not
     * checked. The caller's array is the decomposition's input and may be overwritten.
     *
     * @throws ArithmeticException if the decomposition does not converge (NaN or infinite entries)
     */
    @Override
    public double[] symmetricEigen(double[] symmetric, double[] eigenvectors) {
        int k = checkSymmetricEigen(symmetric, eigenvectors);
        double[] values = new double[k];
        if (k == 0) {
            return values;
        }
        boolean wantVectors = eigenvectors != null;
        EigenDecomposition_F64<DMatrixRMaj> eig = decomposition(k, wantVectors);
        if (!eig.decompose(DMatrixRMaj.wrap(k, k, symmetric))) {
            throw new ArithmeticException("symmetric eigen decomposition of a " + k + "×" + k + " matrix failed");
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(p).real, eig.getEigenvalue(q).real));
        for (int j = 0; j < k; j++) {
            values[j] = eig.getEigenvalue(order[j]).real;
            if (wantVectors) {
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                for (int i = 0; i < k; i++) {
                    eigenvectors[i * k + j] = v.data[i];
                }
            }
        }
        return values;
    }

    private EigenDecomposition_F64<DMatrixRMaj> decomposition(int k, boolean wantVectors) {
        if (k != eigSize) {
            eigValues = null;
            eigVectors = null;
            eigSize = k;
        }
        if (wantVectors) {
            if (eigVectors == null) {
                eigVectors = DecompositionFactory_DDRM.eig(k, true, true);
            }
            return eigVectors;
        }
        if (eigValues == null) {
            eigValues = DecompositionFactory_DDRM.eig(k, false, true);
        }
        return eigValues;
    }

    /** {@link #view} over a caller's array, rows×cols. */
    private DMatrixRMaj wrap(double[] data, int rows, int cols) {
        view.data = data;
        view.numRows = rows;
        view.numCols = cols;
        return view;
    }
}
