package org.gdflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.gdflow.api.Integrator;
import org.gdflow.api.Parameter;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.junit.jupiter.api.Test;

/** The services entry is found and registers exactly euler, rk4 and gd with their parameter records. */
class BuiltInIntegratorsTest {

    private static Map<String, Plugin<?, ?>> discovered() {
        List<PluginRegistration> ours = new ArrayList<>();
        for (PluginRegistration registration : ServiceLoader.load(PluginRegistration.class)) {
            if (registration instanceof BuiltInIntegrators) {
                ours.add(registration);
            }
        }
        assertEquals(1, ours.size(), "META-INF/services lists BuiltInIntegrators once");
        Map<String, Plugin<?, ?>> plugins = new TreeMap<>();
        ours.get(0).register(plugin -> assertNull(plugins.put(plugin.name(), plugin), "duplicate " + plugin.name()));
        return plugins;
    }

    private static <T, P extends Record> T create(Plugin<T, P> plugin, Record parameters) {
        return plugin.create(plugin.parametersType().cast(parameters));
    }

    @Test
    void serviceLoaderFindsExactlyTheThreeIntegrators() {
        Map<String, Plugin<?, ?>> plugins = discovered();
        assertEquals(List.of("euler", "gd", "rk4"), List.copyOf(plugins.keySet()));
        plugins.values().forEach(p -> assertEquals(PluginKind.INTEGRATOR, p.kind()));
        assertEquals(FlowStepParameters.class, plugins.get("euler").parametersType());
        assertEquals(FlowStepParameters.class, plugins.get("rk4").parametersType());
        assertEquals(GradientDescentParameters.class, plugins.get("gd").parametersType());

        Integrator euler = (Integrator) create(plugins.get("euler"), new FlowStepParameters(0.02));
        assertInstanceOf(EulerIntegrator.class, euler);
        assertEquals(0.02, euler.stepSize(), 0.0);
        Integrator rk4 = (Integrator) create(plugins.get("rk4"), new FlowStepParameters(0.03));
        assertInstanceOf(Rk4Integrator.class, rk4);
        assertEquals(Rk4Integrator.TABLEAU, ((Rk4Integrator) rk4).tableau());
        Integrator gd = (Integrator) create(plugins.get("gd"), new GradientDescentParameters(0.5, 0.9, 8));
        assertInstanceOf(GradientDescentIntegrator.class, gd);
        assertEquals(new GradientDescentParameters(0.5, 0.9, 8), ((GradientDescentIntegrator) gd).parameters());
    }

    private static Map<String, String> defaults(Class<? extends Record> type) {
        Map<String, String> defaults = new TreeMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Parameter parameter = component.getAnnotation(Parameter.class);
            assertFalse(parameter.description().isBlank(), component.getName() + " is documented");
            defaults.put(component.getName(), parameter.defaultValue());
        }
        return defaults;
    }

    @Test
    void parameterRecordsDocumentEachComponentAndHoldTheDefaults() {
        assertEquals(Map.of("dt", Parameter.REQUIRED), defaults(FlowStepParameters.class));
        assertEquals(Map.of("lr", Parameter.REQUIRED, "momentum", "0", "batchSize", "0"), defaults(GradientDescentParameters.class));
        // component order is the constructor order; batchSize is the JSON key batch_size
        assertEquals(List.of("lr", "momentum", "batchSize"),
                Arrays.stream(GradientDescentParameters.class.getRecordComponents()).map(RecordComponent::getName).toList());
    }
}
