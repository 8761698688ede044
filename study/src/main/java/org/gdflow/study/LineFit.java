package org.gdflow.study;

/**
 * A least-squares line y = intercept + slope·x with its R², or the same through logarithms: the
 * power law y = C·x^slope that studies quote ("movement scales like m^−1/2" is a log–log slope of −0.5).
 *
 * @param slope the fitted slope (NaN when the x values are not at least two distinct numbers)
 * @param r2 the coefficient of determination, 1 − SS_res/SS_tot (NaN when every y is equal or the slope is)
 */
public record LineFit(double slope, double r2) {
    /**
     * The least-squares line through (x_i, y_i). When every y is equal the slope is 0 and R² (0/0)
     * is NaN; when fewer than two x values are distinct both are NaN.
     */
    public static LineFit through(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
        int n = x.length;
        boolean constant = true;
        boolean oneX = true;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            constant &= y[i] == y[0];
            oneX &= x[i] == x[0];
        }
        if (oneX) {
            // no line through points above one x (or through no point)
            return new LineFit(Double.NaN, Double.NaN);
        }
        if (constant) {
            // every point on the line y = y_0: slope 0, and R² = 1 − 0/0 is undefined
            return new LineFit(0, Double.NaN);
        }
        // x̄ = Σx/n, ȳ = Σy/n
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            ssTot += dy * dy;
        }
        // slope = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²
        double slope = sxy / sxx;
        // intercept = ȳ − slope·x̄
        double intercept = my - slope * mx;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            // SS_res = Σ(y − intercept − slope·x)²
            double r = y[i] - intercept - slope * x[i];
            ssRes += r * r;
        }
        // R² = 1 − SS_res / SS_tot, SS_tot = Σ(y−ȳ)²
        return new LineFit(slope, 1 - ssRes / ssTot);
    }

    /** The line through (ln x_i, ln y_i): the exponent of y ∝ x^slope. Every value must be positive. */
    public static LineFit logLog(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
        double[] u = new double[x.length];
        double[] v = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && y[i] > 0)) {
                throw new IllegalArgumentException("a log–log fit needs positive values; point " + i + " is ("
                        + x[i] + ", " + y[i] + ")");
            }
            u[i] = Math.log(x[i]);
            v[i] = Math.log(y[i]);
        }
        return through(u, v);
    }
}
