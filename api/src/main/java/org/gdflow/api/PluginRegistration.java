package org.gdflow.api;

/**
 * The entry point of a plugin jar, found by {@link java.util.ServiceLoader}: list the implementing
 * class in {@code META-INF/services/org.gdflow.api.PluginRegistration}. Built-in plugins are
 * registered exactly the same way.
 *
 * <pre>{@code
 * public final class MyPlugins implements PluginRegistration {
 *     public void register(PluginRegistry registry) {
 *         registry.add(Plugin.activation("cube", "σ(z) = z³", Cube::new));
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations need a public no-argument constructor. A jar put on gdflow's plugin path
 * ({@code --plugins DIR}, {@code GDFLOW_PLUGIN_PATH}) gets a class loader of its own that sees this
 * package and the JDK only, so a plugin depends on {@code gdflow-api} alone (a plugin with
 * dependencies of its own is a sub-folder holding its jar and theirs). Its manifest records the API
 * version it was built against ({@link ApiVersion#MANIFEST_ATTRIBUTE}); a jar built against an
 * incompatible version is refused.
 */
public interface PluginRegistration {
    /**
     * Adds this jar's plugins. Two plugins of one kind with one name fail discovery, naming both
     * sources. A registration that throws is reported with its jar and left out; the others load.
     */
    void register(PluginRegistry registry);
}
