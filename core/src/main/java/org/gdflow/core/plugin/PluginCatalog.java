package org.gdflow.core.plugin;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.core.spec.PluginBinder;
import org.gdflow.core.spec.PluginRef;
import org.gdflow.core.spec.SpecNode;

/**
 * Every plugin found, by kind and name, with where each came from and the warnings of discovery;
 * made by {@link PluginDiscovery}. Immutable.
 */
public final class PluginCatalog implements PluginBinder {
    private final Map<PluginKind, Map<String, Plugin<?, ?>>> plugins;
    private final Map<PluginKind, Map<String, PluginSource>> sources;
    private final List<String> warnings;

    /** A catalog of the given plugins by kind and name, all built in. */
    public PluginCatalog(Map<PluginKind, Map<String, Plugin<?, ?>>> plugins) {
        this(plugins, Map.of(), List.of());
    }

    /**
     * A catalog of the given plugins by kind and name, with their sources (a plugin without one is
     * built in) and the warnings of the discovery that found them.
     */
    public PluginCatalog(Map<PluginKind, Map<String, Plugin<?, ?>>> plugins,
                         Map<PluginKind, Map<String, PluginSource>> sources, List<String> warnings) {
        Map<PluginKind, Map<String, Plugin<?, ?>>> copy = new EnumMap<>(PluginKind.class);
        Map<PluginKind, Map<String, PluginSource>> sourceCopy = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            copy.put(kind, Collections.unmodifiableMap(new TreeMap<>(plugins.getOrDefault(kind, Map.of()))));
            sourceCopy.put(kind, Map.copyOf(sources.getOrDefault(kind, Map.of())));
        }
        this.plugins = Collections.unmodifiableMap(copy);
        this.sources = Collections.unmodifiableMap(sourceCopy);
        this.warnings = List.copyOf(warnings);
    }

    /** Where the plugin of this kind and name came from ({@link PluginSource#BUILT_IN} unless a jar of the plugin path). */
    public PluginSource source(PluginKind kind, String name) {
        return sources.get(kind).getOrDefault(name, PluginSource.BUILT_IN);
    }

    /** What discovery reported without stopping: a registration that threw, a jar without plugins or without an api version. */
    public List<String> warnings() {
        return warnings;
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
            throw nameNode.error("no " + kind.label() + " plugin is named '" + name + "'"
                    + NearestName.hint(name, plugins.get(kind).keySet()) + "; the " + kind.label() + " plugins are "
                    + String.join(", ", plugins.get(kind).keySet()) + " (run `gdflow plugins` for details;"
                    + " plugins in jars are loaded with --plugins DIR or " + PluginPath.ENVIRONMENT_VARIABLE + ")");
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
        try {
            return type.cast(((Plugin<?, Record>) plugin).create(ref.parameters()));
        } catch (RuntimeException e) {
            // a plugin that refuses its parameters is bad input: name it and what it was given
            throw new org.gdflow.core.error.GdflowException("the " + ref.kind().label() + " plugin '" + ref.name()
                    + "' cannot be made with the parameters " + ref.json() + ": " + e.getMessage()
                    + "; check its parameters (gdflow plugins lists them)", e);
        }
    }
}
