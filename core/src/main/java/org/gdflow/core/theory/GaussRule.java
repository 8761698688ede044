package org.gdflow.core.theory;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A K-node Gauss quadrature rule {@code ∫ g(x) w(x) dx ≈ Σ_k w_k g(x_k)}, exact for polynomials of
 * degree up to 2K − 1, for three weights: the standard normal ({@link #hermite}), e^(−s) on
 * [0, ∞) ({@link #laguerre}) and 1 on [−1, 1] ({@link #legendre}).
 *
 * <p>Computed in Java (Golub–Welsch): the nodes are the eigenvalues of the K×K Jacobi matrix of the
 * weight's orthonormal polynomials (diagonal a_j, off-diagonal b_j), found one by one by bisection
 * on the Sturm count of the matrix to 1e-14 of the spectrum's width, then polished by Newton's method on the three-term recurrence
 * {@code b_{j+1} p_{j+1} = (x − a_j) p_j − b_j p_{j−1}}; the weights are the Christoffel numbers
 * {@code w_k = 1 / Σ_{j<K} p_j(x_k)²}, a sum of positive terms, so even the tiny weights far out in
 * the tails are accurate to relative round-off. Each rule is computed once per degree and cached.
 * Immutable and thread-safe.
 */
public final class GaussRule {
    /** The largest Hermite degree: beyond it p_j(x_k)² would overflow near the largest node. */
    public static final int MAX_HERMITE_DEGREE = 256;
    /** The largest Laguerre degree, for the same reason (its largest node grows like 4K). */
    public static final int MAX_LAGUERRE_DEGREE = 128;
    /** The largest Legendre degree. */
    public static final int MAX_LEGENDRE_DEGREE = 1024;

    private static final ConcurrentHashMap<String, GaussRule> CACHE = new ConcurrentHashMap<>();

    private final double[] nodes;
    private final double[] weights;

    private GaussRule(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * Gauss–Hermite for the standard normal: {@code E[g(Z)] ≈ Σ w_k g(z_k)}, Z ~ N(0, 1)
     * (a_j = 0, b_j = √j, weights summing to 1).
     *
     * @param degree K, in [1, {@value #MAX_HERMITE_DEGREE}]
     */
    public static GaussRule hermite(int degree) {
        check("Gauss-Hermite", degree, MAX_HERMITE_DEGREE);
        return CACHE.computeIfAbsent("hermite " + degree, key -> computeHermite(degree));
    }

    /** Gauss–Hermite computed afresh, bypassing the cache (so that tests see every change to the computation). */
    static GaussRule computeHermite(int degree) {
        return compute(degree, j -> 0, j -> Math.sqrt(j), 1);
    }

    /**
     * Gauss–Laguerre for the weight e^(−s) on [0, ∞) (a_j = 2j + 1, b_j = j, weights summing to 1).
     *
     * @param degree K, in [1, {@value #MAX_LAGUERRE_DEGREE}]
     */
    public static GaussRule laguerre(int degree) {
        check("Gauss-Laguerre", degree, MAX_LAGUERRE_DEGREE);
        return CACHE.computeIfAbsent("laguerre " + degree, key -> computeLaguerre(degree));
    }

    /** Gauss–Laguerre computed afresh, bypassing the cache. */
    static GaussRule computeLaguerre(int degree) {
        return compute(degree, j -> 2 * j + 1, j -> j, 1);
    }

    /**
     * Gauss–Legendre for the weight 1 on [−1, 1] (a_j = 0, b_j = j/√(4j² − 1), weights summing to 2).
     *
     * @param degree K, in [1, {@value #MAX_LEGENDRE_DEGREE}]
     */
    public static GaussRule legendre(int degree) {
        check("Gauss-Legendre", degree, MAX_LEGENDRE_DEGREE);
        return CACHE.computeIfAbsent("legendre " + degree, key -> computeLegendre(degree));
    }

    /** Gauss–Legendre computed afresh, bypassing the cache. */
    static GaussRule computeLegendre(int degree) {
        return compute(degree, j -> 0, j -> j / Math.sqrt(4.0 * j * j - 1), 2);
    }

    private static void check(String name, int degree, int max) {
        if (degree < 1 || degree > max) {
            throw new IllegalArgumentException(name + " degree must be in [1, " + max + "], got " + degree);
        }
    }

    /** The number K of nodes. */
    public int degree() {
        return nodes.length;
    }

    /** A copy of the nodes, ascending. */
    public double[] nodes() {
        return nodes.clone();
    }

    /** A copy of the weights (positive). */
    public double[] weights() {
        return weights.clone();
    }

    /** The node x_k (ascending in k). */
    public double node(int k) {
        return nodes[k];
    }

    /** The weight w_k. */
    public double weight(int k) {
        return weights[k];
    }

    /** The recurrence coefficient a_j or b_j as a function of j. */
    @FunctionalInterface
    private interface Coefficient {
        double at(int j);
    }

    private static GaussRule compute(int n, Coefficient a, Coefficient b, double mass) {
        double[] diag = new double[n];
        double[] off = new double[n];
        for (int j = 0; j < n; j++) {
            diag[j] = a.at(j);
            // off[j] = b_j couples p_{j−1} and p_j; off[0] is unused
            off[j] = j == 0 ? 0 : b.at(j);
        }
        // Gershgorin bounds on the spectrum
        double lower = Double.POSITIVE_INFINITY;
        double upper = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double radius = Math.abs(off[j]) + (j + 1 < n ? Math.abs(off[j + 1]) : 0);
            lower = Math.min(lower, diag[j] - radius);
            upper = Math.max(upper, diag[j] + radius);
        }
        double p0 = 1 / Math.sqrt(mass);
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int k = 0; k < n; k++) {
            double x = bisect(diag, off, k, lower, upper);
            // Newton on b_n p_n(x) = (x − a_{n−1}) p_{n−1} − b_{n−1} p_{n−2}, with its derivative
            boolean converged = false;
            for (int iter = 0; iter < 50 && !converged; iter++) {
                double[] value = scaledLast(diag, off, p0, x);
                double step = value[0] / value[1];
                if (!Double.isFinite(step)) {
                    break;
                }
                x -= step;
                converged = Math.abs(step) <= 2e-16 * Math.max(1e-300, Math.abs(x)) || step == 0;
            }
            nodes[k] = x;
            // Christoffel: w = 1 / Σ_{j<n} p_j(x)²
            double sum = 0;
            double previous = 0;
            double current = p0;
            for (int j = 0; j < n; j++) {
                sum += current * current;
                if (j + 1 < n) {
                    double next = ((x - diag[j]) * current - off[j] * previous) / off[j + 1];
                    previous = current;
                    current = next;
                }
            }
            weights[k] = 1 / sum;
        }
        for (int k = 1; k < n; k++) {
            if (!(nodes[k] > nodes[k - 1])) {
                throw new ArithmeticException("Gauss rule of degree " + n + ": nodes " + (k - 1) + " and " + k
                        + " are not distinct (" + nodes[k - 1] + ", " + nodes[k] + ")");
            }
        }
        return new GaussRule(nodes, weights);
    }

    /** {b_n p_n(x), d/dx b_n p_n(x)} from the orthonormal recurrence (b_n itself is not needed). */
    private static double[] scaledLast(double[] diag, double[] off, double p0, double x) {
        int n = diag.length;
        double previous = 0;
        double current = p0;
        double dPrevious = 0;
        double dCurrent = 0;
        for (int j = 0; j < n - 1; j++) {
            double next = ((x - diag[j]) * current - off[j] * previous) / off[j + 1];
            double dNext = (current + (x - diag[j]) * dCurrent - off[j] * dPrevious) / off[j + 1];
            previous = current;
            current = next;
            dPrevious = dCurrent;
            dCurrent = dNext;
        }
        int j = n - 1;
        double last = (x - diag[j]) * current - off[j] * previous;
        double dLast = current + (x - diag[j]) * dCurrent - off[j] * dPrevious;
        return new double[] {last, dLast};
    }

    /** The k-th smallest eigenvalue of the Jacobi matrix, by bisection on the Sturm count. */
    private static double bisect(double[] diag, double[] off, int k, double lower, double upper) {
        double lo = lower;
        double hi = upper;
        // to 1e-14 of the spectrum's spread, then Newton finishes (the nodes are far better separated)
        double tolerance = 1e-14 * (upper - lower);
        while (hi - lo > tolerance) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (countBelow(diag, off, mid) > k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The number of eigenvalues below {@code t}: the negative pivots of T − t I = L D Lᵀ. */
    private static int countBelow(double[] diag, double[] off, double t) {
        int count = 0;
        double q = 1;
        for (int j = 0; j < diag.length; j++) {
            // q_j = (a_j − t) − b_j² / q_{j−1}
            q = j == 0 ? diag[0] - t : (diag[j] - t) - off[j] * off[j] / q;
            if (q == 0) {
                q = -1e-300;
            }
            if (q < 0) {
                count++;
            }
        }
        return count;
    }
}
