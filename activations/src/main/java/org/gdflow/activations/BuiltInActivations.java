package org.gdflow.activations;

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * Registers the built-in activations, found by {@link java.util.ServiceLoader} like any plugin jar:
 * {@code sigmoid}, {@code softplus}, {@code tanh}, {@code erf}, {@code relu}.
 */
public final class BuiltInActivations implements PluginRegistration {
    /** Creates the registration; called by {@link java.util.ServiceLoader}. */
    public BuiltInActivations() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.activation("sigmoid", "logistic sigmoid σ(z) = 1/(1 + e^−z), σ' = σ(1 − σ)", Sigmoid::new));
        registry.add(Plugin.activation("softplus", "softplus σ(z) = log(1 + e^z), σ' = sigmoid(z)", Softplus::new));
        registry.add(Plugin.activation("tanh", "hyperbolic tangent σ(z) = tanh z, σ' = 1 − tanh² z", Tanh::new));
        registry.add(Plugin.activation("erf", "error function σ(z) = erf z, σ' = 2/√π·e^(−z²)", Erf::new));
        registry.add(Plugin.activation("relu", "rectifier σ(z) = max(z, 0), σ' = 1 if z > 0 else 0 (σ'(0) = 0)", Relu::new));
    }
}
