package org.gdflow.core.plugin;

import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.error.GdflowException;

/**
 * What went wrong while loading plugins: errors (a broken or incompatible jar) stop discovery once
 * every jar has been looked at; warnings (a registration that threw, a jar without plugins) are
 * kept on the catalog and the other plugins load.
 */
final class PluginProblems {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void error(String message) {
        errors.add(message);
    }

    void warn(String message) {
        warnings.add(message);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws one exception naming every error so far, if there is one. */
    void throwErrors() {
        if (!errors.isEmpty()) {
            throw new GdflowException(String.join("; ", errors));
        }
    }
}
