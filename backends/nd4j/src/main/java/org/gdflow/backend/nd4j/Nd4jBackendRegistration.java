package org.gdflow.backend.nd4j;

import org.gdflow.api.Plugin;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.PluginRegistry;

/**
 * Registers the {@code nd4j} backend; listed in
 * {@code META-INF/services/org.gdflow.api.PluginRegistration}. Registering loads no natives; the
 * first run does.
 */
public final class Nd4jBackendRegistration implements PluginRegistration {
    /** The name a spec uses for this backend. */
    public static final String NAME = "nd4j";

    /** For {@link java.util.ServiceLoader}. */
    public Nd4jBackendRegistration() {
    }

    @Override
    public void register(PluginRegistry registry) {
        registry.add(Plugin.backend(NAME,
                "native kernels on ND4J and its OpenBLAS (dgemm, LAPACK dsyevd), double precision; checks native BLAS at start",
                Nd4jParameters.class, Nd4jBackend::new));
    }
}
