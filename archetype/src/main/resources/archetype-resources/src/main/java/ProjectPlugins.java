package ${package};

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * The plugins of this jar. gdflow finds this class through
 * {@code META-INF/services/org.gdflow.api.PluginRegistration} and calls {@link #register} once.
 */
public final class ProjectPlugins implements PluginRegistration {
    /** Called by {@link java.util.ServiceLoader}. */
    public ProjectPlugins() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.activation("swish", "swish σ(z) = z sigmoid(βz)",
                SwishActivation.Parameters.class, p -> new SwishActivation(p.beta())));
        registry.add(Plugin.integrator("heun", "Heun's method, order 2: 1 field evaluation per step beyond the caller's",
                HeunIntegrator.Parameters.class, p -> new HeunIntegrator(p.dt())));
    }
}
