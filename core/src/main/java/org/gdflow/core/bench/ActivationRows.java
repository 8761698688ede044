package org.gdflow.core.bench;

import java.util.Arrays;
import org.gdflow.api.Activation;

/**
 * The activation pass as the backends run it ({@link org.gdflow.api.ElementwisePass}): row by row of the
 * workload's m, σ and σ' of each row into two buffers of m that stay in cache, instead of one pass over
 * three arrays of all the elements (1.5 MB at 2¹⁶ elements, at the edge of a 1 MB L2). The rows of z are
 * read where they are, not copied, so no copy is timed; unlike a backend's pass, σ' does not overwrite z
 * (every repetition sees the same arguments).
 */
final class ActivationRows {
    private final double[][] z;
    private final double[] value;
    private final double[] derivative;

    /**
     * Splits the pre-activations into rows.
     *
     * @param z the pre-activations, row after row. Not modified.
     * @param m the row length; the last row is shorter if m does not divide z's length
     */
    ActivationRows(double[] z, int m) {
        int rows = (z.length + m - 1) / m;
        this.z = new double[rows][];
        for (int i = 0; i < rows; i++) {
            this.z[i] = Arrays.copyOfRange(z, i * m, Math.min(z.length, i * m + m));
        }
        this.value = new double[m];
        this.derivative = new double[m];
    }

    /** The number of rows. */
    int rows() {
        return z.length;
    }

    /** σ and σ' of one row into {@link #value()} and {@link #derivative()}, from index 0. */
    void row(Activation activation, int i) {
        activation.evaluate(z[i], value, derivative, 0, z[i].length);
    }

    /** Every row in order; returns σ of the last row's first element plus σ' of its last (a sink, NaN if the pass gave NaN there). */
    double pass(Activation activation) {
        for (int i = 0; i < z.length; i++) {
            row(activation, i);
        }
        return value[0] + derivative[z[z.length - 1].length - 1];
    }

    /** The buffer of σ of the last row passed (m values). */
    double[] value() {
        return value;
    }

    /** The buffer of σ' of the last row passed (m values). */
    double[] derivative() {
        return derivative;
    }
}
