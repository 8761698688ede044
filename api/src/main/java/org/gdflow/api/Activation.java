package org.gdflow.api;

/**
 * An elementwise nonlinearity σ with its first and second derivative.
 *
 * <p>Backends call {@link #evaluate} over whole arrays, so an implementation should override it
 * when value and derivative share work (tanh' = 1 − tanh², sigmoid' = s(1 − s)). Implementations
 * are stateless and thread-safe.
 */
public interface Activation {
    /** σ(z). */
    double value(double z);

    /** σ'(z). */
    double derivative(double z);

    /** σ''(z). */
    double secondDerivative(double z);

    /**
     * Writes σ(z[i]) into {@code value[i]} and σ'(z[i]) into {@code derivative[i]} for
     * {@code i in [from, to)}, in one pass.
     *
     * @param z the pre-activations. Not modified unless it is the same array as {@code derivative}.
     * @param value modified: receives σ(z). May not be the same array as {@code z}.
     * @param derivative modified: receives σ'(z). May be the same array as {@code z} (in place).
     * @param from first index, inclusive
     * @param to last index, exclusive
     */
    default void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            value[i] = value(zi);
            derivative[i] = derivative(zi);
        }
    }
}
