package org.gdflow.backend.nd4j;

import java.util.Locale;
import org.gdflow.api.Parameter;

/**
 * The parameters of the {@code nd4j} backend.
 *
 * @param elementwise how σ and σ' are evaluated: {@code "auto"} takes ND4J's native sigmoid for
 *     the sigmoid (see {@link ActivationPath}) and the plugin's own evaluate otherwise;
 *     {@code "plugin"} always runs the plugin's evaluate (for comparisons)
 */
public record Nd4jParameters(
        @Parameter(description = "how σ and σ' are evaluated: \"auto\" (ND4J's native sigmoid,"
                + " the plugin's own evaluate for other activations) or \"plugin\" (always the plugin's evaluate)",
                defaultValue = "\"auto\"") String elementwise) {

    /** The defaults. */
    public static final Nd4jParameters DEFAULTS = new Nd4jParameters("auto");

    /** Checks the value. */
    public Nd4jParameters {
        if (elementwise == null) {
            elementwise = "auto";
        }
        elementwise = elementwise.toLowerCase(Locale.ROOT);
        if (!elementwise.equals("auto") && !elementwise.equals("plugin")) {
            throw new IllegalArgumentException("elementwise must be \"auto\" or \"plugin\", not \"" + elementwise + "\"");
        }
    }

    /** Whether the native sigmoid path may be taken. */
    boolean fastPaths() {
        return elementwise.equals("auto");
    }
}
