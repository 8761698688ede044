package org.gdflow.core.theory;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.gdflow.api.Activation;

/**
 * The infinite-width Gram matrix
 * {@code H_inf_ij = E[a²] E_w[σ'(w·x_i) σ'(w·x_j)] x_i·x_j (W trained) + E_w[σ(w·x_i) σ(w·x_j)] (a trained)},
 * w ~ N(0, σ_w² I) ({@link InitialMoments}; σ_w = 1 and E[a²] = 1 unless given), to which H(0) = τ J Jᵀ
 * tends as m → ∞ under every built-in scaling (τ s² = 1/m). Only the activation's value and first
 * derivative are used.
 *
 * <p>Three ways to an entry ({@link Method}; {@link #fastestMethod} picks): closed forms for relu and
 * erf ({@link ClosedFormMoments}), a table in the cosine of x_i and x_j when all points have one norm
 * ({@link InnerProductTable}, built from a few dozen 2-D quadratures), and the 2-D quadrature of every
 * entry, below.
 *
 * <p>The pair (u, v) = (w·x_i, w·x_j) is Gaussian with covariance
 * {@code Σ = σ_w² [[‖x_i‖², x_i·x_j], [x_i·x_j, ‖x_j‖²]]}, so each entry is a 2-D Gaussian integral. Both
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
 * Cost of {@link Method#QUADRATURE}: for each of the n(n+1)/2 entries, K² (HERMITE) or about 4K(K + 48)
 * (POLAR) activation evaluations; of the other two, O(1) (closed form) or O(N) with N ≈ 32–256 (table)
 * per entry, after the table's N + 1 quadratures. Rows are spread over the common fork-join pool.
 * Immutable and thread-safe.
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
     * H_inf for the inputs {@code x}, w ~ N(0, I) and E[a²] = 1, by the fastest {@link Method} that applies.
     *
     * @param x the inputs, n×d row-major. Not modified.
     * @param n number of points
     * @param d input dimension
     * @param trainW include the E[σ'σ'] x_i·x_j part
     * @param trainA include the E[σσ] part
     * @return H_inf, n×n row-major, exactly symmetric
     */
    public double[] matrix(double[] x, int n, int d, boolean trainW, boolean trainA) {
        return matrix(x, n, d, trainW, trainA, InitialMoments.STANDARD, fastestMethod(x, n, d));
    }

    /**
     * H_inf for w ~ N(0, I) and E[a²] = 1 by the 2-D rule for every entry ({@link Method#QUADRATURE}),
     * whatever the activation and the data.
     */
    public double[] quadratureMatrix(double[] x, int n, int d, boolean trainW, boolean trainA) {
        return matrix(x, n, d, trainW, trainA, InitialMoments.STANDARD, Method.QUADRATURE);
    }

    /**
     * How an entry of H_inf is computed.
     */
    public enum Method {
        /** The 2-D rule ({@link Rule}) for every entry: any data, any activation; n(n+1)/2 quadratures. */
        QUADRATURE,
        /**
         * Points of equal norm: the entries depend on the cosine of x_i and x_j alone, tabulated once by the
         * 2-D rule as a Chebyshev series in the angle ({@link InnerProductTable}) and read per entry.
         */
        INNER_PRODUCT_TABLE,
        /** An activation with closed-form moments ({@link ClosedFormMoments}: relu, erf), any data. */
        CLOSED_FORM
    }

    /**
     * The points count as having equal norms when every ‖x_i‖² is within this relative distance of
     * ‖x_0‖²: an entry moves by about this much relative to its size when a norm does (each entry is a
     * smooth function of the variances), far below the 1e-10 the table is held to.
     */
    public static final double EQUAL_NORM_TOLERANCE = 1e-12;

    /**
     * The fastest method for these inputs: {@link Method#CLOSED_FORM} if the activation has one, else
     * {@link Method#INNER_PRODUCT_TABLE} if all ‖x_i‖² agree to {@value #EQUAL_NORM_TOLERANCE} relative
     * (and are not 0), else {@link Method#QUADRATURE}.
     */
    public Method fastestMethod(double[] x, int n, int d) {
        if (ClosedFormMoments.of(activation) != null) {
            return Method.CLOSED_FORM;
        }
        return commonSquaredNorm(x, n, d) > 0 ? Method.INNER_PRODUCT_TABLE : Method.QUADRATURE;
    }

    /** ‖x_0‖² if every ‖x_i‖² agrees with it to {@value #EQUAL_NORM_TOLERANCE} relative and n &gt; 0, else −1. */
    static double commonSquaredNorm(double[] x, int n, int d) {
        if (n == 0) {
            return -1;
        }
        double first = 0;
        for (int k = 0; k < d; k++) {
            first += x[k] * x[k];
        }
        if (!(first > 0) || !Double.isFinite(first)) {
            return -1;
        }
        for (int i = 1; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += x[i * d + k] * x[i * d + k];
            }
            if (!(Math.abs(norm - first) <= EQUAL_NORM_TOLERANCE * first)) {
                return -1;
            }
        }
        return first;
    }

    /**
     * The second moments of the initialisation that H_inf follows: w ~ N(0, σ_w² I) and E[a²].
     *
     * @param wStd σ_w, ≥ 0
     * @param aMeanSquare E[a²], ≥ 0; multiplies the W-trained part only
     */
    public record InitialMoments(double wStd, double aMeanSquare) {
        /** w ~ N(0, I), E[a²] = 1. */
        public static final InitialMoments STANDARD = new InitialMoments(1, 1);

        /** Checks the two moments. */
        public InitialMoments {
            if (!(wStd >= 0) || !Double.isFinite(wStd) || !(aMeanSquare >= 0) || !Double.isFinite(aMeanSquare)) {
                throw new IllegalArgumentException("wStd and aMeanSquare must be finite and >= 0, got " + wStd + ", " + aMeanSquare);
            }
        }
    }

    /**
     * H_inf for the inputs {@code x} and the initialisation {@code init}:
     * {@code H_inf_ij = E[a²] E[σ'(u)σ'(v)] x_i·x_j (W trained) + E[σ(u)σ(v)] (a trained)} with
     * (u, v) = (w·x_i, w·x_j) ~ N(0, σ_w² [[‖x_i‖², x_i·x_j], [x_i·x_j, ‖x_j‖²]]).
     *
     * @param x the inputs, n×d row-major. Not modified.
     * @param n number of points
     * @param d input dimension
     * @param trainW include the E[a²] E[σ'σ'] x_i·x_j part
     * @param trainA include the E[σσ] part
     * @param init σ_w and E[a²]
     * @param method how the entries are computed; {@link Method#CLOSED_FORM} and {@link Method#INNER_PRODUCT_TABLE}
     *     only where they apply
     * @return H_inf, n×n row-major, exactly symmetric
     * @throws IllegalArgumentException if {@code method} does not apply to this activation or these inputs
     */
    public double[] matrix(double[] x, int n, int d, boolean trainW, boolean trainA, InitialMoments init, Method method) {
        if (x.length != (long) n * d) {
            throw new IllegalArgumentException("x has " + x.length + " values for n×d = " + n + "×" + d);
        }
        if (!trainW && !trainA) {
            throw new IllegalArgumentException("at least one of W and a must be trained");
        }
        double variance = init.wStd() * init.wStd();
        double aMeanSquare = init.aMeanSquare();
        double[] gram = new double[n * n];
        double[] dots = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[i * d + k] * x[j * d + k];
                }
                dots[i * n + j] = dot;
                dots[j * n + i] = dot;
            }
        });
        EntryMoments entry = entryMoments(method, x, n, d, variance, trainW, trainA);
        IntStream.range(0, n).parallel().forEach(i -> {
            EntryScratch scratch = new EntryScratch(degree);
            double sii = dots[i * n + i];
            for (int j = i; j < n; j++) {
                double sij = dots[i * n + j];
                double sjj = dots[j * n + j];
                entry.at(sii, sij, sjj, scratch);
                // H_inf_ij = E[a²] E[σ'σ'] x_i·x_j + E[σσ], (u, v) ~ N(0, σ_w² [[‖x_i‖², x_i·x_j], [x_i·x_j, ‖x_j‖²]])
                double h = (trainW ? aMeanSquare * scratch.moments[0] * sij : 0) + (trainA ? scratch.moments[1] : 0);
                gram[i * n + j] = h;
                gram[j * n + i] = h;
            }
        });
        return gram;
    }

    /** One entry's {E[σ'σ'], E[σσ]} from the (unscaled) Gram entries ‖x_i‖², x_i·x_j, ‖x_j‖². */
    @FunctionalInterface
    private interface EntryMoments {
        void at(double sii, double sij, double sjj, EntryScratch scratch);
    }

    private EntryMoments entryMoments(Method method, double[] x, int n, int d, double variance, boolean trainW, boolean trainA) {
        switch (method) {
            case CLOSED_FORM -> {
                ClosedFormMoments form = ClosedFormMoments.of(activation);
                if (form == null) {
                    throw new IllegalArgumentException("no closed form for the activation " + activation.getClass().getName());
                }
                return (sii, sij, sjj, s) -> {
                    Moments m = form.moments(variance * sii, variance * sij, variance * sjj);
                    s.moments[0] = m.derivative();
                    s.moments[1] = m.value();
                };
            }
            case INNER_PRODUCT_TABLE -> {
                double common = commonSquaredNorm(x, n, d);
                if (!(common > 0)) {
                    throw new IllegalArgumentException("the points do not all have the same norm (to "
                            + EQUAL_NORM_TOLERANCE + " relative in ‖x_i‖²)");
                }
                // (u, v) ~ N(0, σ_w² c² [[1, ρ], [ρ, 1]]), c² the common ‖x_i‖²
                double scaled = variance * common;
                InnerProductTable table = InnerProductTable.tabulate(rho ->
                        moments(scaled, scaled * rho, scaled, trainW, trainA, new Scratch(degree, true)));
                // ρ = x_i·x_j / √(‖x_i‖² ‖x_j‖²), exactly 1 on the diagonal
                return (sii, sij, sjj, s) -> table.at(sij / Math.sqrt(sii * sjj), s.moments);
            }
            default -> {
                return (sii, sij, sjj, s) -> {
                    Moments m = moments(variance * sii, variance * sij, variance * sjj, trainW, trainA, s.quadrature);
                    s.moments[0] = m.derivative();
                    s.moments[1] = m.value();
                };
            }
        }
    }

    /** Per-thread work arrays: the quadrature's and one entry's two moments. */
    private static final class EntryScratch {
        final Scratch quadrature;
        final double[] moments = new double[2];

        EntryScratch(int k) {
            quadrature = new Scratch(k);
        }
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
        /**
         * Evaluate σ and σ' one value at a time rather than through {@link Activation#evaluate}: the same
         * numbers (the SIMD passes are bit-identical to the scalar code), but without the Vector API's
         * seconds of warm-up, for the few quadratures of a table.
         */
        final boolean scalar;

        Scratch(int k) {
            this(k, false);
        }

        Scratch(int k, boolean scalar) {
            this.scalar = scalar;
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
        // Cholesky Σ = L Lᵀ, L22² = (Σ11 Σ22 − Σ12²)/Σ11 (exactly 0 for Σ11 = Σ12 = Σ22); for Σ11 = 0, u ≡ 0 and v = √Σ22 z2
        double l11 = Math.sqrt(s11);
        double l21 = s11 > 0 ? s12 / l11 : 0;
        double l22 = s11 > 0 ? Math.sqrt(Math.max(0, (s11 * s22 - s12 * s12) / s11)) : Math.sqrt(s22);
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
        evaluate(s.u, s.su, s.du, k, wantDerivative, wantValue, s.scalar);
        double sumDerivative = 0;
        double sumValue = 0;
        for (int a = 0; a < k; a++) {
            // v = L21 z_a + L22 z_b for every b
            double base = l21 * radial.node(a);
            for (int b = 0; b < k; b++) {
                s.v[b] = base + l22 * radial.node(b);
            }
            evaluate(s.v, s.sv, s.dv, k, wantDerivative, wantValue, s.scalar);
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
                evaluate(s.u, s.su, s.du, k, wantDerivative, wantValue, s.scalar);
                evaluate(s.v, s.sv, s.dv, k, wantDerivative, wantValue, s.scalar);
                evaluate(s.u2, s.su2, s.du2, k, wantDerivative, wantValue, s.scalar);
                evaluate(s.v2, s.sv2, s.dv2, k, wantDerivative, wantValue, s.scalar);
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
    private void evaluate(double[] z, double[] value, double[] derivative, int k, boolean wantDerivative, boolean wantValue,
                          boolean scalar) {
        if (wantDerivative && wantValue && scalar) {
            for (int i = 0; i < k; i++) {
                value[i] = activation.value(z[i]);
                derivative[i] = activation.derivative(z[i]);
            }
        } else if (wantDerivative && wantValue) {
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
