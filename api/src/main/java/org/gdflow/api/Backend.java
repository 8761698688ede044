package org.gdflow.api;

/**
 * A linear-algebra backend: evaluates whole kernels (the vector field, the predictions, the Gram
 * matrix) of one problem, so an implementation can fuse operations and keep data on its device.
 * Immutable; {@link #open} makes the per-run {@link NetworkKernels} that own the work arrays.
 */
public interface Backend {
    /** Allocates the work arrays for one run of the problem. */
    NetworkKernels open(NetworkProblem problem);
}
