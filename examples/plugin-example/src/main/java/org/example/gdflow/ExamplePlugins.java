package org.example.gdflow;

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * The plugins of this jar, found by gdflow through
 * {@code META-INF/services/org.gdflow.api.PluginRegistration}: the activation {@code gelu}.
 */
public final class ExamplePlugins implements PluginRegistration {
    /** Called by {@link java.util.ServiceLoader}. */
    public ExamplePlugins() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.activation("gelu", "Gaussian error linear unit σ(z) = z Φ(z), σ' = Φ(z) + z φ(z)",
                GeluActivation::new));
        // The integrator dopri5 (adaptive Dormand–Prince 5(4)) is registered here once gdflow's
        // Integrator/Stepper SPI lets a stepper choose its own step size (issue 9, second part).
    }
}
