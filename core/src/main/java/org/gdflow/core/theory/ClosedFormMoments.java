package org.gdflow.core.theory;

import org.gdflow.api.Activation;
import org.gdflow.core.theory.InfiniteWidthKernel.Moments;

/**
 * E[σ'(u)σ'(v)] and E[σ(u)σ(v)] for (u, v) ~ N(0, [[s11, s12], [s12, s22]]) in closed form, for the
 * activations that have one (any covariance, on or off the sphere):
 * <ul>
 *   <li>relu, the arc-cosine kernels of order 0 and 1 (Cho &amp; Saul 2009), with
 *       {@code cos θ = s12 / √(s11 s22)}: {@code E[σ'σ'] = (π − θ)/(2π)} and
 *       {@code E[σσ] = √(s11 s22)/(2π) (sin θ + (π − θ) cos θ)};
 *   <li>erf (Williams 1997): {@code E[σσ] = (2/π) arcsin(2 s12 / √((1 + 2 s11)(1 + 2 s22)))}, and, since
 *       σ' = (2/√π) e^(−z²) and {@code E[e^(−zᵀz)] = det(I + 2Σ)^(−1/2)} for z ~ N(0, Σ),
 *       {@code E[σ'σ'] = (4/π) / √((1 + 2 s11)(1 + 2 s22) − 4 s12²)}.
 * </ul>
 * An activation is recognised by its class (the built-in {@code org.gdflow.activations.Relu} and
 * {@code Erf}); any other has no closed form here and goes through quadrature.
 */
public enum ClosedFormMoments {
    /** The rectifier σ(z) = max(z, 0), σ'(z) = 1 for z &gt; 0, else 0. */
    RELU("org.gdflow.activations.Relu") {
        @Override
        public Moments moments(double s11, double s12, double s22) {
            double norms = Math.sqrt(s11 * s22);
            if (!(norms > 0)) {
                // u ≡ 0 or v ≡ 0: σ(0) = σ'(0) = 0
                return new Moments(0, 0);
            }
            double cos = Math.max(-1, Math.min(1, s12 / norms));
            double theta = Math.acos(cos);
            // E[σ'σ'] = (π − θ)/(2π); E[σσ] = √(s11 s22)/(2π) (sin θ + (π − θ) cos θ)
            double derivative = (Math.PI - theta) / (2 * Math.PI);
            double value = norms / (2 * Math.PI) * (Math.sin(theta) + (Math.PI - theta) * cos);
            return new Moments(derivative, value);
        }
    },
    /** The error function σ(z) = erf z, σ'(z) = (2/√π) e^(−z²). */
    ERF("org.gdflow.activations.Erf") {
        @Override
        public Moments moments(double s11, double s12, double s22) {
            double p = (1 + 2 * s11) * (1 + 2 * s22);
            // E[σσ] = (2/π) arcsin(2 s12 / √((1 + 2 s11)(1 + 2 s22)))
            double value = 2 / Math.PI * Math.asin(Math.max(-1, Math.min(1, 2 * s12 / Math.sqrt(p))));
            // E[σ'σ'] = (4/π) det(I + 2Σ)^(−1/2)
            double derivative = 4 / Math.PI / Math.sqrt(p - 4 * s12 * s12);
            return new Moments(derivative, value);
        }
    };

    private final String className;

    ClosedFormMoments(String className) {
        this.className = className;
    }

    /**
     * The two expectations for (u, v) ~ N(0, [[s11, s12], [s12, s22]]).
     *
     * @param s11 Var u, ≥ 0
     * @param s12 Cov(u, v), with s12² ≤ s11 s22
     * @param s22 Var v, ≥ 0
     */
    public abstract Moments moments(double s11, double s12, double s22);

    /** The class of the activation this closed form belongs to. */
    public String activationClass() {
        return className;
    }

    /** The closed form of {@code activation}, or null if it has none. */
    public static ClosedFormMoments of(Activation activation) {
        String name = activation.getClass().getName();
        for (ClosedFormMoments form : values()) {
            if (form.className.equals(name)) {
                return form;
            }
        }
        return null;
    }
}
