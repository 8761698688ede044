package org.gdflow.integrators;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.gdflow.api.Integrator;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;

/**
 * Gradient descent on the flow's field v = F(θ) = −τ∇L(θ), with optional heavy-ball momentum and
 * mini-batches:
 * <pre>
 *   b ← momentum·b + v,   θ ← θ + lr·b        (b = 0 at the start; momentum = 0 gives θ ← θ + lr·v)
 * </pre>
 * Without momentum and with the full batch, a step is bit for bit an explicit Euler step with
 * dt = lr, so a gd run and an euler run sit on the same time axis.
 *
 * <p>With 0 &lt; batch_size &lt; n, each step draws batch_size distinct data points (a partial
 * Fisher–Yates shuffle of a permutation kept between steps, from the run's random stream) and uses
 * the unbiased mini-batch field {@link VectorField#evaluateBatch} instead of the caller's velocity.
 *
 * <p>Immutable; {@link #start} allocates the momentum buffer, the permutation and the mini-batch
 * velocity once per run.
 */
public final class GradientDescentIntegrator implements Integrator {
    private final GradientDescentParameters parameters;

    /**
     * Creates the integrator.
     *
     * @param parameters learning rate, momentum and batch size (checked by the record)
     */
    public GradientDescentIntegrator(GradientDescentParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** The parameters. */
    public GradientDescentParameters parameters() {
        return parameters;
    }

    /** The learning rate lr: the time one step advances. */
    @Override
    public double stepSize() {
        return parameters.lr();
    }

    /**
     * Allocates the work arrays of one run.
     *
     * @param random the run's integrator stream; needed (non-null) only for mini-batches
     */
    @Override
    public Stepper start(VectorField field, RandomGenerator random) {
        Objects.requireNonNull(field, "field");
        int samples = field.sampleCount();
        int batchSize = parameters.batchSize();
        boolean miniBatch = batchSize > 0 && batchSize < samples;
        if (miniBatch) {
            Objects.requireNonNull(random, "random: gd with batch_size < n draws its mini-batches from the run's random stream");
        }
        return new GradientDescentStepper(field, parameters.lr(), parameters.momentum(), miniBatch ? batchSize : 0, random);
    }

    /** The mutable engine of one run: momentum buffer and mini-batch state. */
    private static final class GradientDescentStepper implements Stepper {
        private final VectorField field;
        private final int dimension;
        private final double lr;
        private final double momentum;
        /** The heavy-ball velocity b, or null without momentum. */
        private final double[] buffer;
        /** The mini-batch size, or 0 for the full batch. */
        private final int batchSize;
        private final RandomGenerator random;
        /** A permutation of 0..n−1; after a draw, its first batchSize entries are the batch. */
        private final int[] permutation;
        /** The mini-batch velocity F_B(θ). */
        private final double[] batchVelocity;

        GradientDescentStepper(VectorField field, double lr, double momentum, int batchSize, RandomGenerator random) {
            this.field = field;
            this.dimension = field.dimension();
            this.lr = lr;
            this.momentum = momentum;
            this.buffer = momentum != 0 ? new double[dimension] : null;
            this.batchSize = batchSize;
            this.random = random;
            if (batchSize > 0) {
                int samples = field.sampleCount();
                permutation = new int[samples];
                for (int i = 0; i < samples; i++) {
                    permutation[i] = i;
                }
                batchVelocity = new double[dimension];
            } else {
                permutation = null;
                batchVelocity = null;
            }
        }

        /** One step; the time it advances is lr, whatever {@code remaining} is. */
        @Override
        public double step(double[] theta, double[] velocity, double remaining) {
            Checks.shapes(theta, velocity, dimension);
            double[] v = velocity;
            if (batchSize > 0) {
                drawBatch();
                field.evaluateBatch(theta, permutation, batchSize, batchVelocity);
                v = batchVelocity;
            }
            if (buffer == null) {
                // θ ← θ + lr·v
                for (int p = 0; p < dimension; p++) {
                    theta[p] += lr * v[p];
                }
            } else {
                // b ← momentum·b + v, θ ← θ + lr·b
                for (int p = 0; p < dimension; p++) {
                    double b = momentum * buffer[p] + v[p];
                    buffer[p] = b;
                    theta[p] += lr * b;
                }
            }
            return lr;
        }

        /** The heavy-ball velocity b (with momentum), then the permutation (with mini-batches). */
        @Override
        public double[] saveState() {
            int bufferLength = buffer == null ? 0 : dimension;
            double[] state = new double[bufferLength + (permutation == null ? 0 : permutation.length)];
            if (buffer != null) {
                System.arraycopy(buffer, 0, state, 0, dimension);
            }
            if (permutation != null) {
                for (int i = 0; i < permutation.length; i++) {
                    state[bufferLength + i] = permutation[i];
                }
            }
            return state;
        }

        @Override
        public void restoreState(double[] state) {
            int bufferLength = buffer == null ? 0 : dimension;
            int permutationLength = permutation == null ? 0 : permutation.length;
            if (state.length != bufferLength + permutationLength) {
                throw new IllegalArgumentException("a gd state of " + (bufferLength + permutationLength) + " values (momentum "
                        + bufferLength + ", permutation " + permutationLength + ") was expected, got " + state.length);
            }
            if (permutation != null) {
                boolean[] seen = new boolean[permutationLength];
                for (int i = 0; i < permutationLength; i++) {
                    double v = state[bufferLength + i];
                    int index = (int) v;
                    if (index != v || index < 0 || index >= permutationLength || seen[index]) {
                        throw new IllegalArgumentException("the saved mini-batch order is not a permutation of 0.."
                                + (permutationLength - 1) + ": entry " + i + " is " + v);
                    }
                    seen[index] = true;
                }
                for (int i = 0; i < permutationLength; i++) {
                    permutation[i] = (int) state[bufferLength + i];
                }
            }
            if (buffer != null) {
                System.arraycopy(state, 0, buffer, 0, dimension);
            }
        }

        /** A mini-batch step evaluates its own field, so the caller need not evaluate the full one. */
        @Override
        public boolean usesVelocity() {
            return batchSize == 0;
        }

        /** Partial Fisher–Yates: moves batchSize distinct, uniformly drawn indices to the front. */
        private void drawBatch() {
            int n = permutation.length;
            for (int i = 0; i < batchSize; i++) {
                int j = i + random.nextInt(n - i);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
        }
    }
}
