package org.gdflow.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.plugin.NearestName;
import org.gdflow.core.plugin.PluginParameters;
import org.gdflow.core.plugin.PluginPath;
import org.gdflow.core.spec.SpecNode;

/** Every {@link ExecutorPlugin} found, by name; {@code local} is always among them. Immutable. */
public final class ExecutorCatalog {
    /** The executor of a spec without an {@code "executor"} block. */
    public static final String DEFAULT = LocalExecutorPlugin.NAME;
    private final Map<String, ExecutorPlugin<?>> plugins;

    private ExecutorCatalog(Map<String, ExecutorPlugin<?>> plugins) {
        this.plugins = Collections.unmodifiableMap(new TreeMap<>(plugins));
    }

    /** The executors registered with {@link ServiceLoader} on the class path of this class. */
    public static ExecutorCatalog discover() {
        return discover(ExecutorCatalog.class.getClassLoader());
    }

    /**
     * The executors on the class path of this class and in the bundles of the plugin path
     * ({@link PluginPath}: a jar, or a folder of a plugin's jar and its dependencies), each bundle in an
     * {@link ExecutorClassLoader} of its own that sees gdflow.
     */
    @SuppressWarnings("rawtypes")
    public static ExecutorCatalog discover(List<Path> pluginPath) {
        List<ExecutorPlugin<?>> found = new ArrayList<>(discover().plugins.values());
        ClassLoader gdflow = ExecutorCatalog.class.getClassLoader();
        for (List<Path> jars : PluginPath.bundleJars(pluginPath)) {
            ExecutorClassLoader loader = new ExecutorClassLoader("executor " + jars.get(0).getFileName(), jars, gdflow);
            boolean any = false;
            try {
                for (ExecutorPlugin plugin : ServiceLoader.load(ExecutorPlugin.class, loader)) {
                    // the loader also sees gdflow's own registrations (local): only the bundle's are new
                    if (plugin.getClass().getClassLoader() == loader) {
                        found.add(plugin);
                        any = true;
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new GdflowException("cannot load an executor plugin from " + jars.get(0).getParent() + ": " + e.getMessage()
                        + "; check that the folder holds the executor's jar and all its dependencies", e);
            }
            if (!any) {
                try {
                    loader.close();
                } catch (java.io.IOException e) {
                    // nothing was loaded from it
                }
            }
        }
        return of(found);
    }

    /** The executors registered with {@link ServiceLoader} visible from {@code loader}. */
    @SuppressWarnings("rawtypes")
    public static ExecutorCatalog discover(ClassLoader loader) {
        List<ExecutorPlugin<?>> found = new ArrayList<>();
        try {
            for (ExecutorPlugin plugin : ServiceLoader.load(ExecutorPlugin.class, loader)) {
                found.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new GdflowException("cannot load an executor plugin: " + e.getMessage(), e);
        }
        return of(found);
    }

    /** A catalog of the given executors; two with one name are refused, naming both classes. */
    public static ExecutorCatalog of(List<? extends ExecutorPlugin<?>> executors) {
        Map<String, ExecutorPlugin<?>> byName = new TreeMap<>();
        for (ExecutorPlugin<?> plugin : executors) {
            ExecutorPlugin<?> before = byName.putIfAbsent(plugin.name(), plugin);
            if (before != null) {
                throw new GdflowException("two executor plugins are named '" + plugin.name() + "': "
                        + before.getClass().getName() + " and " + plugin.getClass().getName() + "; remove one from the plugin path");
            }
        }
        return new ExecutorCatalog(byName);
    }

    /** The executors, sorted by name. */
    public Map<String, ExecutorPlugin<?>> plugins() {
        return plugins;
    }

    /**
     * Makes the executor a spec's {@code "executor"} value names: missing ({@link #DEFAULT} with its
     * defaults), a string, or an object with {@code name} and the executor's parameters.
     */
    public StudyExecutor create(SpecNode node, Gdflow gdflow) {
        SpecNode nameNode = node.json().isObject() ? node.get("name") : node;
        String name = nameNode.isMissing() ? DEFAULT : nameNode.string();
        ExecutorPlugin<?> plugin = plugins.get(name);
        if (plugin == null) {
            throw nameNode.error("no executor plugin is named '" + name + "'" + NearestName.hint(name, plugins.keySet())
                    + "; the executors are " + String.join(", ", plugins.keySet()) + " (run `gdflow plugins` for details)");
        }
        return create(plugin, node, gdflow);
    }

    private static <P extends Record> StudyExecutor create(ExecutorPlugin<P> plugin, SpecNode node, Gdflow gdflow) {
        Record bound = PluginParameters.bind("executor '" + plugin.name() + "'", plugin.parametersType(), node, "name").parameters();
        return plugin.create(plugin.parametersType().cast(bound), gdflow);
    }
}
