package org.gdflow.api;

/**
 * A linear-algebra backend: evaluates whole kernels (the vector field, the predictions, the Gram
 * matrix) of one problem, so an implementation can fuse operations and keep data on its device.
 * Immutable; {@link #open} makes the per-run {@link NetworkKernels} that own the work arrays.
 */
public interface Backend {
    /** Allocates the work arrays for one run of the problem. */
    NetworkKernels open(NetworkProblem problem);

    /**
     * Limits the threads the kernels of this backend use, for every run in this JVM (a BLAS thread
     * pool belongs to the process, not to one run). A study running {@code jobs} runs at once on
     * {@code cores} cores calls it with {@code max(1, cores / jobs)} before its runs start, so that
     * jobs × threads does not oversubscribe the cores. Results must not depend on {@code threads}.
     * The default does nothing: right for a backend that runs on the calling thread only.
     *
     * @param threads the most threads one run may use, at least 1
     */
    default void limitThreads(int threads) {
    }
}
