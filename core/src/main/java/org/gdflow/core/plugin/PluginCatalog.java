package org.gdflow.core.plugin;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.core.spec.PluginBinder;
import org.gdflow.core.spec.PluginRef;
import org.gdflow.core.spec.SpecNode;

/**
 * Every plugin found, by kind and name; made by {@link PluginDiscovery}. Immutable.
 */
public final class PluginCatalog implements PluginBinder {
    private final Map<PluginKind, Map<String, Plugin<?, ?>>> plugins;

    /** A catalog of the given plugins by kind and name. */
    public PluginCatalog(Map<PluginKind, Map<String, Plugin<?, ?>>> plugins) {
        Map<PluginKind, Map<String, Plugin<?, ?>>> copy = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            copy.put(kind, Collections.unmodifiableMap(new TreeMap<>(plugins.getOrDefault(kind, Map.of()))));
        }
        this.plugins = Collections.unmodifiableMap(copy);
    }

    /** The plugins of one kind, sorted by name. */
    public Map<String, Plugin<?, ?>> plugins(PluginKind kind) {
        return plugins.get(kind);
    }

    /** Whether a plugin of this kind and name exists. */
    public boolean has(PluginKind kind, String name) {
        return plugins.get(kind).containsKey(name);
    }

    /**
     * Binds the plugin a spec value names: either a string ({@code "tanh"}) or an object with
     * {@code name} and the plugin's parameters ({@code {"name": "power", "alpha": 0.75}}).
     */
    @Override
    public PluginRef bind(PluginKind kind, SpecNode node) {
        SpecNode nameNode = node.json().isObject() ? node.get("name") : node;
        String name = nameNode.string();
        Plugin<?, ?> plugin = plugins.get(kind).get(name);
        if (plugin == null) {
            throw nameNode.error("no " + kind.label() + " plugin is named '" + name + "'; the "
                    + kind.label() + " plugins are " + String.join(", ", plugins.get(kind).keySet())
                    + " (run `gdflow plugins` for details)");
        }
        // a plugin named by a string has no members: its parameters take their defaults, and a missing one is
        // reported at its own path (model.scaling.alpha), since get() on a string node is missing
        PluginParameters.Bound bound = PluginParameters.bind(plugin, node, "name");
        return new PluginRef(kind, name, bound.parameters(), bound.json());
    }

    /** Binds a plugin by name with its default parameters. */
    public PluginRef named(PluginKind kind, String name) {
        return bind(kind, SpecNode.root(com.fasterxml.jackson.databind.node.TextNode.valueOf(name),
                org.gdflow.core.spec.SpecLocations.none("default " + kind.label())));
    }

    /** Makes the plugin instance a bound reference names. */
    @SuppressWarnings("unchecked")
    public <T> T create(PluginRef ref, Class<T> type) {
        Plugin<?, ?> plugin = plugins.get(ref.kind()).get(ref.name());
        if (plugin == null || plugin.type() != type) {
            throw new IllegalArgumentException("no " + type.getSimpleName() + " plugin named " + ref.name());
        }
        return type.cast(((Plugin<?, Record>) plugin).create(ref.parameters()));
    }
}
