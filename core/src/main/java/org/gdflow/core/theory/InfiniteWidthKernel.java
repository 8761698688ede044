package org.gdflow.core.theory;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.gdflow.api.Activation;

/**
 * The infinite-width Gram matrix
 * {@code H_inf_ij = E_w[σ'(w·x_i) σ'(w·x_j)] x_i·x_j (W trained) + E_w[σ(w·x_i) σ(w·x_j)] (a trained)},
 * w ~ N(0, I), E[a²] = 1, to which H(0) = τ J Jᵀ tends as m → ∞ under every built-in scaling
 * (τ s² = 1/m). Only the activation's value and first derivative are used.
 *
 * <p>The pair (u, v) = (w·x_i, w·x_j) is Gaussian with covariance
 * {@code Σ = [[‖x_i‖², x_i·x_j], [x_i·x_j, ‖x_j‖²]]}, so each entry is a 2-D Gaussian integral. Both
 * rules write (u, v) = L z with the Cholesky factor
 * {@code L = [[√Σ11, 0], [Σ12/√Σ11, √(Σ22 − Σ12²/Σ11)]]} and z ~ N(0, I₂):
 * <ul>
 *   <li>{@link Rule#HERMITE}: the tensor Gauss–Hermite rule,
 *       {@code E[g] ≈ Σ_k Σ_l w_k w_l g(L11 z_k, L21 z_k + L22 z_l)}, K² points. Converges
 *       geometrically for smooth activations, but only algebraically for relu, whose kinks on the
 *       lines u = 0 and v = 0 cut across the grid (λ0 off by 20% for n = 10 at K = 128).
 *   <li>{@link Rule#POLAR} (the default): z = r (cos φ, sin φ). The kink lines of any activation that
 *       is smooth away from 0 (relu, leaky relu, |z|, and every smooth one) pass through the origin,
 *       at the angles where L11 cos φ = 0 or L21 cos φ + L22 sin φ = 0; φ ∈ [0, π) is cut there and
 *       each arc gets a Gauss–Legendre rule ({@code max(16, ⌈K·length/π⌉)} nodes), and for each φ the
 *       two half-lines ±r are folded together, {@code E[g] = (1/2π) ∫_0^π ∫_0^∞ [g(rL ê) + g(−rL ê)]
 *       e^(−s) ds dφ} with s = r²/2, by K-node Gauss–Laguerre in s. For relu the folded radial
 *       integrand is a polynomial in s, so the rule is exact (1e-14); for smooth activations it is as
 *       accurate as HERMITE with twice its K at about 1.2 times its time (docs/METRICS.md).
 * </ul>
 * Cost: for each of the n(n+1)/2 entries, K² (HERMITE) or about 4K(K + 48) (POLAR) activation
 * evaluations; rows are spread over the common fork-join pool. Immutable and thread-safe.
 */
public final class InfiniteWidthKernel {
    /** The quadrature rule. */
    public enum Rule {
        /** Tensor Gauss–Hermite through the Cholesky factor of Σ: K×K nodes. */
        HERMITE,
        /** Polar: Gauss–Legendre in the angle, cut at the kink lines, times Gauss–Laguerre in r²/2. */
        POLAR
    }

    /** The default rule. */
    public static final Rule DEFAULT_RULE = Rule.POLAR;
    /** The default K of {@link Rule#POLAR}: radial nodes, and angular nodes per π. */
    public static final int DEFAULT_DEGREE = 64;
    /** The default K of {@link Rule#HERMITE}: nodes per dimension. */
    public static final int DEFAULT_HERMITE_DEGREE = 128;
    /** The fewest Gauss–Legendre nodes on one arc of the polar rule. */
    static final int MIN_ARC_NODES = 16;

    private final Activation activation;
    private final Rule rule;
    private final int degree;
    private final GaussRule radial;

    /**
     * The kernel of {@code activation}.
     *
     * @param activation σ
     * @param rule the quadrature rule
     * @param degree K: nodes per dimension for HERMITE (at most {@value GaussRule#MAX_HERMITE_DEGREE}); radial
     *     nodes and angular nodes per π for POLAR (at most {@value GaussRule#MAX_LAGUERRE_DEGREE})
     */
    public InfiniteWidthKernel(Activation activation, Rule rule, int degree) {
        this.activation = Objects.requireNonNull(activation, "activation");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.degree = degree;
        this.radial = rule == Rule.HERMITE ? GaussRule.hermite(degree) : GaussRule.laguerre(degree);
    }

    /** The kernel of {@code activation} by the default rule and degree. */
    public InfiniteWidthKernel(Activation activation) {
        this(activation, DEFAULT_RULE, DEFAULT_DEGREE);
    }

    /** The rule. */
    public Rule rule() {
        return rule;
    }

    /** K. */
    public int degree() {
        return degree;
    }

    /**
     * The two Gaussian expectations of one entry.
     *
     * @param derivative E[σ'(u) σ'(v)]
     * @param value E[σ(u) σ(v)]
     */
    public record Moments(double derivative, double value) {
    }

    /**
     * E[σ'(u)σ'(v)] and E[σ(u)σ(v)] for (u, v) ~ N(0, [[s11, s12], [s12, s22]]).
     *
     * @throws IllegalArgumentException if the covariance is not positive semi-definite (beyond round-off)
     */
    public Moments moments(double s11, double s12, double s22) {
        return moments(s11, s12, s22, true, true, new Scratch(degree));
    }

    /**
     * H_inf for the inputs {@code x}.
     *
     * @param x the inputs, n×d row-major. Not modified.
     * @param n number of points
     * @param d input dimension
     * @param trainW include the E[σ'σ'] x_i·x_j part
     * @param trainA include the E[σσ] part
     * @return H_inf, n×n row-major, exactly symmetric
     */
    public double[] matrix(double[] x, int n, int d, boolean trainW, boolean trainA) {
        if (x.length != (long) n * d) {
            throw new IllegalArgumentException("x has " + x.length + " values for n×d = " + n + "×" + d);
        }
        if (!trainW && !trainA) {
            throw new IllegalArgumentException("at least one of W and a must be trained");
        }
        double[] gram = new double[n * n];
        double[] dots = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[i * d + k] * x[j * d + k];
                }
                dots[i * n + j] = dot;
                dots[j * n + i] = dot;
            }
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            Scratch scratch = new Scratch(degree);
            for (int j = i; j < n; j++) {
                Moments e = moments(dots[i * n + i], dots[i * n + j], dots[j * n + j], trainW, trainA, scratch);
                // H_inf_ij = E[σ'σ'] x_i·x_j + E[σσ]
                double h = (trainW ? e.derivative() * dots[i * n + j] : 0) + (trainA ? e.value() : 0);
                gram[i * n + j] = h;
                gram[j * n + i] = h;
            }
        });
        return gram;
    }

    /** Per-thread work arrays of length K. */
    private static final class Scratch {
        final double[] u;
        final double[] v;
        final double[] su;
        final double[] du;
        final double[] sv;
        final double[] dv;
        final double[] su2;
        final double[] du2;
        final double[] sv2;
        final double[] dv2;
        final double[] u2;
        final double[] v2;

        Scratch(int k) {
            u = new double[k];
            v = new double[k];
            su = new double[k];
            du = new double[k];
            sv = new double[k];
            dv = new double[k];
            u2 = new double[k];
            v2 = new double[k];
            su2 = new double[k];
            du2 = new double[k];
            sv2 = new double[k];
            dv2 = new double[k];
        }
    }

    /**
     * The quadrature of one entry; with only one of the two parts wanted, only σ' or only σ is
     * evaluated (erf's derivative costs a twentieth of its value) and the other part is returned as 0.
     */
    private Moments moments(double s11, double s12, double s22, boolean wantDerivative, boolean wantValue, Scratch scratch) {
        double scale = Math.max(Math.abs(s11), Math.abs(s22));
        if (!(s11 >= 0 && s22 >= 0) || s12 * s12 > s11 * s22 + 1e-12 * scale * scale) {
            throw new IllegalArgumentException("not a covariance: [[" + s11 + ", " + s12 + "], [" + s12 + ", " + s22 + "]]");
        }
        // Cholesky Σ = L Lᵀ; for Σ11 = 0, u ≡ 0 and v = √Σ22 z2
        double l11 = Math.sqrt(s11);
        double l21 = s11 > 0 ? s12 / l11 : 0;
        double l22 = s11 > 0 ? Math.sqrt(Math.max(0, s22 - l21 * l21)) : Math.sqrt(s22);
        return rule == Rule.HERMITE
                ? hermite(l11, l21, l22, wantDerivative, wantValue, scratch)
                : polar(l11, l21, l22, wantDerivative, wantValue, scratch);
    }

    private Moments hermite(double l11, double l21, double l22, boolean wantDerivative, boolean wantValue, Scratch s) {
        int k = degree;
        // σ, σ' at u_a = L11 z_a, once
        for (int a = 0; a < k; a++) {
            s.u[a] = l11 * radial.node(a);
        }
        evaluate(s.u, s.su, s.du, k, wantDerivative, wantValue);
        double sumDerivative = 0;
        double sumValue = 0;
        for (int a = 0; a < k; a++) {
            // v = L21 z_a + L22 z_b for every b
            double base = l21 * radial.node(a);
            for (int b = 0; b < k; b++) {
                s.v[b] = base + l22 * radial.node(b);
            }
            evaluate(s.v, s.sv, s.dv, k, wantDerivative, wantValue);
            double innerDerivative = 0;
            double innerValue = 0;
            for (int b = 0; b < k; b++) {
                double wb = radial.weight(b);
                innerDerivative += wb * s.dv[b];
                innerValue += wb * s.sv[b];
            }
            double wa = radial.weight(a);
            sumDerivative += wa * s.du[a] * innerDerivative;
            sumValue += wa * s.su[a] * innerValue;
        }
        return new Moments(wantDerivative ? sumDerivative : 0, wantValue ? sumValue : 0);
    }

    private Moments polar(double l11, double l21, double l22, boolean wantDerivative, boolean wantValue, Scratch s) {
        int k = degree;
        // cut [0, π) where u = r L11 cos φ or v = r (L21 cos φ + L22 sin φ) changes sign
        double[] cuts = new double[4];
        int count = 0;
        cuts[count++] = 0;
        if (l11 > 0) {
            cuts[count++] = Math.PI / 2;
        }
        if (l21 != 0 || l22 != 0) {
            double phi = Math.atan2(-l21, l22);
            phi = phi < 0 ? phi + Math.PI : phi;
            if (phi > 1e-15 && phi < Math.PI - 1e-15) {
                cuts[count++] = phi;
            }
        }
        cuts[count++] = Math.PI;
        Arrays.sort(cuts, 0, count);
        double sumDerivative = 0;
        double sumValue = 0;
        for (int arc = 0; arc + 1 < count; arc++) {
            double lo = cuts[arc];
            double hi = cuts[arc + 1];
            if (hi - lo < 1e-15) {
                continue;
            }
            int nodes = Math.min(GaussRule.MAX_LEGENDRE_DEGREE, Math.max(MIN_ARC_NODES, (int) Math.ceil(k * (hi - lo) / Math.PI)));
            GaussRule angular = GaussRule.legendre(nodes);
            double half = 0.5 * (hi - lo);
            double mid = 0.5 * (hi + lo);
            for (int p = 0; p < nodes; p++) {
                double phi = mid + half * angular.node(p);
                double cos = Math.cos(phi);
                double sin = Math.sin(phi);
                double alpha = l11 * cos;
                double beta = l21 * cos + l22 * sin;
                // (u, v) = ±r (α, β), r = √(2 s_q)
                for (int q = 0; q < k; q++) {
                    double r = Math.sqrt(2 * radial.node(q));
                    s.u[q] = r * alpha;
                    s.v[q] = r * beta;
                    s.u2[q] = -s.u[q];
                    s.v2[q] = -s.v[q];
                }
                evaluate(s.u, s.su, s.du, k, wantDerivative, wantValue);
                evaluate(s.v, s.sv, s.dv, k, wantDerivative, wantValue);
                evaluate(s.u2, s.su2, s.du2, k, wantDerivative, wantValue);
                evaluate(s.v2, s.sv2, s.dv2, k, wantDerivative, wantValue);
                double innerDerivative = 0;
                double innerValue = 0;
                for (int q = 0; q < k; q++) {
                    double w = radial.weight(q);
                    innerDerivative += w * (s.du[q] * s.dv[q] + s.du2[q] * s.dv2[q]);
                    innerValue += w * (s.su[q] * s.sv[q] + s.su2[q] * s.sv2[q]);
                }
                double w = half * angular.weight(p);
                sumDerivative += w * innerDerivative;
                sumValue += w * innerValue;
            }
        }
        // E[g] = (1/2π) ∫_0^π ∫_0^∞ [g(r L ê) + g(−r L ê)] e^(−s) ds dφ
        double norm = 1 / (2 * Math.PI);
        return new Moments(wantDerivative ? sumDerivative * norm : 0, wantValue ? sumValue * norm : 0);
    }

    /** σ and/or σ' over z[0, k). */
    private void evaluate(double[] z, double[] value, double[] derivative, int k, boolean wantDerivative, boolean wantValue) {
        if (wantDerivative && wantValue) {
            activation.evaluate(z, value, derivative, 0, k);
        } else if (wantDerivative) {
            for (int i = 0; i < k; i++) {
                derivative[i] = activation.derivative(z[i]);
            }
        } else {
            for (int i = 0; i < k; i++) {
                value[i] = activation.value(z[i]);
            }
        }
    }
}
