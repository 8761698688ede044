package org.gdflow.backend.ejml;

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * Registers the {@code ejml} backend; listed in
 * {@code META-INF/services/org.gdflow.api.PluginRegistration}.
 */
public final class EjmlBackendRegistration implements PluginRegistration {
    /** The name a spec uses for this backend. */
    public static final String NAME = "ejml";

    /** For {@link java.util.ServiceLoader}. */
    public EjmlBackendRegistration() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.backend(NAME,
                "pure-Java dense kernels on EJML, multi-threaded for large products",
                EjmlBackend::new));
    }
}
