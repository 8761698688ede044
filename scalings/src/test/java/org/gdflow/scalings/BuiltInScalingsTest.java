package org.gdflow.scalings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.gdflow.api.NoParameters;
import org.gdflow.api.Parameter;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.junit.jupiter.api.Test;

/** The services entry is found and registers exactly the three scalings. */
class BuiltInScalingsTest {

    private static Map<String, Plugin<?, ?>> discovered() {
        List<PluginRegistration> ours = new ArrayList<>();
        for (PluginRegistration registration : ServiceLoader.load(PluginRegistration.class)) {
            if (registration instanceof BuiltInScalings) {
                ours.add(registration);
            }
        }
        assertEquals(1, ours.size(), "META-INF/services lists BuiltInScalings once");
        Map<String, Plugin<?, ?>> plugins = new TreeMap<>();
        ours.get(0).register(plugin -> assertNull(plugins.put(plugin.name(), plugin), "duplicate " + plugin.name()));
        return plugins;
    }

    private static <T, P extends Record> T create(Plugin<T, P> plugin, Record parameters) {
        return plugin.create(plugin.parametersType().cast(parameters));
    }

    @Test
    void serviceLoaderFindsExactlyTheThreeScalings() {
        Map<String, Plugin<?, ?>> plugins = discovered();
        assertEquals(List.of("mean-field", "ntk", "power"), List.copyOf(plugins.keySet()));
        plugins.values().forEach(p -> assertEquals(PluginKind.SCALING, p.kind()));
        assertEquals(NoParameters.class, plugins.get("ntk").parametersType());
        assertEquals(NoParameters.class, plugins.get("mean-field").parametersType());
        assertEquals(PowerParameters.class, plugins.get("power").parametersType());
        assertInstanceOf(NtkScaling.class, create(plugins.get("ntk"), NoParameters.INSTANCE));
        assertInstanceOf(MeanFieldScaling.class, create(plugins.get("mean-field"), NoParameters.INSTANCE));
        PowerScaling power = (PowerScaling) create(plugins.get("power"), new PowerParameters(0.75));
        assertEquals(0.75, power.alpha(), 0.0);
    }

    @Test
    void alphaIsARequiredDocumentedParameter() {
        RecordComponent[] components = PowerParameters.class.getRecordComponents();
        assertEquals(1, components.length);
        assertEquals("alpha", components[0].getName());
        Parameter parameter = components[0].getAnnotation(Parameter.class);
        assertEquals(Parameter.REQUIRED, parameter.defaultValue());
        assertEquals(false, parameter.description().isBlank());
    }
}
