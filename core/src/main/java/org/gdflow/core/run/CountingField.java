package org.gdflow.core.run;

import org.gdflow.api.NetworkKernels;
import org.gdflow.api.VectorField;

/**
 * The vector field a stepper drives, counting the evaluations (full and mini-batch) for the
 * summary's {@code field_evaluations}. Forwards everything to the backend's kernels.
 */
final class CountingField implements VectorField {
    private final NetworkKernels kernels;
    private long evaluations;

    CountingField(NetworkKernels kernels) {
        this.kernels = kernels;
    }

    /** Evaluations of the field (full or mini-batch) so far, the run loop's own included. */
    long evaluations() {
        return evaluations;
    }

    void setEvaluations(long evaluations) {
        this.evaluations = evaluations;
    }

    @Override
    public int dimension() {
        return kernels.dimension();
    }

    @Override
    public int sampleCount() {
        return kernels.sampleCount();
    }

    @Override
    public double evaluate(double[] theta, double[] velocity) {
        evaluations++;
        return kernels.evaluate(theta, velocity);
    }

    @Override
    public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
        evaluations++;
        return kernels.evaluateBatch(theta, batch, size, velocity);
    }

    @Override
    public double loss(double[] theta) {
        return kernels.loss(theta);
    }
}
