package org.gdflow.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.gdflow.api.Activation;
import org.gdflow.api.NoParameters;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.api.PluginRegistration;
import org.gdflow.api.Scaling;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.plugin.PluginParametersTest.Cube;
import org.gdflow.core.plugin.PluginParametersTest.CubeActivation;
import org.gdflow.core.spec.PluginRef;
import org.gdflow.core.spec.SpecLocations;
import org.gdflow.core.spec.SpecNode;
import org.junit.jupiter.api.Test;

/** Discovery through ServiceLoader and Guice, and binding a spec's plugin reference, against hand-made registrations. */
class PluginCatalogTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HINT = " (run `gdflow plugins` for details; plugins in jars are loaded with --plugins DIR or"
            + " GDFLOW_PLUGIN_PATH)";

    /** Registers cube (with parameters) and square (without). */
    public static final class Mine implements PluginRegistration {
        @Override
        public void register(org.gdflow.api.PluginRegistry registry) {
            registry.add(PluginParametersTest.CUBE);
            registry.add(Plugin.activation("square", "z^2", () -> new CubeActivation(2)));
        }
    }

    /** Registers another plugin named cube. */
    public static final class Theirs implements PluginRegistration {
        @Override
        public void register(org.gdflow.api.PluginRegistry registry) {
            registry.add(Plugin.activation("cube", "another cube", () -> new CubeActivation(3)));
        }
    }

    private static SpecNode node(String json) {
        try {
            return SpecNode.root(MAPPER.readTree(json), SpecLocations.index("s.json", json)).get("activation");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void registrationsContributeTheirPluginsByKindAndName() {
        PluginCatalog catalog = PluginDiscovery.fromRegistrations(List.of(new Mine()));
        assertEquals(List.of("cube", "square"), List.copyOf(catalog.plugins(PluginKind.ACTIVATION).keySet()));
        assertTrue(catalog.plugins(PluginKind.SCALING).isEmpty());
        assertTrue(catalog.has(PluginKind.ACTIVATION, "cube"));
        assertFalse(catalog.has(PluginKind.SCALING, "cube"));
        assertFalse(catalog.has(PluginKind.ACTIVATION, "tanh"));
        assertEquals(PluginParametersTest.CUBE, catalog.plugins(PluginKind.ACTIVATION).get("cube"));
    }

    @Test
    void aNameGivenTwiceFailsDiscoveryNamingBothSources() {
        GdflowException e = assertThrows(GdflowException.class,
                () -> PluginDiscovery.fromRegistrations(List.of(new Mine(), new Theirs())));
        assertEquals("plugin discovery failed: two activation plugins are named 'cube': one built in (" + Mine.class.getName()
                + "), one built in (" + Theirs.class.getName() + "); remove one of them", e.getMessage());
        // a registration that gives one name twice
        e = assertThrows(GdflowException.class, () -> PluginDiscovery.fromRegistrations(List.of(new Mine(), new Mine())));
        assertEquals("plugin discovery failed: two activation plugins are named 'cube': one built in (" + Mine.class.getName()
                + "), one built in (" + Mine.class.getName() + "); remove one of them; two activation plugins are named 'square':"
                + " one built in (" + Mine.class.getName() + "), one built in (" + Mine.class.getName() + "); remove one of them",
                e.getMessage());
        // the same name in two kinds is no clash
        PluginCatalog two = PluginDiscovery.fromRegistrations(List.of(new Mine(), registry -> registry.add(
                Plugin.scaling("cube", "s = 1", () -> new org.gdflow.scalings.NtkScaling()))));
        assertTrue(two.has(PluginKind.SCALING, "cube"));
        assertTrue(two.has(PluginKind.ACTIVATION, "cube"));
    }

    @Test
    void discoverFindsTheBuiltInsOnTheClassPath() {
        PluginCatalog catalog = PluginDiscovery.discover();
        for (String name : List.of("tanh", "relu", "erf")) {
            assertTrue(catalog.has(PluginKind.ACTIVATION, name), name);
        }
        assertTrue(catalog.has(PluginKind.SCALING, "ntk"));
        assertTrue(catalog.has(PluginKind.INTEGRATOR, "rk4"));
        assertTrue(catalog.has(PluginKind.BACKEND, "ejml"));
        // a loader that sees no registration finds nothing
        PluginCatalog none = PluginDiscovery.discover(new ClassLoader(null) { });
        for (PluginKind kind : PluginKind.values()) {
            assertTrue(none.plugins(kind).isEmpty(), kind.label());
        }
    }

    @Test
    void theCatalogIsACopyThatCannotBeChanged() {
        Map<String, Plugin<?, ?>> activations = new java.util.HashMap<>();
        activations.put("square", Plugin.activation("square", "z^2", () -> new CubeActivation(2)));
        PluginCatalog catalog = new PluginCatalog(Map.of(PluginKind.ACTIVATION, activations));
        activations.clear();
        assertTrue(catalog.has(PluginKind.ACTIVATION, "square"));
        assertThrows(UnsupportedOperationException.class, () -> catalog.plugins(PluginKind.ACTIVATION).clear());
        assertTrue(catalog.plugins(PluginKind.BACKEND).isEmpty());
    }

    @Test
    void bindsAStringOrAnObjectWithParameters() {
        PluginCatalog catalog = PluginDiscovery.fromRegistrations(List.of(new Mine()));
        PluginRef square = catalog.bind(PluginKind.ACTIVATION, node("{\"activation\": \"square\"}"));
        assertEquals(new PluginRef(PluginKind.ACTIVATION, "square", new NoParameters(), MAPPER.createObjectNode()), square);
        PluginRef cube = catalog.bind(PluginKind.ACTIVATION, node("{\"activation\": {\"name\": \"cube\", \"scale\": 0.5, \"undocumented\": 0}}"));
        assertEquals("cube", cube.name());
        assertEquals(PluginKind.ACTIVATION, cube.kind());
        assertEquals(new Cube(0.5, 3, 12345678901L, "plain", true, null, 0), cube.parameters());
        assertEquals(0.5, cube.json().get("scale").doubleValue());
        assertFalse(cube.json().has("name"));
        // the instance is made from the bound parameters: σ(2) = 0.5 · 8
        Activation sigma = catalog.create(cube, Activation.class);
        assertEquals(4.0, sigma.value(2.0));
    }

    @Test
    void anUnknownNameListsThePluginsOfItsKind() {
        PluginCatalog catalog = PluginDiscovery.fromRegistrations(List.of(new Mine()));
        GdflowException e = assertThrows(GdflowException.class, () -> catalog.bind(PluginKind.ACTIVATION, node("{\n\"activation\": \"tanh\"}")));
        assertEquals("activation: no activation plugin is named 'tanh'; the activation plugins are cube, square"
                + HINT + " (s.json line 2)", e.getMessage());
        e = assertThrows(GdflowException.class, () -> catalog.bind(PluginKind.ACTIVATION, node("{\"activation\":\n {\"name\": \"cueb\"}}")));
        assertEquals("activation.name: no activation plugin is named 'cueb' (did you mean 'cube'?); the activation plugins are cube, square"
                + HINT + " (s.json line 2)", e.getMessage());
        e = assertThrows(GdflowException.class, () -> catalog.bind(PluginKind.ACTIVATION, node("{\"activation\": {\"scale\": 1}}")));
        assertEquals("activation.name: missing; add a string value (s.json line 1)", e.getMessage());
    }

    @Test
    void aPluginNamedByAStringStillReportsItsMissingParameterAtItsOwnPath() {
        PluginCatalog catalog = PluginDiscovery.fromRegistrations(List.of(new Mine()));
        GdflowException e = assertThrows(GdflowException.class, () -> catalog.bind(PluginKind.ACTIVATION, node("{\n\"activation\": \"cube\"}")));
        assertEquals("activation.scale: missing parameter of activation 'cube' (the scale factor); add \"scale\": <value> (s.json line 2)",
                e.getMessage());
    }

    @Test
    void namedBindsTheDefaults() {
        PluginCatalog catalog = PluginDiscovery.fromRegistrations(List.of(new Mine()));
        assertEquals(new PluginRef(PluginKind.ACTIVATION, "square", new NoParameters(), MAPPER.createObjectNode()),
                catalog.named(PluginKind.ACTIVATION, "square"));
        GdflowException e = assertThrows(GdflowException.class, () -> catalog.named(PluginKind.ACTIVATION, "nope"));
        assertEquals("no activation plugin is named 'nope'; the activation plugins are cube, square" + HINT
                + " (default activation)", e.getMessage());
    }

    @Test
    void createChecksTheKindsInterface() {
        PluginCatalog catalog = PluginDiscovery.fromRegistrations(List.of(new Mine()));
        PluginRef square = catalog.named(PluginKind.ACTIVATION, "square");
        assertInstanceOf(CubeActivation.class, catalog.create(square, Activation.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.create(square, Scaling.class));
        assertEquals("no Scaling plugin named square", e.getMessage());
        PluginRef ghost = new PluginRef(PluginKind.ACTIVATION, "ghost", new NoParameters(), MAPPER.createObjectNode());
        e = assertThrows(IllegalArgumentException.class, () -> catalog.create(ghost, Activation.class));
        assertEquals("no Activation plugin named ghost", e.getMessage());
    }

    @Test
    void pluginRefKeepsItsOwnCopyOfTheJson() {
        var json = MAPPER.createObjectNode().put("alpha", 0.5);
        PluginRef ref = new PluginRef(PluginKind.SCALING, "power", new NoParameters(), json);
        json.put("alpha", 9);
        assertEquals(0.5, ref.json().get("alpha").doubleValue());
        ref.json().put("alpha", 7);
        assertEquals(0.5, ref.json().get("alpha").doubleValue());
    }
}
