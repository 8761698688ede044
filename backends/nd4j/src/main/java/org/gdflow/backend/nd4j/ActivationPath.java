package org.gdflow.backend.nd4j;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.gdflow.api.Activation;

/**
 * How the backend evaluates σ and σ' over Z, chosen once per run.
 *
 * <p>Only the sigmoid has a native path: ND4J's sigmoid matches the Java formula to rounding and is
 * faster than a Java pass. Every other activation, tanh and softplus included, runs through the
 * plugin's own {@link Activation#evaluate}: the built-in tanh and softplus are themselves one-pass
 * Java from one {@code Math.exp} (ND4J's native tanh is slower and inaccurate near 0, its softplus
 * wrong in the tails), so the backend never second-guesses a plugin's numbers.
 *
 * <p>Recognition (the built-in sigmoid and equivalent third-party ones): an activation takes the
 * native path only if its class's simple name is {@code sigmoid} (case-insensitive, optionally
 * followed by {@code Activation}) <em>and</em> its {@code value} and {@code derivative} agree with
 * the sigmoid formula to 1e-12 relative at a dozen probe points from −40 to 40. Both tests must
 * pass, so neither a renamed sigmoid nor a look-alike class with other values is ever replaced.
 */
enum ActivationPath {
    /** ND4J's native sigmoid (matches the Java formula to rounding), then σ' = σ(1 − σ) natively. */
    NATIVE_SIGMOID,
    /** The plugin's own {@link Activation#evaluate}, in parallel blocks over the native buffers. */
    PLUGIN;

    private static final double[] PROBES = {-40, -12.5, -3.7, -1, -0.31, -1e-3, 0, 1e-9, 0.05, 0.7, 2.2, 9, 40};
    private static final double PROBE_TOLERANCE = 1e-12;

    /**
     * The path for an activation.
     *
     * @param activation the problem's σ. Not modified.
     * @param fastPaths false to force {@link #PLUGIN}
     */
    static ActivationPath choose(Activation activation, boolean fastPaths) {
        if (!fastPaths) {
            return PLUGIN;
        }
        String name = activation.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        if (named(name, "sigmoid") && agrees(activation, ActivationPath::sigmoid, z -> sigmoid(z) * sigmoid(-z))) {
            return NATIVE_SIGMOID;
        }
        return PLUGIN;
    }

    private static boolean named(String simpleName, String key) {
        return simpleName.equals(key) || simpleName.equals(key + "activation");
    }

    private static boolean agrees(Activation activation, DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
        for (double z : PROBES) {
            if (!close(activation.value(z), value.applyAsDouble(z)) || !close(activation.derivative(z), derivative.applyAsDouble(z))) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= PROBE_TOLERANCE * Math.abs(expected) || actual == expected;
    }

    /** sigmoid z = 1/(1 + e^−z), split by sign so nothing overflows. */
    private static double sigmoid(double z) {
        // σ(z) = 1/(1 + e) for z ≥ 0, e/(1 + e) for z < 0, e = exp(−|z|)
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
}
