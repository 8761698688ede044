package org.gdflow.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasUpper;
import static org.gdflow.api.KernelArguments.checkBatch;
import static org.gdflow.api.KernelArguments.checkFits;
import static org.gdflow.api.KernelArguments.checkLength;
import static org.gdflow.api.KernelArguments.checkSymmetricEigen;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The kernels of one run on ND4J's native memory and its bundled OpenBLAS: the vector field
 * {@code F(θ) = −τ ∇L(θ)}, the loss, the predictions, the Gram matrix and LAPACK's {@code dsyevd}.
 *
 * <p>Symbols: θ is W (m×d, row-major) then a (m); X is n×d, {@code Z = X Wᵀ} (n×m),
 * {@code S = σ(Z)}, {@code D = σ'(Z)}, {@code u = s S a}, {@code r_i = μ_i (u_i − y_i)},
 * {@code L = ½ Σ μ_i (u_i − y_i)²}, {@code ∇_a L = s Sᵀ r}, {@code ∇_W L = s diag(a) Dᵀ diag(r) X}.
 *
 * <p>Layout: every native matrix is column-major (ND4J's f-order). W row-major is Wᵀ column-major,
 * so θ is copied into native memory as it is, and {@code Gᵀ = (diag(r) X)ᵀ D} (d×m column-major)
 * comes back as the W part of the velocity in θ's own layout; only the per-row factor −τ s a_r is
 * applied in Java. A mini-batch of b rows uses the first b rows of the same buffers with leading
 * dimension b. The products go straight to OpenBLAS's cblas_dgemm/dgemv on the buffers (no ND4J op
 * objects, no copies: ND4J's {@code Nd4j.gemm} allocated about 4 KB a call and was slower at the
 * small workload); σ and σ' are one pass over Z (see {@link ActivationPath}), D overwriting Z, so the
 * run holds two n×m matrices.
 *
 * <p>All work arrays are allocated in the constructor; the batch copy of X on the first
 * {@link #evaluateBatch}, the n×n buffers on the first {@link #gram}, the eigen-solver's buffers on
 * the first {@link #symmetricEigen} of a size. Not thread-safe.
 */
final class Nd4jKernels implements NetworkKernels {
    /** Elements per block of a Java pass over a native buffer. */
    private static final int CHUNK = 4096;
    /** The smallest number of elements worth a second thread in a Java pass. */
    private static final long MIN_PARALLEL_BLOCK = 32_768;

    private final NetworkProblem problem;
    private final int n;
    private final int d;
    private final int m;
    private final int offsetA;
    private final double s;
    private final double tau;
    private final boolean trainW;
    private final boolean trainA;
    private final double[] x;
    private final double[] y;
    private final double[] mu;
    private final ActivationPath path;
    /** The σ of the Java passes: the problem's plugin. */
    private final Activation activation;
    private final ParallelBlocks parallel;

    /** Native arrays, column-major; kept here so that their memory lives as long as the kernels. */
    private final INDArray xNative;
    private final INDArray wtNative;
    private final INDArray aNative;
    private final INDArray zdNative;
    private final INDArray sigNative;
    private final INDArray uNative;
    private final INDArray rNative;
    private final INDArray rxNative;
    private final INDArray gtNative;
    private final INDArray gaNative;
    private INDArray xBatchNative;
    private INDArray hNative;
    private INDArray xxtNative;

    /** Pointers for BLAS and buffers for Java over the same native memory. */
    private final DoublePointer xPtr;
    private final DoublePointer wtPtr;
    private final DoublePointer aPtr;
    private final DoublePointer zdPtr;
    private final DoublePointer sigPtr;
    private final DoublePointer uPtr;
    private final DoublePointer rPtr;
    private final DoublePointer rxPtr;
    private final DoublePointer gtPtr;
    private final DoublePointer gaPtr;
    private DoublePointer xBatchPtr;
    private DoublePointer hPtr;
    private DoublePointer xxtPtr;
    private final DoubleBuffer wtBuf;
    private final DoubleBuffer aBuf;
    private final DoubleBuffer zdBuf;
    private final DoubleBuffer sigBuf;
    private final DoubleBuffer uBuf;
    private final DoubleBuffer rBuf;
    private final DoubleBuffer rxBuf;
    private final DoubleBuffer gtBuf;
    private final DoubleBuffer gaBuf;
    private DoubleBuffer xBatchBuf;

    /** Java-side work arrays. */
    private final double[] aJ;
    private final double[] uJ;
    private final double[] rJ;
    private final double[] rxJ;
    private final double[] yBatch;
    private final double[] muBatch;
    private final int[] batchRows;
    /** Per-worker blocks of Z, S and D for the Java passes. */
    private final double[][] zChunk;
    private final double[][] sChunk;
    private final double[][] dChunk;

    /** ND4J views and ops of the native sigmoid path, for the row count they were made for. */
    private int sigmoidRows = -1;
    private Sigmoid sigmoidOp;
    private TimesOneMinus sigmoidDerivativeOp;

    /** The eigen-solver's native buffers, for the size they were made for. */
    private int eigenSize = -1;
    private DoublePointer eigenMatrix;
    private DoublePointer eigenValues;

    private boolean closed;

    /**
     * Allocates the work arrays; {@link NativeBlas#ensureReady()} must have succeeded.
     *
     * @param problem the problem. Not modified; its arrays are shared, not copied (X is copied to native memory).
     * @param path how σ and σ' are evaluated
     * @param threads the number of threads of the Java passes
     * @throws IllegalArgumentException if an n×m matrix does not fit one native buffer of 2³¹ − 1 doubles
     */
    Nd4jKernels(NetworkProblem problem, ActivationPath path, int threads) {
        this.problem = problem;
        this.n = problem.n();
        this.d = problem.d();
        this.m = problem.width();
        checkFits("Z (n×m)", n, m);
        checkFits("W (m×d)", m, d);
        this.offsetA = problem.offsetA();
        this.s = problem.outputScale();
        this.tau = problem.timeScale();
        this.trainW = problem.trainW();
        this.trainA = problem.trainA();
        this.x = problem.x();
        this.y = problem.y();
        this.mu = problem.mu();
        this.path = path;
        this.activation = problem.activation();
        this.parallel = new ParallelBlocks(threads);

        xNative = vector((long) n * d);
        wtNative = vector((long) d * m);
        aNative = vector(m);
        zdNative = vector((long) n * m);
        sigNative = vector((long) n * m);
        uNative = vector(n);
        rNative = vector(n);
        rxNative = vector((long) n * d);
        gtNative = vector((long) d * m);
        gaNative = vector(m);
        xPtr = pointer(xNative);
        wtPtr = pointer(wtNative);
        aPtr = pointer(aNative);
        zdPtr = pointer(zdNative);
        sigPtr = pointer(sigNative);
        uPtr = pointer(uNative);
        rPtr = pointer(rNative);
        rxPtr = pointer(rxNative);
        gtPtr = pointer(gtNative);
        gaPtr = pointer(gaNative);
        wtBuf = buffer(wtNative);
        aBuf = buffer(aNative);
        zdBuf = buffer(zdNative);
        sigBuf = buffer(sigNative);
        uBuf = buffer(uNative);
        rBuf = buffer(rNative);
        rxBuf = buffer(rxNative);
        gtBuf = buffer(gtNative);
        gaBuf = buffer(gaNative);

        aJ = new double[m];
        uJ = new double[n];
        rJ = new double[n];
        rxJ = new double[n * d];
        yBatch = new double[n];
        muBatch = new double[n];
        batchRows = new int[n];
        int workers = parallel.workers();
        zChunk = new double[workers][CHUNK];
        sChunk = new double[workers][CHUNK];
        dChunk = new double[workers][CHUNK];

        // X column-major: X_f[i + k n] = x[i d + k]
        double[] xf = rxJ;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                xf[i + k * n] = x[i * d + k];
            }
        }
        buffer(xNative).put(0, xf, 0, n * d);
    }

    private static INDArray vector(long length) {
        return Nd4j.createUninitializedDetached(DataType.DOUBLE, length);
    }

    private static DoublePointer pointer(INDArray array) {
        return new DoublePointer(array.data().addressPointer());
    }

    private static DoubleBuffer buffer(INDArray array) {
        return array.data().asNioDouble();
    }

    @Override
    public NetworkProblem problem() {
        return problem;
    }

    /** How σ and σ' are evaluated in this run. */
    ActivationPath activationPath() {
        return path;
    }

    @Override
    public double evaluate(double[] theta, double[] velocity) {
        checkOpen();
        checkLength("theta", theta, dimension());
        checkLength("velocity", velocity, dimension());
        forward(theta, xPtr, n, trainW);
        double loss = residual(y, mu, n);
        backward(velocity, n, null);
        return loss;
    }

    @Override
    public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
        checkOpen();
        checkLength("theta", theta, dimension());
        checkLength("velocity", velocity, dimension());
        checkBatch(batch, size, n);
        if (xBatchNative == null) {
            xBatchNative = vector((long) n * d);
            xBatchPtr = pointer(xBatchNative);
            xBatchBuf = buffer(xBatchNative);
        }
        double reweight = (double) n / size;
        // X_B (column-major, leading dimension |B|), y_B, μ_B = μ n/|B| on the batch rows
        for (int j = 0; j < size; j++) {
            int i = batch[j];
            batchRows[j] = i;
            yBatch[j] = y[i];
            muBatch[j] = mu[i] * reweight;
            for (int k = 0; k < d; k++) {
                rxJ[j + k * size] = x[i * d + k];
            }
        }
        xBatchBuf.put(0, rxJ, 0, size * d);
        forward(theta, xBatchPtr, size, trainW);
        double loss = residual(yBatch, muBatch, size);
        backward(velocity, size, batchRows);
        return loss;
    }

    @Override
    public double loss(double[] theta) {
        checkOpen();
        checkLength("theta", theta, dimension());
        forward(theta, xPtr, n, false);
        return residual(y, mu, n);
    }

    @Override
    public void predictions(double[] theta, double[] predictions) {
        checkOpen();
        checkLength("theta", theta, dimension());
        checkLength("u", predictions, n);
        forward(theta, xPtr, n, false);
        // u = s S a
        openblas_nolapack.cblas_dgemv(CblasColMajor, CblasNoTrans, n, m, s, sigPtr, n, aPtr, 1, 0.0, uPtr, 1);
        uBuf.get(0, predictions, 0, n);
    }

    /**
     * The forward pass on {@code rows} data points: a and Wᵀ into native memory, {@code Z = X Wᵀ},
     * then S = σ(Z) and (if asked) D = σ'(Z) over Z.
     */
    private void forward(double[] theta, DoublePointer xs, int rows, boolean derivative) {
        // Wᵀ column-major (d×m) is W row-major: θ[0, m d) as it is
        wtBuf.put(0, theta, 0, offsetA);
        System.arraycopy(theta, offsetA, aJ, 0, m);
        aBuf.put(0, aJ, 0, m);
        // Z = X Wᵀ, rows×m column-major with leading dimension rows
        openblas_nolapack.cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, rows, m, d,
                1.0, xs, rows, wtPtr, d, 0.0, zdPtr, rows);
        activate((long) rows * m, derivative);
    }

    /** S = σ(Z) into sig and, with {@code derivative}, D = σ'(Z) over Z, on the first {@code count} entries. */
    private void activate(long count, boolean derivative) {
        if (path == ActivationPath.NATIVE_SIGMOID) {
            int rows = (int) (count / m);
            if (rows != sigmoidRows) {
                INDArray z = zdNative.get(NDArrayIndex.interval(0, count));
                INDArray sig = sigNative.get(NDArrayIndex.interval(0, count));
                sigmoidOp = new Sigmoid(z, sig);
                sigmoidDerivativeOp = new TimesOneMinus(sig, z);
                sigmoidRows = rows;
            }
            // S = 1/(1 + e^−Z)
            Nd4j.getExecutioner().exec(sigmoidOp);
            if (derivative) {
                // D = S ∘ (1 − S)
                Nd4j.getExecutioner().exec(sigmoidDerivativeOp);
            }
            return;
        }
        parallel.run(count, MIN_PARALLEL_BLOCK, this::activateBlock);
    }

    /** The Java pass over [from, to) of Z: S = σ(Z), D = σ'(Z) over Z, through per-worker blocks. */
    private void activateBlock(int worker, long from, long to) {
        double[] zc = zChunk[worker];
        double[] sc = sChunk[worker];
        double[] dc = dChunk[worker];
        for (long start = from; start < to; start += CHUNK) {
            int at = (int) start;
            int len = (int) Math.min(CHUNK, to - start);
            zdBuf.get(at, zc, 0, len);
            // S = σ(Z), D = σ'(Z)
            activation.evaluate(zc, sc, dc, 0, len);
            sigBuf.put(at, sc, 0, len);
            zdBuf.put(at, dc, 0, len);
        }
    }

    /** After {@link #forward}: u = s S a and r_i = μ_i (u_i − y_i); returns L = ½ Σ μ_i (u_i − y_i)². */
    private double residual(double[] ys, double[] weights, int rows) {
        // u = s S a
        openblas_nolapack.cblas_dgemv(CblasColMajor, CblasNoTrans, rows, m, s, sigPtr, rows, aPtr, 1, 0.0, uPtr, 1);
        uBuf.get(0, uJ, 0, rows);
        // r_i = μ_i (u_i − y_i), L = ½ Σ μ_i (u_i − y_i)²
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double e = uJ[i] - ys[i];
            double ri = weights[i] * e;
            rJ[i] = ri;
            sum += ri * e;
        }
        return 0.5 * sum;
    }

    /**
     * After {@link #residual}: the velocity −τ ∇L on {@code rows} data points, the rows of X being
     * {@code batch[0, rows)} (or 0..n−1 when null).
     */
    private void backward(double[] velocity, int rows, int[] batch) {
        double c = -tau * s;
        if (trainA) {
            rBuf.put(0, rJ, 0, rows);
            // Sᵀ r
            openblas_nolapack.cblas_dgemv(CblasColMajor, CblasTrans, rows, m, 1.0, sigPtr, rows, rPtr, 1, 0.0, gaPtr, 1);
            gaBuf.get(0, velocity, offsetA, m);
            // velocity_a = −τ grad_a = −τ s Sᵀ r
            for (int j = offsetA; j < offsetA + m; j++) {
                velocity[j] *= c;
            }
        } else {
            Arrays.fill(velocity, offsetA, offsetA + m, 0.0);
        }
        if (trainW) {
            // R = diag(r) X, column-major with leading dimension rows
            for (int k = 0; k < d; k++) {
                int base = k * rows;
                for (int j = 0; j < rows; j++) {
                    int i = batch == null ? j : batch[j];
                    rxJ[base + j] = rJ[j] * x[i * d + k];
                }
            }
            rxBuf.put(0, rxJ, 0, rows * d);
            // Gᵀ = Rᵀ D, d×m column-major = Dᵀ R row-major
            openblas_nolapack.cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, d, m, rows,
                    1.0, rxPtr, rows, zdPtr, rows, 0.0, gtPtr, d);
            gtBuf.get(0, velocity, 0, offsetA);
            // velocity_W = −τ grad_W = −τ s diag(a) Dᵀ R, row j scaled by −τ s a_j
            for (int j = 0; j < m; j++) {
                double cj = c * aJ[j];
                int base = j * d;
                for (int k = 0; k < d; k++) {
                    velocity[base + k] *= cj;
                }
            }
        } else {
            Arrays.fill(velocity, 0, offsetA, 0.0);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Computed as {@code H = τ s² [(D diag(|a|))(D diag(|a|))ᵀ ∘ (X Xᵀ) + S Sᵀ]} with OpenBLAS's
     * dsyrk on the upper triangle, then mirrored, so H is exactly symmetric. The first call
     * allocates two n×n native buffers (H and X Xᵀ).
     */
    @Override
    public void gram(double[] theta, double[] gram) {
        checkOpen();
        checkLength("theta", theta, dimension());
        if (gram.length != (long) n * n) {
            throw new IllegalArgumentException("gram has " + gram.length + " values for n×n = " + n + "×" + n);
        }
        if (hNative == null) {
            hNative = vector((long) n * n);
            hPtr = pointer(hNative);
        }
        forward(theta, xPtr, n, trainW);
        double beta = 0.0;
        if (trainW) {
            if (xxtNative == null) {
                xxtNative = vector((long) n * n);
                xxtPtr = pointer(xxtNative);
                // X Xᵀ, upper triangle, once
                openblas_nolapack.cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, n, d, 1.0, xPtr, n, 0.0, xxtPtr, n);
            }
            // D diag(|a|), in place over D: column j scaled by |a_j|
            parallel.run(m, Math.max(1, MIN_PARALLEL_BLOCK / n), this::scaleColumns);
            // H = (D diag(|a|))(D diag(|a|))ᵀ = D diag(a²) Dᵀ, upper triangle
            openblas_nolapack.cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, n, m, 1.0, zdPtr, n, 0.0, hPtr, n);
            // H = H ∘ (X Xᵀ) on the upper triangle
            DoubleBuffer h = buffer(hNative);
            DoubleBuffer xxt = buffer(xxtNative);
            for (int j = 0; j < n; j++) {
                for (int i = j * n; i <= j * n + j; i++) {
                    h.put(i, h.get(i) * xxt.get(i));
                }
            }
            beta = 1.0;
        }
        if (trainA) {
            // H += S Sᵀ, upper triangle
            openblas_nolapack.cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, n, m, 1.0, sigPtr, n, beta, hPtr, n);
        }
        buffer(hNative).get(0, gram, 0, n * n);
        double c = tau * s * s;
        // H *= τ s²; the upper triangle (column-major H(i, j), i ≤ j, at i + j n) mirrored into the lower
        for (int j = 0; j < n; j++) {
            for (int i = 0; i <= j; i++) {
                double v = c * gram[i + j * n];
                gram[i + j * n] = v;
                gram[j + i * n] = v;
            }
        }
    }

    /** Columns [from, to) of D scaled by |a_j|, in place. */
    private void scaleColumns(int worker, long from, long to) {
        double[] block = zChunk[worker];
        for (int j = (int) from; j < to; j++) {
            double f = Math.abs(aJ[j]);
            for (int start = 0; start < n; start += CHUNK) {
                int at = j * n + start;
                int len = Math.min(CHUNK, n - start);
                zdBuf.get(at, block, 0, len);
                // D_ij = |a_j| D_ij
                for (int i = 0; i < len; i++) {
                    block[i] *= f;
                }
                zdBuf.put(at, block, 0, len);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>LAPACK's divide-and-conquer {@code dsyevd} (OpenBLAS's LAPACK), on a native copy of the
     * upper triangle. The size k is taken from the array, {@code k² = symmetric.length}; symmetry is
     * assumed, not checked. The caller's array is not modified.
     *
     * @throws ArithmeticException if dsyevd fails (it reports info ≠ 0, e.g. for NaN entries)
     */
    @Override
    public double[] symmetricEigen(double[] symmetric, double[] eigenvectors) {
        checkOpen();
        int k = checkSymmetricEigen(symmetric, eigenvectors);
        double[] values = new double[k];
        if (k == 0) {
            return values;
        }
        for (double v : symmetric) {
            if (!Double.isFinite(v)) {
                throw new ArithmeticException("symmetric eigen decomposition of a " + k + "×" + k
                        + " matrix with a non-finite entry (" + v + ")");
            }
        }
        if (k != eigenSize) {
            releaseEigen();
            eigenMatrix = new DoublePointer((long) k * k);
            eigenValues = new DoublePointer(k);
            eigenSize = k;
        }
        eigenMatrix.put(symmetric);
        boolean wantVectors = eigenvectors != null;
        // A = V diag(λ) Vᵀ, λ ascending; V over A (column-major) when asked
        int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) (wantVectors ? 'V' : 'N'), (byte) 'U',
                k, eigenMatrix, k, eigenValues);
        if (info != 0) {
            throw new ArithmeticException("LAPACK dsyevd on a " + k + "×" + k + " matrix failed: info = " + info);
        }
        eigenValues.get(values);
        if (wantVectors) {
            eigenMatrix.get(eigenvectors);
            // V column-major (V(i, j) at i + j k) to row-major (at i k + j): transpose in place
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    double t = eigenvectors[i + j * k];
                    eigenvectors[i + j * k] = eigenvectors[j + i * k];
                    eigenvectors[j + i * k] = t;
                }
            }
        }
        return values;
    }

    private void releaseEigen() {
        if (eigenMatrix != null) {
            eigenMatrix.close();
            eigenValues.close();
            eigenMatrix = null;
            eigenValues = null;
            eigenSize = -1;
        }
    }

    /** Frees the native buffers now (rather than when collected) and stops the worker threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        parallel.close();
        releaseEigen();
        for (INDArray a : new INDArray[] {xNative, wtNative, aNative, zdNative, sigNative, uNative, rNative, rxNative,
                gtNative, gaNative, xBatchNative, hNative, xxtNative}) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("these nd4j kernels are closed");
        }
    }
}
