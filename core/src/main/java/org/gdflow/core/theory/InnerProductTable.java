package org.gdflow.core.theory;

import java.util.function.DoubleFunction;
import org.gdflow.core.theory.InfiniteWidthKernel.Moments;

/**
 * The two moments of H_inf as functions of the cosine ρ = x_i·x_j / (‖x_i‖ ‖x_j‖) alone, for data whose
 * points all have the same norm: tabulated once by the 2-D rule and then read in O(N) per entry.
 *
 * <p>The variable is the angle θ = arccos ρ ∈ [0, π], not ρ: for positively homogeneous activations
 * (relu, leaky relu, |z|) the kernels are analytic in θ but have a square-root singularity in ρ at
 * ρ = ±1 (relu's E[σ'σ'] = (π − θ)/(2π)), and for smooth activations f(cos θ) is as smooth as f. Each
 * moment is interpolated by a Chebyshev series in {@code t = 2θ/π − 1} through its values at the N + 1
 * Chebyshev–Lobatto points {@code t_j = cos(πj/N)}; the coefficients come from the values by the
 * discrete cosine transform, and a lookup is one Clenshaw recurrence. N starts at {@value #START_DEGREE}
 * and doubles (reusing the values already computed, the Lobatto points of N being among those of 2N)
 * until the last quarter of the coefficients is below {@value #TAIL_TOLERANCE} of the largest, or
 * N = {@value #MAX_DEGREE}, or (from N = {@value #PLATEAU_FROM}) doubling N no longer halves that tail.
 * Immutable and thread-safe.
 */
final class InnerProductTable {
    /** The first N tried. */
    static final int START_DEGREE = 32;
    /** The largest N. */
    static final int MAX_DEGREE = 1024;
    /** The relative size of the coefficients in the last quarter at which N stops growing. */
    static final double TAIL_TOLERANCE = 1e-15;
    /**
     * From this N on, N stops growing when doubling it did not halve the tail: the values carry the 2-D
     * rule's own error (large σ_w²‖x‖² make a smooth σ steep, and the rule's error, not smooth in ρ,
     * sets a floor that no N passes), so more nodes only cost lookups.
     */
    static final int PLATEAU_FROM = 128;

    /** Chebyshev coefficients of E[σ'σ'] and E[σσ] in t, c_0 and c_N already halved. */
    private final double[] derivative;
    private final double[] value;

    private InnerProductTable(double[] derivative, double[] value) {
        this.derivative = derivative;
        this.value = value;
    }

    /**
     * Tabulates {@code moments} (a function of ρ) until converged.
     *
     * @param moments E[σ'σ'] and E[σσ] at the cosine ρ, computed by the 2-D rule
     */
    static InnerProductTable tabulate(DoubleFunction<Moments> moments) {
        int n = START_DEGREE;
        double[][] values = sample(moments, n, null);
        double previousTail = Double.POSITIVE_INFINITY;
        while (true) {
            double[] d = coefficients(values[0], n);
            double[] v = coefficients(values[1], n);
            double tail = Math.max(tail(d), tail(v));
            // converged, or at the floor of the 2-D rule's own error (doubling N no longer halves the tail)
            if (n >= MAX_DEGREE || tail <= TAIL_TOLERANCE || (n >= PLATEAU_FROM && tail > 0.5 * previousTail)) {
                return new InnerProductTable(d, v);
            }
            previousTail = tail;
            values = sample(moments, 2 * n, values);
            n *= 2;
        }
    }

    /** The degree N of the series. */
    int degree() {
        return derivative.length - 1;
    }

    /** The moments at θ_j = π (t_j + 1)/2, t_j = cos(πj/N), j = 0..N; the even j of {@code previous} (degree N/2) are reused. */
    private static double[][] sample(DoubleFunction<Moments> moments, int n, double[][] previous) {
        double[] d = new double[n + 1];
        double[] v = new double[n + 1];
        java.util.stream.IntStream.rangeClosed(0, n).parallel().forEach(j -> {
            if (previous != null && j % 2 == 0) {
                d[j] = previous[0][j / 2];
                v[j] = previous[1][j / 2];
                return;
            }
            // θ_j = π (t_j + 1)/2
            double theta = 0.5 * Math.PI * (Math.cos(Math.PI * j / n) + 1);
            Moments m = moments.apply(rho(theta));
            d[j] = m.derivative();
            v[j] = m.value();
        });
        return new double[][] {d, v};
    }

    /** cos θ, exactly ±1 at the ends. */
    private static double rho(double theta) {
        return theta <= 0 ? 1 : theta >= Math.PI ? -1 : Math.cos(theta);
    }

    /** c_k = (2/N) Σ''_j f_j cos(πjk/N) (first and last terms halved), with c_0 and c_N halved again for the sum. */
    private static double[] coefficients(double[] f, int n) {
        double[] cos = new double[2 * n];
        for (int q = 0; q < 2 * n; q++) {
            cos[q] = Math.cos(Math.PI * q / n);
        }
        double[] c = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double sum = 0;
            for (int j = 0; j <= n; j++) {
                double term = f[j] * cos[(int) ((long) j * k % (2 * n))];
                sum += (j == 0 || j == n) ? 0.5 * term : term;
            }
            c[k] = (2.0 / n) * sum * ((k == 0 || k == n) ? 0.5 : 1);
        }
        return c;
    }

    /** The largest |c_k| over the last quarter k ≥ 3N/4, relative to the largest |c_k| (0 for a zero series). */
    private static double tail(double[] c) {
        double largest = 0;
        for (double ck : c) {
            largest = Math.max(largest, Math.abs(ck));
        }
        if (largest == 0) {
            return 0;
        }
        int n = c.length - 1;
        double tail = 0;
        for (int k = n - n / 4; k <= n; k++) {
            tail = Math.max(tail, Math.abs(c[k]));
        }
        return tail / largest;
    }

    /**
     * Both moments at the cosine ρ (clamped to [−1, 1]).
     *
     * @param out modified: receives {E[σ'σ'], E[σσ]}
     */
    void at(double rho, double[] out) {
        double theta = Math.acos(Math.max(-1, Math.min(1, rho)));
        // t = 2θ/π − 1; Clenshaw: b_k = c_k + 2t b_{k+1} − b_{k+2}, f = c_0 + t b_1 − b_2
        double t = 2 * theta / Math.PI - 1;
        double twoT = 2 * t;
        double d1 = 0;
        double d2 = 0;
        double v1 = 0;
        double v2 = 0;
        for (int k = derivative.length - 1; k >= 1; k--) {
            double d0 = derivative[k] + twoT * d1 - d2;
            d2 = d1;
            d1 = d0;
            double v0 = value[k] + twoT * v1 - v2;
            v2 = v1;
            v1 = v0;
        }
        out[0] = derivative[0] + t * d1 - d2;
        out[1] = value[0] + t * v1 - v2;
    }
}
