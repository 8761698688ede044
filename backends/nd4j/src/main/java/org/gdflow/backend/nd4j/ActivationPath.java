package org.gdflow.backend.nd4j;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.gdflow.api.Activation;

/**
 * How the backend evaluates σ and σ' over Z, chosen once per run.
 *
 * <p>Recognition (the built-in activations and equivalent third-party ones): an activation takes a
 * fast path only if its class's simple name is {@code tanh}, {@code sigmoid} or {@code softplus}
 * (case-insensitive, optionally followed by {@code Activation}) <em>and</em> its {@code value} and
 * {@code derivative} agree with the reference formula to 1e-12 relative at a dozen probe points
 * from −40 to 40. Both tests must pass, so neither a renamed tanh nor a look-alike class with other
 * values is ever replaced; anything else runs through the plugin's own {@link Activation#evaluate}.
 */
enum ActivationPath {
    /** ND4J's native sigmoid (matches the Java formula to rounding), then σ' = σ(1 − σ) natively. */
    NATIVE_SIGMOID,
    /** {@link FastTanh} in Java over the native buffers: ND4J's tanh is slower and inaccurate near 0. */
    FUSED_TANH,
    /** {@link FastSoftplus} in Java over the native buffers: ND4J's softplus is wrong in the tails. */
    FUSED_SOFTPLUS,
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
        if (named(name, "tanh") && agrees(activation, FastTanh::tanh, z -> 1 - FastTanh.tanh(z) * FastTanh.tanh(z))) {
            return FUSED_TANH;
        }
        if (named(name, "sigmoid") && agrees(activation, ActivationPath::sigmoid, z -> sigmoid(z) * sigmoid(-z))) {
            return NATIVE_SIGMOID;
        }
        if (named(name, "softplus") && agrees(activation, new FastSoftplus()::value, ActivationPath::sigmoid)) {
            return FUSED_SOFTPLUS;
        }
        return PLUGIN;
    }

    /** The σ that the Java passes evaluate: the fused replacement, or the plugin itself. */
    Activation javaActivation(Activation plugin) {
        return switch (this) {
            case FUSED_TANH -> new FastTanh();
            case FUSED_SOFTPLUS -> new FastSoftplus();
            default -> plugin;
        };
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
