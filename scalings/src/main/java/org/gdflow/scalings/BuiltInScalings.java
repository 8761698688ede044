package org.gdflow.scalings;

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * Registers the built-in scalings, found by {@link java.util.ServiceLoader} like any plugin jar:
 * {@code ntk}, {@code mean-field} and {@code power} (parameter {@code alpha}).
 */
public final class BuiltInScalings implements PluginRegistration {
    /** Creates the registration; called by {@link java.util.ServiceLoader}. */
    public BuiltInScalings() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.scaling("ntk", "neural tangent kernel: s = m^-1/2, tau = 1", NtkScaling::new));
        registry.add(Plugin.scaling("mean-field", "mean field: s = 1/m, tau = m", MeanFieldScaling::new));
        registry.add(Plugin.scaling("power", "power: s = m^-alpha, tau = m^(2 alpha - 1)", PowerParameters.class, PowerScaling::new));
    }
}
