package org.gdflow.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a plugin came from: built in (gdflow's own class path), or a jar of the plugin path with
 * the version its manifest gives.
 *
 * @param name {@code "built in"}, or the jar's file name ({@code gelu.jar}), with its sub-folder when
 *     it is one jar of a plugin with dependencies ({@code gelu/gelu.jar})
 * @param version the jar's {@code Implementation-Version}, or null
 * @param apiVersion the gdflow api version the jar was built against (its {@code Gdflow-Api-Version}), or null
 * @param location the jar, or null when built in
 */
public record PluginSource(String name, String version, String apiVersion, Path location) {
    /** The source of the plugins on gdflow's own class path. */
    public static final PluginSource BUILT_IN = new PluginSource("built in", null, null, null);

    /** Checks that a name is given. */
    public PluginSource {
        Objects.requireNonNull(name, "name");
    }

    /** Whether the plugin came with gdflow (or with the program that embeds it) rather than from the plugin path. */
    public boolean builtIn() {
        return location == null;
    }

    /** For listings: {@code built in}, {@code gelu.jar 0.1.0}, or the jar's name alone when it gives no version. */
    public String describe() {
        return version == null ? name : name + " " + version;
    }

    /** For messages: {@code built in}, or {@code from /path/to/gelu.jar}. */
    public String origin() {
        return builtIn() ? name : "from " + location;
    }
}
