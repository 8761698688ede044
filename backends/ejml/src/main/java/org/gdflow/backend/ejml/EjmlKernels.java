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
import org.gdflow.api.ElementwisePass;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;

/**
 * The kernels of one run on EJML: the vector field {@code F(θ) = −τ ∇L(θ)}, the loss, the
 * predictions, the Gram matrix and a symmetric eigen solver.
 *
 * <p>Symbols: θ is W (m×d, row-major) then a (m); X is n×d, {@code Z = X Wᵀ} (n×m),
 * {@code S = σ(Z)}, {@code D = σ'(Z)}, {@code u = s S a}, {@code r_i = μ_i (u_i − y_i)},
 * {@code L = ½ Σ μ_i (u_i − y_i)²}, {@code ∇_a L = s Sᵀ r}, {@code ∇_W L = s diag(a) Dᵀ diag(r) X}.
 * The two big products of the field, {@code Z = X·Wᵀ} (Wᵀ copied out of θ) and {@code Gᵀ = Rᵀ D̃}, run on
 * {@link ProductKernels} (register-tiled SIMD loops along m; with d small, these beat EJML's general
 * kernels several times over). One evaluation is one {@link PhasedJob}: first the pass's blocks of rows
 * (each: Z on the block's rows, still in cache when σ runs, the pass, D̃ written over Z, and the block's
 * columns of Rᵀ), then chunks of columns of Gᵀ (each also writing its rows of velocity_W), on the calling
 * thread and, above the threshold, helper threads. Every entry is one chain of multiply-adds in a fixed
 * order, so the single- and multi-threaded paths give bit-identical results. EJML computes the Gram
 * matrix and the eigen decompositions.
 *
 * <p>Every work array is allocated in the constructor (the n×n scratch of {@link #gram} on its first
 * call); {@link #evaluate}, {@link #evaluateBatch}, {@link #loss} and {@link #predictions} allocate
 * nothing, on either path (the first multi-threaded call in a JVM starts the helper threads). Not thread-safe.
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
    /** The rows of X of a mini-batch in its first |B|·d entries (n×d; the kernels read the array only). */
    private final DMatrixRMaj xBatch;
    private final double[] yBatch;
    /** The batch weights μ_i n/|B|. */
    private final double[] muBatch;

    /** Wᵀ, d×m, copied from θ. */
    private final DMatrixRMaj wT;
    /** a, m×1, copied from θ. */
    private final DMatrixRMaj a;
    /**
     * Z, then D̃ = D diag(a) in place (or D = σ'(Z) for the Gram matrix), in the first rows·m entries;
     * always shaped n×m, as the Gram matrix's EJML products read it.
     */
    private final DMatrixRMaj zd;
    /** S = σ(Z), n×m, for the Gram matrix only (made on its first call). */
    private DMatrixRMaj sig;
    /** The elementwise pass between the two products. */
    private final ElementwisePass pass;
    /** One scratch per block of the pass. */
    private final ElementwisePass.Scratch[] scratch;
    /** Rᵀ = (−τ s diag(r) X)ᵀ, d×rows, up to d×n. */
    private final double[] rT;
    /** Gᵀ = Rᵀ D, d×m. */
    private final DMatrixRMaj gT;
    /** A view over a caller's array (u of {@link #predictions}, H of {@link #gram}). */
    private final DMatrixRMaj view = new DMatrixRMaj(0, 0);
    /** X Xᵀ, n×n, on the first call of {@link #gram}. */
    private DMatrixRMaj xxT;
    /** EJML's symmetric eigen decompositions without and with eigenvectors, made on first use. */
    private EigenDecomposition_F64<DMatrixRMaj> eigValues;
    private EigenDecomposition_F64<DMatrixRMaj> eigVectors;

    /** The size the two cached decompositions were made for. */
    private int eigSize = -1;

    /** The blocks of the pass and the column chunks of Gᵀ on the caller's and helper threads; made once. */
    private final PhasedJob job;
    /** What {@link #job}'s tasks do in the evaluation in progress: one of {@link #FIELD}, {@link #FORWARD}, {@link #PRODUCTS}. */
    private int mode;
    /** The field: Z, the pass and Rᵀ by blocks of rows, then Gᵀ and velocity_W by chunks of columns. */
    private static final int FIELD = 0;
    /** The loss or the predictions: Z and the pass (no backward part) by blocks of rows. */
    private static final int FORWARD = 1;
    /** The two products alone: Z by blocks of rows, then Gᵀ by chunks of columns. */
    private static final int PRODUCTS = 2;
    /** The rows (X, y, μ) of the evaluation in progress. */
    private DMatrixRMaj passX;
    /** The number of rows of the evaluation in progress. */
    private int passRows;
    private double[] passY;
    private double[] passMu;
    /** The velocity the field in progress writes. */
    private double[] passVelocity;

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
        this.pass = new ElementwisePass(problem);
        this.scratch = new ElementwisePass.Scratch[ElementwisePass.MAX_BLOCKS];
        for (int b = 0; b < scratch.length; b++) {
            scratch[b] = pass.scratch();
        }
        this.rT = new double[n * d];
        this.gT = new DMatrixRMaj(d, m);
        this.job = new PhasedJob(this::task);
    }

    @Override
    public NetworkProblem problem() {
        return problem;
    }

    /** Z, or D̃ after a field's pass, n×m row-major (for tests). */
    double[] zOrDTilde() {
        return zd.data;
    }

    /** Rᵀ of the last field, d×rows (for tests). */
    double[] rTransposed() {
        return rT;
    }

    /** Gᵀ of the last field or {@link #products}, d×m (for tests). */
    double[] gTransposed() {
        return gT.data;
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
        return forward(theta);
    }

    @Override
    public void predictions(double[] theta, double[] predictions) {
        checkLength("theta", theta, dimension());
        checkLength("u", predictions, n);
        forward(theta);
        for (int i = 0; i < n; i++) {
            predictions[i] = pass.prediction(i);
        }
    }

    /** Z(0) = X W(0)ᵀ for {@link #patternFlipFraction}, allocated at its first call. */
    private double[] z0;

    /**
     * {@inheritDoc} Here: Z(0) = X W(0)ᵀ and Z(t) = X W(t)ᵀ by the same product the field uses,
     * then one pass over the n×m signs. Leaves the work arrays in an unspecified state (the next
     * evaluation recomputes them).
     */
    @Override
    public double patternFlipFraction(double[] theta0, double[] theta) {
        checkLength("theta0", theta0, dimension());
        checkLength("theta", theta, dimension());
        if (z0 == null) {
            z0 = new double[n * m];
        }
        firstProduct(theta0);
        System.arraycopy(zd.data, 0, z0, 0, n * m);
        firstProduct(theta);
        long flips = 0;
        for (int e = 0; e < n * m; e++) {
            // a flip: 1{z(t) > 0} ≠ 1{z(0) > 0}; z = 0 counts as inactive
            if ((zd.data[e] > 0) != (z0[e] > 0)) {
                flips++;
            }
        }
        return (double) flips / ((double) n * m);
    }

    /** The field on {@code rows} data points (X, y, μ): returns L, writes −τ∇L into velocity. */
    private double field(double[] theta, DMatrixRMaj xs, double[] ys, double[] weights, int rows, double[] velocity) {
        prepare(theta, xs, rows);
        boolean backward = trainW || trainA;
        pass.begin(theta, rows, backward);
        passY = ys;
        passMu = weights;
        passVelocity = velocity;
        run(FIELD, pass.blocks(), trainW ? COLUMN_CHUNKS : 0, rows);
        if (!trainW) {
            Arrays.fill(velocity, 0, offsetA, 0.0);
        }
        return pass.finish(velocity);
    }

    /** L on all n rows, the predictions left in the pass. */
    private double forward(double[] theta) {
        prepare(theta, x, n);
        pass.begin(theta, n, false);
        passY = y;
        passMu = mu;
        run(FORWARD, pass.blocks(), 0, n);
        return pass.finish(null);
    }

    /** {@inheritDoc} Here: Z = X Wᵀ (with the copy of Wᵀ out of θ) and Gᵀ = −τ s Rᵀ D̃, on all n rows. */
    @Override
    public boolean products(double[] theta) {
        checkLength("theta", theta, dimension());
        prepare(theta, x, n);
        run(PRODUCTS, rowBlocks(n), COLUMN_CHUNKS, n);
        return true;
    }

    /** Z = X Wᵀ on all n rows (a and Wᵀ from θ). */
    private void firstProduct(double[] theta) {
        prepare(theta, x, n);
        run(PRODUCTS, rowBlocks(n), 0, n);
    }

    /** The blocks of rows of Z, as the pass groups them: min(16, rows). */
    private static int rowBlocks(int rows) {
        return Math.min(ElementwisePass.MAX_BLOCKS, rows);
    }

    /** The first row of block b of {@code blocks} over {@code rows} rows (the pass's {@link ElementwisePass#blockStart}). */
    private static int blockStart(int rows, int blocks, int block) {
        return (int) ((long) rows * block / blocks);
    }

    /**
     * Runs the tasks of a mode: phase 1's blocks of rows, then phase 2's chunks of columns, on the
     * caller's thread and EJML's thread count's worth of helpers when the problem is large enough, in
     * order on this thread otherwise. Each task writes its own rows or columns only, so the results do
     * not depend on the path.
     */
    private void run(int what, int blocks, int chunks, int rows) {
        mode = what;
        passRows = rows;
        int threads = EjmlConcurrency.getMaxThreads();
        if (threads > 1 && multiThreaded(rows)) {
            job.run(blocks, chunks, threads);
        } else {
            for (int b = 0; b < blocks; b++) {
                task(0, b);
            }
            if (chunks > 0) {
                columns(0, m);
            }
        }
    }

    /** One task of {@link #run}: block {@code index} of rows in phase 0, chunk {@code index} of columns in phase 1. */
    private void task(int phase, int index) {
        if (phase == 0) {
            int blocks = rowBlocks(passRows);
            int start = blockStart(passRows, blocks, index);
            int end = blockStart(passRows, blocks, index + 1);
            // Z_B = X_B Wᵀ on the block's rows
            ProductKernels.firstProduct(passX.data, d, wT.data, m, zd.data, start, end);
            if (mode != PRODUCTS) {
                rowsOfBlock(index, start, end);
                if (mode == FIELD && trainW) {
                    residualsOfBlock(start, end);
                }
            }
        } else {
            columns(columnStart(index), columnStart(index + 1));
        }
    }

    /** Gᵀ = Rᵀ D̃ on columns [from, to) and, in the field, the rows [from, to) of velocity_W. */
    private void columns(int from, int to) {
        ProductKernels.secondProduct(rT, passRows, d, zd.data, m, gT.data, from, to);
        if (mode == FIELD) {
            velocityOfColumns(passVelocity, from, to);
        }
    }

    /** The chunks of columns of Gᵀ (each computed whole by one thread). */
    private static final int COLUMN_CHUNKS = 16;

    /** The first column of chunk c: m split into 32-column strips (a tile's four vectors of 8); m for chunk 16. */
    private int columnStart(int chunk) {
        int strips = (m + 31) / 32;
        return Math.min(m, (int) ((long) strips * chunk / COLUMN_CHUNKS) * 32);
    }

    /** Before the first product on {@code rows} data points: a and Wᵀ from θ, the rows (X) remembered for the tasks. */
    private void prepare(double[] theta, DMatrixRMaj xs, int rows) {
        System.arraycopy(theta, offsetA, a.data, 0, m);
        // Wᵀ (d×m) from W = θ[0, m·d) row-major, 8 rows of W at a time (each k then writes one cache line of Wᵀ)
        int j0 = 0;
        for (; j0 + 8 <= m; j0 += 8) {
            for (int k = 0; k < d; k++) {
                int wk = k * m;
                for (int j = j0; j < j0 + 8; j++) {
                    wT.data[wk + j] = theta[j * d + k];
                }
            }
        }
        for (int j = j0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                wT.data[k * m + j] = theta[j * d + k];
            }
        }
        passX = xs;
        passRows = rows;
    }

    /**
     * The pass over rows [start, end) of block b: each row of Z copied into the block's scratch and passed
     * (σ, σ', u, r, the loss, Sᵀ r and, backward, D̃ written over the row of Z).
     */
    private void rowsOfBlock(int block, int start, int end) {
        ElementwisePass.Scratch rowScratch = scratch[block];
        double[] zRow = rowScratch.z();
        for (int i = start; i < end; i++) {
            System.arraycopy(zd.data, i * m, zRow, 0, m);
            pass.row(block, i, passY[i], passMu[i], rowScratch, zd.data, i * m);
        }
    }

    /** Rᵀ on rows [start, end): {@code Rᵀ_ki = −τ s r_i x_ik} (d×rows, once the rows' residuals are known). */
    private void residualsOfBlock(int start, int end) {
        double c = -tau * s;
        int rows = passRows;
        double[] xs = passX.data;
        for (int i = start; i < end; i++) {
            // Rᵀ_ki = −τ s r_i x_ik
            double ri = c * pass.residual(i);
            int base = i * d;
            for (int k = 0; k < d; k++) {
                rT[k * rows + i] = ri * xs[base + k];
            }
        }
    }

    /** velocity_W = Gᵀ transposed (row-major m×d), that is {@code −τ s diag(a) Dᵀ diag(r) X}, on columns [from, to) of Gᵀ. */
    private void velocityOfColumns(double[] velocity, int from, int to) {
        for (int j = from; j < to; j++) {
            int base = j * d;
            for (int k = 0; k < d; k++) {
                velocity[base + k] = gT.data[k * m + j];
            }
        }
    }

    /** The forward pass for the Gram matrix: Z, then S = σ(Z) into {@link #sig} and D = σ'(Z) over Z. */
    private void forwardForGram(double[] theta) {
        firstProduct(theta);
        if (sig == null) {
            sig = new DMatrixRMaj(n, m);
        }
        activation.evaluate(zd.data, sig.data, zd.data, 0, n * m);
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
        forwardForGram(theta);
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
