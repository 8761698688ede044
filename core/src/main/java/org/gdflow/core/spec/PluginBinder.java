package org.gdflow.core.spec;

import org.gdflow.api.PluginKind;

/**
 * Binds the plugin a spec value names, either a string ({@code "tanh"}) or an object with
 * {@code name} and the plugin's parameters. The spec reader needs only this of the plugin catalog
 * ({@code org.gdflow.core.plugin.PluginCatalog} implements it), so the spec package does not depend
 * on the plugin package, which depends on it.
 */
@FunctionalInterface
public interface PluginBinder {
    /**
     * The bound plugin of {@code kind} that {@code node} names.
     *
     * @throws org.gdflow.core.error.GdflowException naming the node's path if no such plugin exists
     *     or its parameters do not bind
     */
    PluginRef bind(PluginKind kind, SpecNode node);
}
