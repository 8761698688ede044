package org.gdflow.api;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * For backend authors: the elementwise part of one evaluation of the field, fused into one pass over each
 * row {@code z_i = (w_r·x_i)_r} of {@code Z = X Wᵀ}, between the two matrix products. For row i it runs
 * the plugin's {@link Activation#evaluate} (σ and σ' in one pass), the prediction
 * {@code u_i = s Σ_r a_r σ(z_ir)}, the residual {@code r_i = μ_i (u_i − y_i)}, the loss term
 * {@code μ_i (u_i − y_i)²}, the row's share {@code r_i σ(z_i·)} of {@code ∇_a L = s Sᵀ r}, and
 * {@code D̃_ir = a_r σ'(z_ir)} over the row, so that the backend's second product
 * {@code ∇_W L = s D̃ᵀ diag(r) X} needs no further pass and S = σ(Z) is never stored.
 *
 * <p>The rows of an evaluation are grouped into at most {@link #MAX_BLOCKS} blocks that depend on the
 * number of rows alone. A backend may run blocks on different threads, each thread with its own
 * {@link Scratch}; each block sums its rows' shares of Sᵀ r in row order, and {@link #finish} adds the
 * blocks in block order and the loss terms in row order, so the results do not depend on the thread
 * count. Allocates its arrays once, in the constructor (the block sums of Sᵀ r only if a is trained).
 * {@link #begin}, the rows and {@link #finish} of one evaluation must not overlap another's.
 */
public final class ElementwisePass {
    /** The most blocks the rows of one evaluation are grouped into. */
    public static final int MAX_BLOCKS = 16;

    private final Activation activation;
    private final int m;
    private final int offsetA;
    private final double s;
    private final double tau;
    private final boolean trainA;
    private final double[] a;
    private final double[] predictions;
    private final double[] residuals;
    private final double[] lossTerms;
    private final double[][] blockSums;
    /**
     * {@link VectorRows#dot} where the rows run it (SIMD and at least one vector per row), else null (the scalar
     * code, the same bits). Called through this handle, a field and so not a constant to C2, rather than directly:
     * C2 then compiles the dot product on its own instead of inlining it into {@link #row} and the loops around
     * it, where in some JVMs it left every vector operation of the dot product boxed (a warm erf evaluation at
     * medium on ejml: 93–98 ms and 200 MB allocated, against 66–75 ms and 17 bytes with the dot product kept apart;
     * docs/PERFORMANCE.md).
     */
    private final MethodHandle simdDot;
    private int rows;
    private int blocks;
    private boolean backward;

    /**
     * Allocates the arrays for the problem's n rows.
     *
     * @param problem the problem. Not modified.
     */
    public ElementwisePass(NetworkProblem problem) {
        this.activation = problem.activation();
        this.m = problem.width();
        this.offsetA = problem.offsetA();
        this.s = problem.outputScale();
        this.tau = problem.timeScale();
        this.trainA = problem.trainA();
        this.a = new double[m];
        this.predictions = new double[problem.n()];
        this.residuals = new double[problem.n()];
        this.lossTerms = new double[problem.n()];
        this.blockSums = new double[trainA ? MAX_BLOCKS : 0][m];
        this.simdDot = SIMD_ROWS && m >= VectorSupport.lanes() ? VectorRows.dotHandle() : null;
    }

    /** Per-thread row buffers of m doubles: the caller puts a row of Z into {@link #z()}. */
    public static final class Scratch {
        private final double[] z;
        private final double[] sigma;

        private Scratch(int m) {
            this.z = new double[m];
            this.sigma = new double[m];
        }

        /** The row buffer: the caller writes z_i· here before {@link ElementwisePass#row}; it then holds D̃_i· (σ'(z_i·) in a forward pass). */
        public double[] z() {
            return z;
        }
    }

    /** A new scratch for one thread. */
    public Scratch scratch() {
        return new Scratch(m);
    }

    /**
     * Starts an evaluation at θ over {@code rows} rows.
     *
     * @param theta the state; a is read from it. Not modified.
     * @param rows the number of rows (n, or a mini-batch's size)
     * @param backward true for the field (σ', D̃ and Sᵀ r too), false for the loss or the predictions alone
     */
    public void begin(double[] theta, int rows, boolean backward) {
        if (rows < 1 || rows > residuals.length) {
            throw new IllegalArgumentException("rows = " + rows + " must be in [1, " + residuals.length + "]");
        }
        System.arraycopy(theta, offsetA, a, 0, m);
        this.rows = rows;
        this.blocks = Math.min(MAX_BLOCKS, rows);
        this.backward = backward;
    }

    /** The number of blocks of this evaluation: min({@link #MAX_BLOCKS}, rows). */
    public int blocks() {
        return blocks;
    }

    /** The first row of a block; block b holds rows [blockStart(b), blockStart(b + 1)). */
    public int blockStart(int block) {
        return (int) ((long) rows * block / blocks);
    }

    /**
     * One row. On entry {@code scratch.z()} holds z_i· (m values); on return it holds σ'(z_i·), and in a
     * backward pass {@code D̃_i· = a ∘ σ'(z_i·)}, with the row's r_i σ(z_i·) added to its block's sum.
     *
     * @param block the block of the row; rows of one block must be passed in order, by one thread
     * @param row the row's index in [0, rows)
     * @param y the target y_i
     * @param mu the loss weight μ_i
     * @param scratch this thread's scratch. Modified.
     */
    public void row(int block, int row, double y, double mu, Scratch scratch) {
        row(block, row, y, mu, scratch, scratch.z, 0);
    }

    /**
     * One row, D̃ written elsewhere: as {@link #row(int, int, double, double, Scratch)}, but in a backward
     * pass {@code D̃_i· = a ∘ σ'(z_i·)} goes to {@code out[offset, offset + m)} (a backend's D̃ matrix, which
     * saves copying the row back), while {@code scratch.z()} keeps σ'(z_i·). The same arithmetic: the same
     * bits. {@code out} is not touched in a forward pass.
     *
     * @param out receives D̃_i· in a backward pass (may be {@code scratch.z()} with offset 0: in place)
     * @param offset where D̃_i· starts in {@code out}
     */
    public void row(int block, int row, double y, double mu, Scratch scratch, double[] out, int offset) {
        double[] z = scratch.z;
        double[] sigma = scratch.sigma;
        // σ and σ' of the row, σ' over z
        activation.evaluate(z, sigma, z, 0, m);
        // u_i = s Σ_r a_r σ(z_ir), four partial sums (and D̃_ir = a_r σ'(z_ir) in the same loop, backward)
        double u = s * (simdDot != null ? simdDot(sigma, z, out, offset)
                : dot(a, sigma, z, out, offset, m, backward));
        // r_i = μ_i (u_i − y_i), loss term μ_i (u_i − y_i)²
        predictions[row] = u;
        double e = u - y;
        double ri = mu * e;
        residuals[row] = ri;
        lossTerms[row] = ri * e;
        if (backward && trainA) {
            // the block's Sᵀ r += r_i σ(z_i·)
            double[] sum = blockSums[block];
            if (row == blockStart(block)) {
                Arrays.fill(sum, 0.0);
            }
            for (int j = 0; j < m; j++) {
                sum[j] += ri * sigma[j];
            }
        }
    }

    /** {@link VectorRows#dot} of this pass's a and m through {@link #simdDot}. */
    private double simdDot(double[] sigma, double[] z, double[] out, int offset) {
        try {
            return (double) simdDot.invokeExact(a, sigma, z, out, offset, m, backward);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // dot declares no checked exception: not reached
            throw new IllegalStateException("ElementwisePass: VectorRows.dot threw " + e, e);
        }
    }

    /** Whether {@link VectorRows} may run: SIMD enabled, with 4 or 8 lanes. */
    private static final boolean SIMD_ROWS = VectorSupport.enabled() && VectorRows.supports(VectorSupport.lanes());

    /**
     * The scalar code of {@link VectorRows#dot}: {@code ((d0 + d1) + (d2 + d3))} with
     * {@code d_l = Σ_{r ≡ l mod 4} a_r σ_r} (r ascending, the remainder m mod 4 added to d0), and, with
     * {@code backward}, {@code out[offset + r] = a_r z_r}.
     */
    static double dot(double[] a, double[] sigma, double[] z, double[] out, int offset, int m, boolean backward) {
        double d0 = 0;
        double d1 = 0;
        double d2 = 0;
        double d3 = 0;
        int r = 0;
        for (; r + 4 <= m; r += 4) {
            // d_l += a_r σ_r
            d0 += a[r] * sigma[r];
            d1 += a[r + 1] * sigma[r + 1];
            d2 += a[r + 2] * sigma[r + 2];
            d3 += a[r + 3] * sigma[r + 3];
        }
        for (; r < m; r++) {
            d0 += a[r] * sigma[r];
        }
        if (backward) {
            // D̃_r = a_r σ'_r
            for (int j = 0; j < m; j++) {
                out[offset + j] = a[j] * z[j];
            }
        }
        return (d0 + d1) + (d2 + d3);
    }

    /** The prediction u_i = s Σ_r a_r σ(z_ir) of a row of this evaluation. */
    public double prediction(int row) {
        return predictions[row];
    }

    /** The residual r_i = μ_i (u_i − y_i) of a row of this evaluation. */
    public double residual(int row) {
        return residuals[row];
    }

    /**
     * Ends the evaluation: the loss {@code L = ½ Σ_i μ_i (u_i − y_i)²} (rows in order) and, in a backward
     * pass, the velocity of a, {@code −τ s Σ_b (Sᵀ r)_b} (blocks in order), or 0 where a is not trained.
     *
     * @param velocity modified in a backward pass: receives the velocity of a at [m·d, m·d + m); the rest is not touched
     * @return L
     */
    public double finish(double[] velocity) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += lossTerms[i];
        }
        if (backward) {
            if (trainA) {
                // velocity_a = −τ s Σ_b (Sᵀ r)_b
                double c = -tau * s;
                for (int j = 0; j < m; j++) {
                    double g = 0;
                    for (int b = 0; b < blocks; b++) {
                        g += blockSums[b][j];
                    }
                    velocity[offsetA + j] = c * g;
                }
            } else {
                Arrays.fill(velocity, offsetA, offsetA + m, 0.0);
            }
        }
        return 0.5 * sum;
    }
}
