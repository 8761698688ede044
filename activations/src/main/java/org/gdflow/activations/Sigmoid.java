package org.gdflow.activations;

import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;

/**
 * The logistic sigmoid σ(z) = 1/(1 + e^−z), with σ' = σ(1 − σ) and σ'' = σ'(1 − 2σ).
 *
 * <p>Evaluated by the sign split: with e = exp(−|z|) ≤ 1, σ(z) = 1/(1 + e) for z ≥ 0 and
 * e/(1 + e) for z &lt; 0, and 1 − σ(z) = σ(−z) is taken from the same e, so neither σ nor
 * 1 − σ loses digits to cancellation and nothing overflows. e is {@link ScalarMath#expNonPositive};
 * {@link #evaluate} takes the SIMD pass ({@link VectorPasses#sigmoid}) when
 * {@link VectorSupport#enabled()}, with the same results bit for bit.
 */
public final class Sigmoid implements Activation {
    /** Creates the (stateless) activation. */
    public Sigmoid() {
    }

    @Override
    public double value(double z) {
        // σ(z) = 1/(1 + e^−z): q = 1/(1 + e) for z ≥ 0, e·q for z < 0, with e = exp(−|z|)
        double e = ScalarMath.expNonPositive(-Math.abs(z));
        double q = 1 / (1 + e);
        return z >= 0 ? q : e * q;
    }

    @Override
    public double derivative(double z) {
        // σ'(z) = σ(z)(1 − σ(z)) = σ(z)σ(−z) = e/(1 + e)², with e = exp(−|z|)
        double e = ScalarMath.expNonPositive(-Math.abs(z));
        double q = 1 / (1 + e);
        return e * q * q;
    }

    @Override
    public double secondDerivative(double z) {
        // σ''(z) = σ'(z)(1 − 2σ(z)) = ±e·expm1(−|z|)/(1 + e)³, + for z ≥ 0 (σ'' is odd), with e = exp(−|z|)
        double e = ScalarMath.expNonPositive(-Math.abs(z));
        double q = 1 / (1 + e);
        double forPositive = e * Math.expm1(-Math.abs(z)) * q * q * q;
        return z >= 0 ? forPositive : -forPositive;
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        if (VectorSupport.enabled()) {
            VectorPasses.sigmoid(z, value, derivative, from, to);
        } else {
            scalarPass(z, value, derivative, from, to);
        }
    }

    /** The scalar pass over [from, to), which the SIMD pass repeats lane by lane (and uses for its tail). */
    static void scalarPass(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            // σ = 1/(1 + e) or e/(1 + e), σ' = σ(1 − σ); one exp per element, e = exp(−|z|)
            double e = ScalarMath.expNonPositive(-Math.abs(zi));
            double q = 1 / (1 + e);
            double eq = e * q;
            value[i] = zi >= 0 ? q : eq;
            derivative[i] = eq * q;
        }
    }
}
