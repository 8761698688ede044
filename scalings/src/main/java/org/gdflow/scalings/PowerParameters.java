package org.gdflow.scalings;

import org.gdflow.api.Parameter;

/**
 * The parameters of the {@code power} scaling (JSON key {@code alpha}).
 *
 * @param alpha the exponent α of s(m) = m^−α; 0.5 is {@code ntk}, 1 is {@code mean-field}
 */
public record PowerParameters(
        @Parameter(description = "exponent alpha of s(m) = m^-alpha, tau(m) = m^(2 alpha - 1); 0.5 is ntk, 1 is mean-field")
        double alpha) {

    /** Checks that α is finite. */
    public PowerParameters {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, got " + alpha
                    + "; use an exponent such as 0.5 (ntk) or 1 (mean-field)");
        }
    }
}
