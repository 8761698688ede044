package org.gdflow.backend.nd4j;

import java.util.Locale;
import org.gdflow.api.Parameter;

/**
 * The parameters of the {@code nd4j} backend.
 *
 * @param elementwise how σ and σ' are evaluated: both {@code "auto"} and {@code "plugin"} now run the
 *     plugin's own evaluate for every activation (ND4J's native sigmoid, which {@code "auto"} took
 *     before, is slower than the SIMD pass of the built-in sigmoid); kept so that specs naming it still run
 */
public record Nd4jParameters(
        @Parameter(description = "how σ and σ' are evaluated: \"auto\" or \"plugin\", both the plugin's own evaluate"
                + " (kept for specs that name it)",
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
}
