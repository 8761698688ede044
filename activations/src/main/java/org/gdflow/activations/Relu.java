package org.gdflow.activations;

import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;

/**
 * The rectifier σ(z) = max(z, 0), with σ'(z) = 1 for z &gt; 0 and 0 otherwise (σ'(0) = 0 by
 * convention) and σ'' = 0. Not differentiable at 0: the convergence theory of Du et al. treats
 * relu through its activation pattern, not through σ''. {@link #evaluate} takes the SIMD pass
 * ({@link VectorPasses#relu}) when {@link VectorSupport#enabled()}, with the same results bit for bit.
 */
public final class Relu implements Activation {
    /** Creates the (stateless) activation. */
    public Relu() {
    }

    @Override
    public double value(double z) {
        // σ(z) = max(z, 0)
        return Math.max(z, 0);
    }

    @Override
    public double derivative(double z) {
        // σ'(z) = 1 if z > 0 else 0
        return z > 0 ? 1 : 0;
    }

    @Override
    public double secondDerivative(double z) {
        // σ''(z) = 0 (a.e.)
        return 0;
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        if (VectorSupport.enabled()) {
            VectorPasses.relu(z, value, derivative, from, to);
        } else {
            scalarPass(z, value, derivative, from, to);
        }
    }

    /** The scalar pass over [from, to), which the SIMD pass repeats lane by lane (and uses for its tail). */
    static void scalarPass(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            // σ = max(z, 0), σ' = step(z) with step(0) = 0
            value[i] = Math.max(zi, 0);
            derivative[i] = zi > 0 ? 1 : 0;
        }
    }
}
