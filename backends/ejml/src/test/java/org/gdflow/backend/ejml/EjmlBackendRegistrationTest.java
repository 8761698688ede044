package org.gdflow.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.gdflow.api.NoParameters;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.junit.jupiter.api.Test;

/** The {@code META-INF/services} entry and what it registers. */
class EjmlBackendRegistrationTest {
    @Test
    void serviceLoaderFindsTheRegistrationAndItRegistersExactlyEjml() {
        List<PluginRegistration> ours = ServiceLoader.load(PluginRegistration.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(r -> r instanceof EjmlBackendRegistration)
                .toList();
        assertEquals(1, ours.size(), "one EjmlBackendRegistration listed in META-INF/services");

        List<Plugin<?, ?>> plugins = new ArrayList<>();
        ours.get(0).register(plugins::add);
        assertEquals(1, plugins.size());
        Plugin<?, ?> plugin = plugins.get(0);
        assertEquals(PluginKind.BACKEND, plugin.kind());
        assertEquals("ejml", plugin.name());
        assertFalse(plugin.description().isBlank());
        assertEquals(NoParameters.class, plugin.parametersType());
        @SuppressWarnings("unchecked")
        Plugin<?, NoParameters> backend = (Plugin<?, NoParameters>) plugin;
        assertInstanceOf(EjmlBackend.class, backend.create(NoParameters.INSTANCE));
    }
}
