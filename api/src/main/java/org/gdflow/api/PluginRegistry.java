package org.gdflow.api;

/** What a {@link PluginRegistration} adds its plugins to. Implemented by gdflow, not by plugin authors. */
public interface PluginRegistry {
    /** Adds one plugin. */
    void add(Plugin<?, ?> plugin);
}
