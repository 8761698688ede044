package org.gdflow.core.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gdflow.api.PluginKind;

/**
 * A plugin named by a spec, with its parameters bound and checked.
 *
 * @param kind the kind of plugin
 * @param name the plugin's name
 * @param parameters the bound parameter record (defaults filled in)
 * @param json the parameters as JSON with defaults filled in, as written into summary.json
 */
public record PluginRef(PluginKind kind, String name, Record parameters, ObjectNode json) {
    /** Copies the JSON so the record stays immutable. */
    public PluginRef {
        json = json.deepCopy();
    }

    /** A copy of the parameters as JSON. */
    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }
}
