package org.example.gdflow;

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * The plugins of this jar, found by gdflow through
 * {@code META-INF/services/org.gdflow.api.PluginRegistration}: the activation {@code gelu} and the
 * adaptive integrator {@code dopri5}.
 */
public final class ExamplePlugins implements PluginRegistration {
    /** Called by {@link java.util.ServiceLoader}. */
    public ExamplePlugins() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.activation("gelu", "Gaussian error linear unit σ(z) = z Φ(z), σ' = Φ(z) + z φ(z)",
                GeluActivation::new));
        registry.add(Plugin.integrator("dopri5", "adaptive Dormand–Prince 5(4): steps chosen to keep the local error"
                + " within rtol and atol", Dopri5Integrator.Parameters.class, Dopri5Integrator::new));
    }
}
