package org.gdflow.scalings;

import org.gdflow.api.Scaling;

/**
 * The mean-field scaling: s(m) = 1/m, τ(m) = m, so that each neuron moves O(1) per unit time.
 */
public final class MeanFieldScaling implements Scaling {
    /** Creates the (stateless) scaling. */
    public MeanFieldScaling() {
    }

    @Override
    public double outputScale(int width) {
        // s(m) = 1/m
        return 1 / Widths.check(width);
    }

    @Override
    public double timeScale(int width) {
        // τ(m) = m
        return Widths.check(width);
    }
}
