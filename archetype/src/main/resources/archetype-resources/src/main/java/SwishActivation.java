package ${package};

import org.gdflow.api.Activation;
import org.gdflow.api.Parameter;

/**
 * Swish, σ(z) = z s with s = sigmoid(βz) = 1/(1 + e^(−βz)), σ' = s + βz s(1 − s) and
 * σ'' = β s(1 − s)(2 + βz(1 − 2s)). Immutable, so thread-safe; nothing is allocated per call.
 */
public final class SwishActivation implements Activation {
    /**
     * The parameters, bound by gdflow from the spec: {@code {"name": "swish", "beta": 2}}.
     *
     * @param beta the slope β of the sigmoid
     */
    public record Parameters(@Parameter(description = "slope beta of the sigmoid, > 0", defaultValue = "1") double beta) {
        /** Checks that β is positive and finite; gdflow reports the message with the spec's line. */
        public Parameters {
            if (!(beta > 0 && beta < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
            }
        }
    }

    private final double beta;

    /** Swish with slope {@code beta}. */
    public SwishActivation(double beta) {
        this.beta = beta;
    }

    @Override
    public double value(double z) {
        // σ = z s, s = sigmoid(βz)
        return z * sigmoid(beta * z);
    }

    @Override
    public double derivative(double z) {
        // σ' = s + βz s(1 − s)
        double s = sigmoid(beta * z);
        return s + beta * z * s * (1 - s);
    }

    @Override
    public double secondDerivative(double z) {
        // σ'' = β s(1 − s)(2 + βz(1 − 2s))
        double s = sigmoid(beta * z);
        return beta * s * (1 - s) * (2 + beta * z * (1 - 2 * s));
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            // one sigmoid for both: σ = z s, σ' = s + βz s(1 − s)
            double s = sigmoid(beta * zi);
            value[i] = zi * s;
            derivative[i] = s + beta * zi * s * (1 - s);
        }
    }

    /** 1/(1 + e^(−x)), from e^(−|x|) so that it never overflows. */
    private static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
