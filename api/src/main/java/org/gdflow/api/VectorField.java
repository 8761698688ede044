package org.gdflow.api;

/**
 * The gradient-flow vector field F(θ) = −τ ∇_θ L(θ) of one run, as seen by an {@link Integrator}.
 * Entries of θ that are not trained have F = 0.
 *
 * <p>Not thread-safe: one integrator drives one field.
 */
public interface VectorField {
    /** The length of θ: m·d + m. */
    int dimension();

    /** The number n of data points, for mini-batch sampling. */
    int sampleCount();

    /**
     * Evaluates the field.
     *
     * @param theta the state. Not modified.
     * @param velocity modified: receives F(θ) = −τ ∇L(θ).
     * @return the loss L(θ)
     */
    double evaluate(double[] theta, double[] velocity);

    /**
     * Evaluates the field of the loss restricted to a mini-batch, reweighted to be an unbiased
     * estimate of the full loss: {@code L_B = ½ Σ_{i∈B} (n/|B|) μ_i (f(x_i) − y_i)²}.
     *
     * @param theta the state. Not modified.
     * @param batch indices of the data points; entries {@code [0, size)} are used. Not modified.
     * @param size the batch size |B|, 1 ≤ size ≤ n
     * @param velocity modified: receives −τ ∇L_B(θ).
     * @return L_B(θ)
     */
    double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity);

    /** The loss L(θ) alone (one forward pass). θ is not modified. */
    double loss(double[] theta);
}
