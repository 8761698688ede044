package org.gdflow.core.data;

/**
 * The training data of one run.
 *
 * @param x inputs, n×d row-major
 * @param y targets, n
 * @param mu loss weights μ_i, n
 * @param n number of points
 * @param d input dimension
 */
public record DataSet(double[] x, double[] y, double[] mu, int n, int d) {
}
