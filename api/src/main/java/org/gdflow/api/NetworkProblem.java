package org.gdflow.api;

import java.util.Objects;

/**
 * Everything a {@link Backend} needs to evaluate the kernels of one run. Arrays are shared, not
 * copied: backends must not modify them.
 *
 * @param x the inputs, n×d row-major
 * @param y the targets, n
 * @param mu the loss weights μ_i, n ({@code 1/n} for the mean loss, 1 for the sum, or user weights)
 * @param n number of data points
 * @param d input dimension
 * @param width number m of neurons
 * @param activation σ
 * @param outputScale s(m)
 * @param timeScale τ(m)
 * @param trainW whether W is trained (otherwise its velocity is 0)
 * @param trainA whether a is trained (otherwise its velocity is 0)
 */
public record NetworkProblem(
        double[] x, double[] y, double[] mu, int n, int d, int width,
        Activation activation, double outputScale, double timeScale, boolean trainW, boolean trainA) {

    /** Checks shapes. */
    public NetworkProblem {
        Objects.requireNonNull(activation, "activation");
        if (n <= 0 || d <= 0 || width <= 0) {
            throw new IllegalArgumentException("n, d and width must be positive: n=" + n + " d=" + d + " width=" + width);
        }
        if (x.length != n * d || y.length != n || mu.length != n) {
            throw new IllegalArgumentException("Inconsistent shapes: x has " + x.length + " values for n×d = "
                    + n + "×" + d + ", y has " + y.length + ", mu has " + mu.length);
        }
        if (!trainW && !trainA) {
            throw new IllegalArgumentException("at least one of W and a must be trained");
        }
    }

    /** The length of θ: m·d + m (W row-major, then a). */
    public int dimension() {
        return width * d + width;
    }

    /** The offset of a within θ: m·d. */
    public int offsetA() {
        return width * d;
    }
}
