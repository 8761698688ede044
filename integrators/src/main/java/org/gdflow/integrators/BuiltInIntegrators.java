package org.gdflow.integrators;

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * Registers the built-in integrators, found by {@link java.util.ServiceLoader} like any plugin jar:
 * {@code euler} and {@code rk4} (parameter {@code dt}) and {@code gd} (parameters {@code lr},
 * {@code momentum}, {@code batch_size}).
 */
public final class BuiltInIntegrators implements PluginRegistration {
    /** Creates the registration; called by {@link java.util.ServiceLoader}. */
    public BuiltInIntegrators() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.integrator("euler", "explicit Euler, order 1: theta += dt F(theta)",
                FlowStepParameters.class, EulerIntegrator::new));
        registry.add(Plugin.integrator("rk4", "classical Runge-Kutta, order 4, 3 field evaluations per step",
                FlowStepParameters.class, Rk4Integrator::new));
        registry.add(Plugin.integrator("gd", "gradient descent: b = momentum b + F(theta), theta += lr b; optional mini-batches",
                GradientDescentParameters.class, GradientDescentIntegrator::new));
    }
}
