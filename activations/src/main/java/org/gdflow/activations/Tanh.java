package org.gdflow.activations;

import org.gdflow.api.Activation;

/** The hyperbolic tangent σ(z) = tanh z, with σ' = 1 − tanh² z and σ'' = −2 tanh z (1 − tanh² z). */
public final class Tanh implements Activation {
    /** Creates the (stateless) activation. */
    public Tanh() {
    }

    @Override
    public double value(double z) {
        // σ(z) = tanh z
        return Math.tanh(z);
    }

    @Override
    public double derivative(double z) {
        // σ'(z) = 1 − t², t = tanh z
        double t = Math.tanh(z);
        return 1 - t * t;
    }

    @Override
    public double secondDerivative(double z) {
        // σ''(z) = −2t(1 − t²), t = tanh z
        double t = Math.tanh(z);
        return -2 * t * (1 - t * t);
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            // σ = t = tanh z, σ' = 1 − t²: one tanh per element
            double t = Math.tanh(z[i]);
            value[i] = t;
            derivative[i] = 1 - t * t;
        }
    }
}
