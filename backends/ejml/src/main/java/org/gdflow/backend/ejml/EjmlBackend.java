package org.gdflow.backend.ejml;

import org.ejml.concurrency.EjmlConcurrency;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;

/**
 * The pure-Java backend: the field's two products on gdflow's own SIMD kernels ({@link ProductKernels}),
 * the Gram matrix on EJML's dense row-major kernels ({@code CommonOps_DDRM}, and {@code CommonOps_MT_DDRM}
 * for large products) and EJML's symmetric eigen solver. Immutable; each {@link #open} makes an
 * {@link EjmlKernels} that owns the work arrays of one run.
 */
public final class EjmlBackend implements Backend {
    /**
     * The number of multiply-adds above which the multi-threaded kernels are used: {@code rows·m·d} for
     * the field (its blocks of rows and chunks of columns then run on the calling thread and
     * {@link PhasedJob}'s helpers), {@code n·n·m} for the Gram matrix (on EJML's thread pool). Below it the
     * single-threaded kernels are as fast.
     */
    public static final long DEFAULT_MULTI_THREAD_THRESHOLD = 2_000_000L;

    private final long multiThreadThreshold;

    /** A backend that goes multi-threaded above {@link #DEFAULT_MULTI_THREAD_THRESHOLD}. */
    public EjmlBackend() {
        this(DEFAULT_MULTI_THREAD_THRESHOLD);
    }

    /**
     * A backend with its own threshold ({@code Long.MAX_VALUE}: always single-threaded, 0: always
     * multi-threaded). For tests and benchmarks.
     */
    EjmlBackend(long multiThreadThreshold) {
        if (multiThreadThreshold < 0) {
            throw new IllegalArgumentException("multiThreadThreshold must be >= 0: " + multiThreadThreshold);
        }
        this.multiThreadThreshold = multiThreadThreshold;
    }

    /**
     * Allocates the work arrays for one run.
     *
     * @param problem the problem. Not modified; its arrays are shared, not copied.
     * @throws IllegalArgumentException if the problem's arrays or sizes are inconsistent or too large
     */
    @Override
    public NetworkKernels open(NetworkProblem problem) {
        return new EjmlKernels(problem, multiThreadThreshold);
    }

    /**
     * Sets the threads every run in this JVM may use: the size of EJML's thread pool (the Gram matrix) and
     * the calling thread plus helpers of the field ({@link PhasedJob}).
     */
    @Override
    public void limitThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        EjmlConcurrency.setMaxThreads(threads);
    }
}
