package org.gdflow.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.gdflow.api.Activation;
import org.gdflow.api.NoParameters;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.junit.jupiter.api.Test;

/** The services entry is found and registers exactly the five activations. */
class BuiltInActivationsTest {

    private static Map<String, Plugin<?, ?>> discovered() {
        List<PluginRegistration> registrations = new ArrayList<>();
        ServiceLoader.load(PluginRegistration.class).forEach(registrations::add);
        List<PluginRegistration> ours = registrations.stream().filter(r -> r instanceof BuiltInActivations).toList();
        assertEquals(1, ours.size(), "META-INF/services lists BuiltInActivations once");
        Map<String, Plugin<?, ?>> plugins = new TreeMap<>();
        ours.get(0).register(plugin -> assertEquals(null, plugins.put(plugin.name(), plugin), "duplicate " + plugin.name()));
        return plugins;
    }

    @Test
    void serviceLoaderFindsTheRegistrationOfExactlyFiveActivations() {
        Map<String, Plugin<?, ?>> plugins = discovered();
        assertEquals(List.of("erf", "relu", "sigmoid", "softplus", "tanh"), List.copyOf(plugins.keySet()));
        for (Plugin<?, ?> plugin : plugins.values()) {
            assertEquals(PluginKind.ACTIVATION, plugin.kind());
            assertEquals(NoParameters.class, plugin.parametersType());
            assertTrue(plugin.description().contains("σ"), plugin.name() + " states its formula");
        }
    }

    @Test
    void eachPluginCreatesItsActivation() {
        Map<String, Plugin<?, ?>> plugins = discovered();
        Map<String, Class<?>> expected = Map.of("sigmoid", Sigmoid.class, "softplus", Softplus.class,
                "tanh", Tanh.class, "erf", Erf.class, "relu", Relu.class);
        expected.forEach((name, type) -> {
            Object created = create(plugins.get(name));
            assertInstanceOf(Activation.class, created);
            assertInstanceOf(type, created, name);
        });
    }

    private static <T, P extends Record> T create(Plugin<T, P> plugin) {
        return plugin.create(plugin.parametersType().cast(NoParameters.INSTANCE));
    }
}
