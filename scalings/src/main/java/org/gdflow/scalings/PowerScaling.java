package org.gdflow.scalings;

import org.gdflow.api.Scaling;

/**
 * The power scaling that interpolates between the two regimes: s(m) = m^−α, τ(m) = m^(2α−1).
 *
 * <p>α = 1/2 and α = 1 are computed by the same operations as {@link NtkScaling} and
 * {@link MeanFieldScaling} ({@link Math#pow} may differ from them by an ulp), so
 * {@code power} with those exponents reproduces those runs bit for bit.
 */
public final class PowerScaling implements Scaling {
    private final double alpha;

    /**
     * Creates the scaling.
     *
     * @param parameters the exponent α, finite
     */
    public PowerScaling(PowerParameters parameters) {
        this.alpha = parameters.alpha();
    }

    /** The exponent α. */
    public double alpha() {
        return alpha;
    }

    @Override
    public double outputScale(int width) {
        double m = Widths.check(width);
        // s(m) = m^−α
        if (alpha == 0.5) {
            return 1 / Math.sqrt(m);
        }
        if (alpha == 1) {
            return 1 / m;
        }
        return Math.pow(m, -alpha);
    }

    @Override
    public double timeScale(int width) {
        double m = Widths.check(width);
        // τ(m) = m^(2α − 1); exactly 1 for α = 1/2 and m for α = 1
        return Math.pow(m, 2 * alpha - 1);
    }
}
