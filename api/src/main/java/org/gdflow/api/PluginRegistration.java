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
 * <p>Implementations need a public no-argument constructor.
 */
public interface PluginRegistration {
    /** Adds this jar's plugins. Two plugins of one kind with one name fail discovery, naming both sources. */
    void register(PluginRegistry registry);
}
