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
import org.gdflow.api.ElementwisePass;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernels of one run on ND4J's native memory and its bundled OpenBLAS: the vector field
 * {@code F(θ) = −τ ∇L(θ)}, the loss, the predictions, the Gram matrix and LAPACK's {@code dsyevd}.
 *
 * <p>Symbols: θ is W (m×d, row-major) then a (m); X is n×d, {@code Z = X Wᵀ} (n×m),
 * {@code S = σ(Z)}, {@code D = σ'(Z)}, {@code u = s S a}, {@code r_i = μ_i (u_i − y_i)},
 * {@code L = ½ Σ μ_i (u_i − y_i)²}, {@code ∇_a L = s Sᵀ r}, {@code ∇_W L = s diag(a) Dᵀ diag(r) X}.
 *
 * <p>Layout: every native matrix is column-major (ND4J's f-order), and Z is stored row-major (Zᵀ
 * column-major) so that each data point's row is contiguous. W row-major is Wᵀ column-major and X
 * row-major is Xᵀ column-major, so θ's W and the problem's X are copied into native memory as they are.
 *
 * <p>The field in steps (from n·m ≥ {@link #MIN_BLOCKED_ELEMENTS} on, where a step has at least d rows):
 * the rows are split into {@link #LANES} lanes, each a contiguous group of the {@link ElementwisePass}'s blocks, and each step takes
 * the next few rows of every lane, about {@link #STEP_BYTES} of Z in all, so that Z never goes to main
 * memory whole. Per step: the step's block of Z is one dgemm (X is kept in native memory in step order),
 * the pass runs over its rows while they are in cache (σ, σ', u, r, the loss, Sᵀ r, and {@code D̃ = D diag(a)}
 * over Z; the lanes on the Java workers, each row copied into a Java buffer and back), and a second dgemm
 * adds the step's share {@code −τ s R_stepᵀ D̃_step} to {@code Gᵀ} (d×m column-major, the W part of the
 * velocity in θ's own layout), with R = diag(r) X written by the pass beside D̃. OpenBLAS's threads (the
 * dgemm) and the Java workers (the pass) take turns in each step. The pass sums as in one pass over all of
 * Z, and Gᵀ over the steps in order, which depend on n (or the batch size) and m alone, so the results do
 * not depend on the thread count. Elsewhere the field is one pass over all of Z between two whole
 * products (one n×m buffer). S = σ(Z) is never stored for the field. The products go straight to
 * OpenBLAS's cblas_dgemm on the buffers (no ND4J op objects: ND4J's {@code Nd4j.gemm} allocated about 4 KB
 * a call and was slower at the small workload).
 *
 * <p>All work arrays are allocated in the constructor, except: all of Z (n×m) at the first use of the
 * unblocked field, the Gram matrix or the pattern flips; the batch copy of X on the first unblocked
 * {@link #evaluateBatch}; S and the n×n buffers on the first {@link #gram}, the eigen-solver's buffers on
 * the first {@link #symmetricEigen} of a size. Not thread-safe.
 */
final class Nd4jKernels implements NetworkKernels {
    /** Elements per block of a Java pass over a native buffer. */
    private static final int CHUNK = 4096;
    /** The smallest number of elements worth a second thread in a Java pass. */
    private static final long MIN_PARALLEL_BLOCK = 32_768;
    /**
     * The smallest share of Z per thread of the elementwise pass (2¹⁸ elements): below it the hand-off to
     * a second thread costs more than it saves (at the small workload, 2¹⁸ elements in all, one thread
     * took 1.55–1.56 ms per evaluation at best against 1.61–1.81 ms with two, docs/PERFORMANCE.md).
     */
    private static final long MIN_PARALLEL_PASS = 1 << 18;
    /**
     * The row ranges of one step of the blocked field: each a contiguous group of the pass's blocks, passed by
     * one thread at a time. A constant, not the thread count, so that the steps (and so the summation order of
     * Gᵀ) do not depend on the number of threads.
     */
    static final int LANES = 2;
    /**
     * The bytes of one step's block of Z in the blocked field (all lanes): 2 MiB, the L2 of this 2-core
     * machine (1 MiB per core), so each lane's rows stay in its core's cache between the dgemm and the pass;
     * the rows per step follow from m (32 at m = 8192). Measured at n = 1024, d = 16, m = 8192, one JVM,
     * interleaved, load average 16–18 on 2 cores: evaluation median 122–134 ms, best 50–55, against
     * 228–265 and 148–212 without steps; 64 rows per step: 161 and 64. At d = 32: best 82 ms (64 rows: 105)
     * against 197 without steps (docs/PERFORMANCE.md, "Z in steps: measurements").
     */
    static final long STEP_BYTES = 2L << 20;
    /**
     * The smallest n·m (2¹⁹) that takes the blocked field; it also needs at least d rows per step (see the
     * constructor), so the medium and large workloads (d = 64 and 256) keep the whole products: at large,
     * 16 rows per step took 32 s per evaluation (median, best 13.7) against 11.0 (9.7) whole, and the steps'
     * products alone 29.0 s against 9.4, under load 15–21. Below 2¹⁹, Z (at most 4 MiB) stays in cache whole:
     * at the small workload (n·m = 2¹⁸, the pass on one thread) the blocked field is one step of the same
     * work, and measured the same (median 5.66 ms, best 1.55, against 6.06 and 1.59 unblocked, 600
     * evaluations each, interleaved, load average 15; steps of 128 rows: 5.08 and 1.51, within that noise).
     * {@code -Dgdflow.nd4j.steps=false} turns the steps off at every size, for comparisons.
     */
    static final long MIN_BLOCKED_ELEMENTS = Boolean.parseBoolean(System.getProperty("gdflow.nd4j.steps", "true"))
            ? 1L << 19 : Long.MAX_VALUE;

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
    /** The σ of the Gram matrix's pass: the problem's plugin. */
    private final Activation activation;
    private final ParallelBlocks parallel;
    /** The elementwise pass between the two products, and one scratch per block. */
    private final ElementwisePass pass;
    private final ElementwisePass.Scratch[] scratch;

    /** Native arrays, column-major; kept here so that their memory lives as long as the kernels. */
    private final INDArray xNative;
    private final INDArray wtNative;
    private INDArray zdNative;
    private final INDArray zStepNative;
    private final INDArray rxNative;
    private final INDArray gtNative;
    private INDArray xBatchNative;
    private INDArray sigNative;
    private INDArray hNative;
    private INDArray xxtNative;

    /** Pointers for BLAS and buffers for Java over the same native memory. */
    private final DoublePointer xPtr;
    private final DoublePointer wtPtr;
    private DoublePointer zdPtr;
    private final DoublePointer zStepPtr;
    private final DoublePointer rxPtr;
    private final DoublePointer gtPtr;
    private DoublePointer xBatchPtr;
    private DoublePointer sigPtr;
    private DoublePointer hPtr;
    private DoublePointer xxtPtr;
    private final DoubleBuffer wtBuf;
    private DoubleBuffer zdBuf;
    private final DoubleBuffer zStepBuf;
    private final DoubleBuffer rxBuf;
    private final DoubleBuffer gtBuf;
    private DoubleBuffer xBatchBuf;
    private DoubleBuffer sigBuf;

    /** Java-side work arrays. */
    private final double[] aJ;
    private final double[] rxJ;
    private final double[] yBatch;
    private final double[] muBatch;
    /** Per-worker blocks of Z, S and D for the Gram matrix's pass. */
    private final double[][] zChunk;
    private final double[][] sChunk;
    private final double[][] dChunk;
    /** The targets and weights of the evaluation in progress, for {@link #passBlocks} and {@link #passLanes}. */
    private double[] passY;
    private double[] passMu;

    /** The rows of one lane in one step of the blocked field: a step's Zᵀ block is m × (LANES · laneRows). */
    private final int laneRows;
    /** The smallest rows·m that takes the blocked field. */
    private final long minBlocked;
    /**
     * The rows of X (or of the batch's X) in step order, lane after lane within each step, so that a step's
     * Z is one dgemm; a movable view into it for BLAS. {@code xStepHoldsAll}: it holds all n rows in that
     * order (made at the first evaluation on all rows, overwritten by a mini-batch).
     */
    private final INDArray xStepNative;
    private final DoublePointer xStepView;
    private final DoubleBuffer xStepBuf;
    private boolean xStepHoldsAll;
    /** The first position (in step order) and the number of rows of the step in progress. */
    private int stepStart;
    private int stepRows;
    /** Per lane, for the step in progress: its first row, its row count, its offset in the step's block, its pass block. */
    private final int[] laneNext = new int[LANES];
    private final int[] laneEnd = new int[LANES];
    private final int[] laneCount = new int[LANES];
    private final int[] laneOffset = new int[LANES];
    private final int[] laneBlock = new int[LANES];
    /** Of the step in progress: the rows of X (null: 0..n−1), and whether D̃ and R are wanted. */
    private int[] stepBatch;
    private boolean stepBackward;

    /** The eigen-solver's native buffers, for the size they were made for. */
    private int eigenSize = -1;
    private DoublePointer eigenMatrix;
    private DoublePointer eigenValues;

    private boolean closed;

    /**
     * Allocates the work arrays; {@link NativeBlas#ensureReady()} must have succeeded.
     *
     * @param problem the problem. Not modified; its arrays are shared, not copied (X is copied to native memory).
     * @param threads the number of threads of the Java passes
     * @throws IllegalArgumentException if an n×m matrix does not fit one native buffer of 2³¹ − 1 doubles
     */
    Nd4jKernels(NetworkProblem problem, int threads) {
        this(problem, threads, STEP_BYTES, MIN_BLOCKED_ELEMENTS);
    }

    /**
     * As above, with the blocked field's step size and threshold given (for tests).
     *
     * @param stepBytes the bytes of one step's block of Z (at least one row per lane)
     * @param minBlocked the smallest rows·m of an evaluation that takes the blocked field
     */
    Nd4jKernels(NetworkProblem problem, int threads, long stepBytes, long minBlocked) {
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
        this.activation = problem.activation();
        this.parallel = new ParallelBlocks(threads);
        this.pass = new ElementwisePass(problem);
        this.scratch = new ElementwisePass.Scratch[ElementwisePass.MAX_BLOCKS];
        for (int b = 0; b < scratch.length; b++) {
            scratch[b] = pass.scratch();
        }

        xNative = vector((long) n * d);
        wtNative = vector((long) d * m);
        // one step's Z: LANES lanes of laneRows rows, about STEP_BYTES in all, at most n rows
        laneRows = (int) Math.max(1, Math.min((n + LANES - 1) / LANES, stepBytes / (8L * m * LANES)));
        // steps only where they can save traffic: each step re-reads Wᵀ and re-reads and re-writes Gᵀ (3 m d
        // doubles) to save the 4 passes over its rows of Z (4 · rows · m doubles); below d rows per step
        // (the medium and large workloads, d = 64 and 256) that is a loss
        this.minBlocked = (long) LANES * laneRows >= d ? minBlocked : Long.MAX_VALUE;
        zStepNative = vector((long) LANES * laneRows * m);
        rxNative = vector((long) n * d);
        gtNative = vector((long) d * m);
        xPtr = pointer(xNative);
        wtPtr = pointer(wtNative);
        zStepPtr = pointer(zStepNative);
        rxPtr = pointer(rxNative);
        gtPtr = pointer(gtNative);
        wtBuf = buffer(wtNative);
        zStepBuf = buffer(zStepNative);
        rxBuf = buffer(rxNative);
        gtBuf = buffer(gtNative);

        aJ = new double[m];
        rxJ = new double[n * d];
        // R = 0 until the first field, so that products() before it multiplies numbers, not uninitialised memory
        rxBuf.put(0, rxJ, 0, n * d);
        yBatch = new double[n];
        muBatch = new double[n];
        int workers = parallel.workers();
        zChunk = new double[workers][CHUNK];
        sChunk = new double[workers][CHUNK];
        dChunk = new double[workers][CHUNK];

        // X row-major is Xᵀ column-major (d×n): copied as it is
        buffer(xNative).put(0, x, 0, n * d);
        xStepNative = vector((long) n * d);
        xStepView = pointer(xStepNative);
        xStepBuf = buffer(xStepNative);
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

    @Override
    public double evaluate(double[] theta, double[] velocity) {
        checkOpen();
        checkLength("theta", theta, dimension());
        checkLength("velocity", velocity, dimension());
        return field(theta, xPtr, y, mu, n, null, velocity);
    }

    @Override
    public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
        checkOpen();
        checkLength("theta", theta, dimension());
        checkLength("velocity", velocity, dimension());
        checkBatch(batch, size, n);
        double reweight = (double) n / size;
        if (blocked(size)) {
            // y_B, μ_B = μ n/|B| on the batch rows; X_B goes to native memory in step order
            for (int j = 0; j < size; j++) {
                yBatch[j] = y[batch[j]];
                muBatch[j] = mu[batch[j]] * reweight;
            }
            return blockedField(theta, yBatch, muBatch, size, batch, true, velocity);
        }
        if (xBatchNative == null) {
            xBatchNative = vector((long) n * d);
            xBatchPtr = pointer(xBatchNative);
            xBatchBuf = buffer(xBatchNative);
        }
        // X_B row-major (Xᵀ_B column-major, d×|B|), y_B, μ_B = μ n/|B| on the batch rows
        for (int j = 0; j < size; j++) {
            int i = batch[j];
            yBatch[j] = y[i];
            muBatch[j] = mu[i] * reweight;
            System.arraycopy(x, i * d, rxJ, j * d, d);
        }
        xBatchBuf.put(0, rxJ, 0, size * d);
        return field(theta, xBatchPtr, yBatch, muBatch, size, batch, velocity);
    }

    @Override
    public double loss(double[] theta) {
        checkOpen();
        checkLength("theta", theta, dimension());
        if (blocked(n)) {
            return blockedField(theta, y, mu, n, null, false, null);
        }
        firstProduct(theta, xPtr, n);
        return rows(theta, y, mu, n, false, null);
    }

    @Override
    public void predictions(double[] theta, double[] predictions) {
        checkOpen();
        checkLength("theta", theta, dimension());
        checkLength("u", predictions, n);
        if (blocked(n)) {
            blockedField(theta, y, mu, n, null, false, null);
        } else {
            firstProduct(theta, xPtr, n);
            rows(theta, y, mu, n, false, null);
        }
        for (int i = 0; i < n; i++) {
            predictions[i] = pass.prediction(i);
        }
    }

    /** Z(0) and Z(t), copied out of native memory for {@link #patternFlipFraction}, allocated at its first call. */
    private double[] z0;
    private double[] zt;

    /**
     * {@inheritDoc} Here: Z(0)ᵀ = W(0) Xᵀ and Z(t)ᵀ = W(t) Xᵀ by the same dgemm the field uses, then one
     * pass over the n×m signs in Java. Leaves the work arrays in an unspecified state (the next
     * evaluation recomputes them).
     */
    @Override
    public double patternFlipFraction(double[] theta0, double[] theta) {
        checkOpen();
        checkLength("theta0", theta0, dimension());
        checkLength("theta", theta, dimension());
        if (z0 == null) {
            z0 = new double[n * m];
            zt = new double[n * m];
        }
        firstProduct(theta0, xPtr, n);
        zdBuf.get(0, z0, 0, n * m);
        firstProduct(theta, xPtr, n);
        zdBuf.get(0, zt, 0, n * m);
        long flips = 0;
        for (int e = 0; e < n * m; e++) {
            // a flip: 1{z(t) > 0} ≠ 1{z(0) > 0}; z = 0 counts as inactive
            if ((zt[e] > 0) != (z0[e] > 0)) {
                flips++;
            }
        }
        return (double) flips / ((double) n * m);
    }

    /**
     * Whether an evaluation on {@code rows} data points takes the blocked field: when rows·m ≥
     * {@link #MIN_BLOCKED_ELEMENTS}, that is when Z would not stay in cache whole.
     */
    private boolean blocked(int rows) {
        return (long) rows * m >= minBlocked;
    }

    /** The field on {@code rows} data points, the rows of X being {@code batch[0, rows)} (or 0..n−1 when null). */
    private double field(double[] theta, DoublePointer xs, double[] ys, double[] weights, int rows, int[] batch,
            double[] velocity) {
        if (blocked(rows)) {
            return blockedField(theta, ys, weights, rows, batch, true, velocity);
        }
        firstProduct(theta, xs, rows);
        double loss = rows(theta, ys, weights, rows, true, velocity);
        if (trainW) {
            secondProduct(rows, batch, velocity);
        } else {
            Arrays.fill(velocity, 0, offsetA, 0.0);
        }
        return loss;
    }

    /**
     * {@inheritDoc} Here: the copy of W into native memory, then Z = X Wᵀ and Gᵀ = −τ s Rᵀ D̃ on all n rows
     * as the field runs them: in the blocked field's steps (two dgemm per step, without the pass between
     * them), or as two whole dgemm below {@link #MIN_BLOCKED_ELEMENTS}.
     */
    @Override
    public boolean products(double[] theta) {
        checkOpen();
        checkLength("theta", theta, dimension());
        if (blocked(n)) {
            wtBuf.put(0, theta, 0, offsetA);
            pass.begin(theta, n, false);
            startLanes(null);
            for (boolean first = true; nextStep(); first = false) {
                stepProductZ();
                stepProductG(first);
                advanceLanes();
            }
            return true;
        }
        firstProduct(theta, xPtr, n);
        openblas_nolapack.cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, d, m, n,
                -tau * s, rxPtr, d, zdPtr, m, 0.0, gtPtr, d);
        return true;
    }

    /**
     * The field (or with {@code backward} false the loss and predictions alone) in steps, so that the n×m
     * matrix Z never goes to main memory: each step computes the Zᵀ block of a few rows of each lane by
     * dgemm, runs the pass over them while they are in cache (lanes on the Java workers), and adds their
     * share {@code −τ s R_stepᵀ D̃_step} to Gᵀ by a second dgemm. The lanes are contiguous groups of the
     * pass's blocks, walked in row order, so the pass sums exactly as in one pass over all of Z; Gᵀ is summed
     * over the steps in order, which depend on rows and m alone, not on the thread count.
     */
    private double blockedField(double[] theta, double[] ys, double[] weights, int rows, int[] batch, boolean backward,
            double[] velocity) {
        // Wᵀ column-major (d×m) is W row-major: θ[0, m d) as it is
        wtBuf.put(0, theta, 0, offsetA);
        pass.begin(theta, rows, backward);
        passY = ys;
        passMu = weights;
        stepBatch = batch;
        stepBackward = backward;
        boolean gradientW = backward && trainW;
        startLanes(batch);
        // lanes on up to two threads when the whole pass is worth it (as in the unblocked pass)
        long minLanes = (long) rows * m >= 2 * MIN_PARALLEL_PASS ? 1 : LANES;
        for (boolean first = true; nextStep(); first = false) {
            stepProductZ();
            parallel.run(LANES, minLanes, this::passLanes);
            if (gradientW) {
                stepProductG(first);
            }
            advanceLanes();
        }
        double loss = pass.finish(velocity);
        if (backward) {
            if (trainW) {
                gtBuf.get(0, velocity, 0, offsetA);
            } else {
                Arrays.fill(velocity, 0, offsetA, 0.0);
            }
        }
        return loss;
    }

    /**
     * The lanes of the evaluation the pass has begun, lane ℓ being the pass's blocks [ℓ B / LANES, (ℓ + 1) B / LANES),
     * and its rows of X ({@code batch[0, rows)}, or all n when null) in step order in native memory.
     */
    private void startLanes(int[] batch) {
        if (batch != null || !xStepHoldsAll) {
            resetLanes();
            int position = 0;
            while (nextStep()) {
                for (int lane = 0; lane < LANES; lane++) {
                    for (int i = laneNext[lane], end = i + laneCount[lane]; i < end; i++, position++) {
                        System.arraycopy(x, (batch == null ? i : batch[i]) * d, rxJ, position * d, d);
                    }
                }
                advanceLanes();
            }
            // X in step order, row-major: Xᵀ column-major (d × rows) with its columns in step order
            xStepBuf.put(0, rxJ, 0, position * d);
            xStepHoldsAll = batch == null;
        }
        resetLanes();
    }

    private void resetLanes() {
        int blocks = pass.blocks();
        for (int lane = 0; lane < LANES; lane++) {
            int firstBlock = lane * blocks / LANES;
            laneNext[lane] = pass.blockStart(firstBlock);
            laneEnd[lane] = pass.blockStart((lane + 1) * blocks / LANES);
            laneBlock[lane] = firstBlock;
            laneCount[lane] = 0;
        }
        stepStart = 0;
        stepRows = 0;
    }

    /** The next step: up to laneRows rows of each lane, packed lane after lane; false when every lane is done. */
    private boolean nextStep() {
        int offset = 0;
        for (int lane = 0; lane < LANES; lane++) {
            laneOffset[lane] = offset;
            laneCount[lane] = Math.min(laneRows, laneEnd[lane] - laneNext[lane]);
            offset += laneCount[lane];
        }
        stepRows = offset;
        return offset > 0;
    }

    /** After a step: each lane moves past the rows it passed. */
    private void advanceLanes() {
        for (int lane = 0; lane < LANES; lane++) {
            laneNext[lane] += laneCount[lane];
        }
        stepStart += stepRows;
    }

    /** The step's block of Z, one dgemm on the step's rows of X (in step order). */
    private void stepProductZ() {
        xStepView.position((long) stepStart * d);
        // Zᵀ_step = W Xᵀ_step: (Wᵀ)ᵀ (m×d) times Xᵀ of the step's rows (d×stepRows), column-major m×stepRows
        openblas_nolapack.cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m, stepRows, d,
                1.0, wtPtr, d, xStepView, d, 0.0, zStepPtr, m);
    }

    /** After the step's pass: Gᵀ (+)= −τ s R_stepᵀ D̃_step, overwriting Gᵀ on the first step. */
    private void stepProductG(boolean first) {
        // Gᵀ = −τ s Σ_steps R_stepᵀ D̃_step: Rᵀ_step (d×stepRows) times (D̃ᵀ_step)ᵀ, D̃ᵀ_step stored m×stepRows
        openblas_nolapack.cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, d, m, stepRows,
                -tau * s, rxPtr, d, zStepPtr, m, first ? 0.0 : 1.0, gtPtr, d);
    }

    /**
     * Lanes [from, to) of a step: each row of the step's Z read into the lane's scratch, passed, and (backward)
     * D̃ written back and the row r_i x_i of R written beside it.
     */
    private void passLanes(int worker, long from, long to) {
        boolean rowsOfR = stepBackward && trainW;
        for (int lane = (int) from; lane < to; lane++) {
            int count = laneCount[lane];
            if (count == 0) {
                continue;
            }
            ElementwisePass.Scratch laneScratch = scratch[lane];
            double[] zRow = laneScratch.z();
            int offset = laneOffset[lane];
            int block = laneBlock[lane];
            for (int k = 0; k < count; k++) {
                int i = laneNext[lane] + k;
                while (i >= pass.blockStart(block + 1)) {
                    block++;
                }
                int at = (offset + k) * m;
                zStepBuf.get(at, zRow, 0, m);
                pass.row(block, i, passY[i], passMu[i], laneScratch);
                if (rowsOfR) {
                    zStepBuf.put(at, zRow, 0, m);
                    // R_i = r_i x_i, the step's rows of R row-major (Rᵀ column-major, d×stepRows)
                    double ri = pass.residual(i);
                    int source = (stepBatch == null ? i : stepBatch[i]) * d;
                    int target = (offset + k) * d;
                    for (int q = 0; q < d; q++) {
                        rxJ[target + q] = ri * x[source + q];
                    }
                }
            }
            laneBlock[lane] = block;
            if (rowsOfR) {
                rxBuf.put(offset * d, rxJ, offset * d, count * d);
            }
        }
    }

    /** Wᵀ into native memory, then {@code Z = X Wᵀ} on {@code rows} data points, stored row-major (m×rows column-major). */
    private void firstProduct(double[] theta, DoublePointer xs, int rows) {
        if (zdNative == null) {
            // all of Z: for the unblocked field, the Gram matrix and the pattern flips, at their first use
            zdNative = vector((long) n * m);
            zdPtr = pointer(zdNative);
            zdBuf = buffer(zdNative);
        }
        // Wᵀ column-major (d×m) is W row-major: θ[0, m d) as it is
        wtBuf.put(0, theta, 0, offsetA);
        // Zᵀ = W Xᵀ: (Wᵀ)ᵀ (m×d) times Xᵀ (d×rows), column-major m×rows
        openblas_nolapack.cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m, rows, d,
                1.0, wtPtr, d, xs, d, 0.0, zdPtr, m);
    }

    /**
     * The elementwise pass over the rows of Z, its blocks on the Java workers when the problem is large
     * enough; returns L and, with {@code backward}, writes the velocity of a and leaves D̃ over Z.
     */
    private double rows(double[] theta, double[] ys, double[] weights, int rows, boolean backward, double[] velocity) {
        pass.begin(theta, rows, backward);
        passY = ys;
        passMu = weights;
        int blocks = pass.blocks();
        long perBlock = Math.max(1, (long) rows * m / blocks);
        // blocks per thread: at least MIN_PARALLEL_PASS elements each
        parallel.run(blocks, (MIN_PARALLEL_PASS + perBlock - 1) / perBlock, this::passBlocks);
        return pass.finish(velocity);
    }

    /** Blocks [from, to) of the pass: each row of Z read into its block's scratch, passed, and D̃ written back. */
    private void passBlocks(int worker, long from, long to) {
        for (int block = (int) from; block < to; block++) {
            ElementwisePass.Scratch rowScratch = scratch[block];
            double[] zRow = rowScratch.z();
            for (int i = pass.blockStart(block), end = pass.blockStart(block + 1); i < end; i++) {
                zdBuf.get(i * m, zRow, 0, m);
                pass.row(block, i, passY[i], passMu[i], rowScratch);
                zdBuf.put(i * m, zRow, 0, m);
            }
        }
    }

    /**
     * After the pass: {@code Gᵀ = −τ s Rᵀ D̃} with R = diag(r) X on the rows {@code batch[0, rows)} (or
     * 0..n−1 when null), d×m column-major, which is the W part of the velocity in θ's layout.
     */
    private void secondProduct(int rows, int[] batch, double[] velocity) {
        // R = diag(r) X row-major, that is Rᵀ column-major (d×rows)
        for (int j = 0; j < rows; j++) {
            int i = batch == null ? j : batch[j];
            double rj = pass.residual(j);
            for (int k = 0; k < d; k++) {
                rxJ[j * d + k] = rj * x[i * d + k];
            }
        }
        rxBuf.put(0, rxJ, 0, rows * d);
        // Gᵀ = −τ s Rᵀ D̃: Rᵀ (d×rows) times (D̃ᵀ)ᵀ, D̃ᵀ stored m×rows column-major
        openblas_nolapack.cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, d, m, rows,
                -tau * s, rxPtr, d, zdPtr, m, 0.0, gtPtr, d);
        gtBuf.get(0, velocity, 0, offsetA);
    }

    /** The forward pass of the Gram matrix: Z, then S = σ(Z) into its own buffer and D = σ'(Z) over Z (both m×n column-major). */
    private void forwardForGram(double[] theta) {
        if (sigNative == null) {
            sigNative = vector((long) n * m);
            sigPtr = pointer(sigNative);
            sigBuf = buffer(sigNative);
        }
        firstProduct(theta, xPtr, n);
        System.arraycopy(theta, offsetA, aJ, 0, m);
        parallel.run((long) n * m, MIN_PARALLEL_BLOCK, this::activateBlock);
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

    /**
     * {@inheritDoc}
     *
     * <p>Computed as {@code H = τ s² [(D diag(|a|))(D diag(|a|))ᵀ ∘ (X Xᵀ) + S Sᵀ]} with OpenBLAS's
     * dsyrk on the upper triangle, then mirrored, so H is exactly symmetric. The first call
     * allocates S (n×m) and two n×n native buffers (H and X Xᵀ).
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
        forwardForGram(theta);
        double beta = 0.0;
        if (trainW) {
            if (xxtNative == null) {
                xxtNative = vector((long) n * n);
                xxtPtr = pointer(xxtNative);
                // X Xᵀ = (Xᵀ)ᵀ Xᵀ, upper triangle, once
                openblas_nolapack.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n, d, 1.0, xPtr, d, 0.0, xxtPtr, n);
            }
            // D diag(|a|), in place over D: each row scaled by |a|
            parallel.run(n, Math.max(1, MIN_PARALLEL_BLOCK / m), this::scaleRows);
            // H = (D diag(|a|))(D diag(|a|))ᵀ = D diag(a²) Dᵀ, upper triangle, from Dᵀ stored m×n column-major
            openblas_nolapack.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n, m, 1.0, zdPtr, m, 0.0, hPtr, n);
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
            openblas_nolapack.cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n, m, 1.0, sigPtr, m, beta, hPtr, n);
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

    /** Rows [from, to) of D (row-major) scaled by |a|, in place. */
    private void scaleRows(int worker, long from, long to) {
        double[] block = zChunk[worker];
        for (int i = (int) from; i < to; i++) {
            for (int start = 0; start < m; start += CHUNK) {
                int at = i * m + start;
                int len = Math.min(CHUNK, m - start);
                zdBuf.get(at, block, 0, len);
                // D_ij = |a_j| D_ij
                for (int j = 0; j < len; j++) {
                    block[j] *= Math.abs(aJ[start + j]);
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
        for (INDArray a : new INDArray[] {xNative, xStepNative, wtNative, zdNative, zStepNative, sigNative, rxNative, gtNative, xBatchNative, hNative,
                xxtNative}) {
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
