package org.gdflow.scalings;

import org.gdflow.api.Scaling;

/** The neural-tangent-kernel scaling of Du et al.: s(m) = m^−1/2, τ(m) = 1. */
public final class NtkScaling implements Scaling {
    /** Creates the (stateless) scaling. */
    public NtkScaling() {
    }

    @Override
    public double outputScale(int width) {
        // s(m) = 1/√m
        return 1 / Math.sqrt(Widths.check(width));
    }

    @Override
    public double timeScale(int width) {
        // τ(m) = 1
        Widths.check(width);
        return 1;
    }
}
