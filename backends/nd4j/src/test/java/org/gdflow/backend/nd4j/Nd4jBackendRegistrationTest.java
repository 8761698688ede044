package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.gdflow.api.Backend;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.junit.jupiter.api.Test;

/** The META-INF/services entry and the plugin it registers. */
class Nd4jBackendRegistrationTest {

    @Test
    void serviceLoaderFindsTheNd4jBackend() {
        List<Plugin<?, ?>> plugins = new ArrayList<>();
        boolean found = false;
        for (PluginRegistration registration : ServiceLoader.load(PluginRegistration.class)) {
            if (registration instanceof Nd4jBackendRegistration) {
                found = true;
                registration.register(plugins::add);
            }
        }
        assertTrue(found, "META-INF/services lists Nd4jBackendRegistration");
        assertEquals(1, plugins.size());
        Plugin<?, ?> plugin = plugins.get(0);
        assertEquals(PluginKind.BACKEND, plugin.kind());
        assertEquals("nd4j", plugin.name());
        assertEquals(Nd4jParameters.class, plugin.parametersType());
        assertInstanceOf(Nd4jBackend.class, Fixtures.<Backend>create(PluginKind.BACKEND, "nd4j", "auto"));
    }

    @Test
    void parametersAreChecked() {
        assertEquals("plugin", new Nd4jParameters("PLUGIN").elementwise());
        assertEquals("auto", new Nd4jParameters(null).elementwise());
        assertThrows(IllegalArgumentException.class, () -> new Nd4jParameters("native"));
    }
}
