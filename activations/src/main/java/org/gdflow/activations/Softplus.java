package org.gdflow.activations;

import org.gdflow.api.Activation;

/**
 * The softplus σ(z) = log(1 + e^z), a smooth relu, with σ' = sigmoid(z) and σ'' = sigmoid(1 − sigmoid).
 *
 * <p>Evaluated as max(z, 0) + log1p(e^−|z|), which neither overflows for large z nor loses the
 * tail e^z for very negative z; the derivative reuses the same e = e^−|z|.
 */
public final class Softplus implements Activation {
    /** Creates the (stateless) activation. */
    public Softplus() {
    }

    @Override
    public double value(double z) {
        // σ(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|)
        double e = Math.exp(-Math.abs(z));
        return Math.max(z, 0) + Math.log1p(e);
    }

    @Override
    public double derivative(double z) {
        // σ'(z) = sigmoid(z) = 1/(1 + e) for z ≥ 0, e/(1 + e) for z < 0, with e = exp(−|z|)
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    @Override
    public double secondDerivative(double z) {
        // σ''(z) = sigmoid(z)·sigmoid(−z) = e/(1 + e)², with e = exp(−|z|)
        double e = Math.exp(-Math.abs(z));
        double q = 1 / (1 + e);
        return e * q * q;
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            // σ = max(z, 0) + log1p(e), σ' = sigmoid(z), one exp per element, e = exp(−|z|)
            double e = Math.exp(-Math.abs(zi));
            value[i] = Math.max(zi, 0) + Math.log1p(e);
            derivative[i] = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
        }
    }
}
