package org.gdflow.api;

import java.nio.ByteBuffer;

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

    /**
     * As {@link #evaluate(double[], double[], double[], int, int)}, with z read in place from memory outside
     * the Java heap (a backend's native buffer, so that it needs no copy into an array first): z[i] is the
     * double at byte {@code (offset + i) · 8} of {@code z} in native byte order, for {@code i in [from, to)}.
     * The results are those of the array method on the same values, bit for bit. This default copies z into
     * {@code derivative} and runs the array method in place; the built-in activations whose SIMD pass can
     * read the buffer directly override it.
     *
     * @param z the pre-activations; its byte order must be {@link java.nio.ByteOrder#nativeOrder()}. Not modified.
     * @param offset the index, in doubles, of z[0] in the buffer
     * @param value modified: receives σ(z) at [from, to)
     * @param derivative modified: receives σ'(z) at [from, to)
     * @param from first index, inclusive
     * @param to last index, exclusive
     */
    default void evaluate(ByteBuffer z, int offset, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            derivative[i] = z.getDouble((offset + i) * Double.BYTES);
        }
        evaluate(derivative, value, derivative, from, to);
    }
}
