package org.gdflow.activations;

import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;

/**
 * The hyperbolic tangent σ(z) = tanh z, with σ' = 1 − tanh² z and σ'' = −2 tanh z (1 − tanh² z).
 *
 * <p>Evaluated from one range reduction of x = −2|z| ({@link ScalarMath}, e^r − 1 by
 * {@link ScalarMath#expm1Reduced}), which gives both h = (e^x − 1)/2 and e = e^x: with w = 1/(1 + h) =
 * 2/(1 + e), tanh|z| = −h w and σ' = 4e/(1 + e)² = e w², the sign of z copied on (the same bits as
 * −em/(2 + em) and 4e q² with em = e^x − 1, q = 1/(2 + em): h and w are em/2 and 2q exactly, one product fewer).
 * Neither loses digits to cancellation (no series branch near 0 is needed, and σ' keeps its
 * relative accuracy in the tails, 4e^(−2|z|), where 1 − t² would round to 0), and nothing
 * overflows. Below |z| = 2⁻²⁷, σ = z and σ' = 1 exactly (as FDLIBM's tanh). {@link #evaluate} takes the SIMD pass ({@link VectorPasses#tanh}) when
 * {@link VectorSupport#enabled()}, with the same results bit for bit, and agrees bit for bit with
 * {@link #value} and {@link #derivative}.
 *
 * <p>Accuracy: a few ulp everywhere (the tests compare against a 40-digit reference and against the
 * formulas through {@link Math#exp}). tanh(±0) = ±0, tanh z = z for tiny z, tanh(±∞) = ±1,
 * tanh(NaN) = NaN.
 */
public final class Tanh implements Activation {
    /** Below this |z| (2⁻²⁷), tanh z = z and tanh' z = 1 to rounding (the next terms are below 2⁻⁵⁴ relative). */
    static final double TINY = 0x1p-27;

    /** Creates the (stateless) activation. */
    public Tanh() {
    }

    @Override
    public double value(double z) {
        // σ(z) = tanh z = sign(z)·(−h/(1 + h)), h = (e^x − 1)/2, x = −2|z|
        double x = argument(z);
        double shifted = ScalarMath.shifted(x);
        double h = ScalarMath.halfExpm1(shifted, ScalarMath.expm1Reduced(ScalarMath.reduced(x, shifted)));
        return Math.abs(z) < TINY ? z : Math.copySign(-h * (1 / (1 + h)), z);
    }

    @Override
    public double derivative(double z) {
        // σ'(z) = 1 − tanh² z = 4e/(1 + e)² = e w², w = 1/(1 + h) = 2/(1 + e), e = e^x, x = −2|z|
        double x = argument(z);
        double shifted = ScalarMath.shifted(x);
        double p = ScalarMath.expm1Reduced(ScalarMath.reduced(x, shifted));
        double w = 1 / (1 + ScalarMath.halfExpm1(shifted, p));
        return Math.abs(z) < TINY ? 1 : ScalarMath.expNonPositive(shifted, p) * w * w;
    }

    @Override
    public double secondDerivative(double z) {
        // σ''(z) = −2 σ(z) σ'(z)
        return -2 * value(z) * derivative(z);
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        if (VectorSupport.enabled()) {
            VectorPasses.tanh(z, value, derivative, from, to);
        } else {
            scalarPass(z, value, derivative, from, to);
        }
    }

    /** x = −2|z|, clamped at −746 where e^x is 0; NaN stays NaN. */
    private static double argument(double z) {
        return Math.max(-2 * Math.abs(z), ScalarMath.EXP_MIN);
    }

    /** The scalar pass over [from, to), which the SIMD pass repeats lane by lane (and uses for its tail). */
    static void scalarPass(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            // h = (e^x − 1)/2 and e = e^x for x = −2|z| (clamped at −746, where e^x is 0), from one reduction
            double x = argument(zi);
            double shifted = ScalarMath.shifted(x);
            double p = ScalarMath.expm1Reduced(ScalarMath.reduced(x, shifted));
            double h = ScalarMath.halfExpm1(shifted, p);
            double e = ScalarMath.expNonPositive(shifted, p);
            double w = 1 / (1 + h);
            // σ = tanh z = sign(z)·(−h/(1 + h)), σ' = 4e/(1 + e)² = e w²; z and 1 below 2⁻²⁷
            boolean tiny = Math.abs(zi) < TINY;
            value[i] = tiny ? zi : Math.copySign(-h * w, zi);
            derivative[i] = tiny ? 1 : e * w * w;
        }
    }
}
