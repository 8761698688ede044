package org.gdflow.activations;

import org.gdflow.api.Activation;

/**
 * The error function σ(z) = erf z = 2/√π ∫₀^z e^(−t²) dt, with σ' = 2/√π·e^(−z²) and σ'' = −2z σ'.
 *
 * <p>The value comes from Hipparchus ({@link org.hipparchus.special.Erf#erf}, within a few ulp of
 * the true value, ±1 exactly for |z| &gt; 40), except for |z| &lt; 1e-5 where the series
 * 2/√π (z − z³/3) is exact to rounding (Hipparchus underflows to 0 below about 1e-154).
 * Hipparchus' erf costs about 0.5 µs per call, some 20 times tanh.
 */
public final class Erf implements Activation {
    /** 2/√π. */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** Below this |z| the two-term series is exact to rounding (next term z⁵/5 is 1e-21 relative). */
    private static final double SERIES_LIMIT = 1e-5;

    /** Creates the (stateless) activation. */
    public Erf() {
    }

    @Override
    public double value(double z) {
        // σ(z) = erf z; 2/√π (z − z³/3) for |z| < 1e-5
        return erf(z);
    }

    @Override
    public double derivative(double z) {
        // σ'(z) = 2/√π·exp(−z²)
        return TWO_OVER_SQRT_PI * Math.exp(-z * z);
    }

    @Override
    public double secondDerivative(double z) {
        // σ''(z) = −2z·2/√π·exp(−z²)
        return -2 * z * (TWO_OVER_SQRT_PI * Math.exp(-z * z));
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            // σ = erf z, σ' = 2/√π·exp(−z²)
            value[i] = erf(zi);
            derivative[i] = TWO_OVER_SQRT_PI * Math.exp(-zi * zi);
        }
    }

    private static double erf(double z) {
        // erf z = 2/√π (z − z³/3 + O(z⁵)) near 0, Hipparchus elsewhere
        if (Math.abs(z) < SERIES_LIMIT) {
            return TWO_OVER_SQRT_PI * (z - z * z * z / 3);
        }
        return org.hipparchus.special.Erf.erf(z);
    }
}
