package org.gdflow.integrators;

import org.gdflow.api.Parameter;

/**
 * The parameters of {@code gd} (JSON keys {@code lr}, {@code momentum}, {@code batch_size}).
 *
 * @param lr the learning rate, positive and finite; each step advances time by lr
 * @param momentum the heavy-ball coefficient, 0 ≤ momentum &lt; 1 (0: plain gradient descent)
 * @param batchSize the mini-batch size; 0, or at least the number n of data points, is the full batch
 */
public record GradientDescentParameters(
        @Parameter(description = "learning rate lr > 0; each step advances time by lr")
        double lr,
        @Parameter(description = "heavy-ball momentum in [0, 1); 0 is plain gradient descent", defaultValue = "0")
        double momentum,
        @Parameter(description = "mini-batch size; 0 (or >= n) is the full batch", defaultValue = "0")
        int batchSize) {

    /** Checks lr &gt; 0 finite, 0 ≤ momentum &lt; 1, batchSize ≥ 0. */
    public GradientDescentParameters {
        Checks.learningRate(lr);
        Checks.momentum(momentum);
        Checks.batchSize(batchSize);
    }
}
