package org.gdflow.activations;

import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;

/**
 * The error function σ(z) = erf z = 2/√π ∫₀^z e^(−t²) dt, with σ' = 2/√π·e^(−z²) and σ'' = −2z σ'.
 *
 * <p>The value is a polynomial on each of two ranges of |z|, each minimax-fitted ({@code activations/tools/erf_fit.py}: Lawson
 * iteration, errors weighted in ulp of erf) for this code, and of one common form, erf|z| = A·P(v) + B:
 * <ul>
 * <li>|z| &lt; 1: erf|z| = |z| + |z|·P(z²), P of degree 13 (A = B = |z|);</li>
 * <li>|z| ≥ 1: erf|z| = 1 − e^(−z²)·P(u), P(u) ≈ e^(z²) erfc z of degree 13 in u = 1/(x + 2) − 1/4,
 * x = min(|z|, 6) (A = −e^(−z²)(1 + c), B = 1), where c = ρ − ε corrects the two roundings the tail
 * is most sensitive to: ρ = 1 − (1/(x + 2))·(x + 2) of the division (to first order: P's relative error from
 * the quotient's is 1.3 to 1.9 times ρ here, a correction by 1.875ρ measured no better), and ε = x² − fl(x²) of the
 * square inside e^(−z²). From |z| = 6 on e^(−z²)·P rounds away against 1 (erfc 6 ≈ 2e-17), up to ±∞, where
 * e^(−z²) = 0.</li>
 * </ul>
 * The sign is copied from z (erf is odd; ±0 stays ±0, NaN stays NaN). Within 1 ulp of erf (0.97 measured
 * over 2·10⁵ arguments against 40-digit values, at |z| = 1.033 just above the switch, 0.95 just below it; the
 * three ranges this replaced measured 0.79, FDLIBM's code 0.83: the two-range form trades 0.2 ulp for one bit
 * mask per coefficient in the SIMD pass). {@link #evaluate} shares the one e^(−z²) ({@link ScalarMath#expNonPositive}, the exp of tanh, sigmoid and softplus)
 * between value and derivative, and takes the SIMD pass ({@link VectorPasses#erf}) when {@link VectorSupport}
 * allows it, with the same results bit for bit: there each lane picks its range's coefficients, variable, A and
 * B by a bit mask, so one polynomial evaluation serves every lane whatever the mix of ranges in the vector.
 */
public final class Erf implements Activation {
    /** 2/√π. */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** Where the erfc form starts: |z| ≥ 1; below, erf z = z + z·P(z²). */
    static final double TAIL_FROM = 1;
    /** Where the tail's variable stops moving: x = min(|z|, 6); erf rounds to ±1 from there on. */
    static final double SATURATED_FROM = 6;
    /** The tail's variable is u = 1/(x + {@value}) − {@link #TAIL_SHIFT}. */
    static final double TAIL_OFFSET = 2;
    /** 1/4: 1/(x + 2) lies in [1/8, 1/3], so u is exact (Sterbenz). */
    static final double TAIL_SHIFT = 0.25;

    // erf z = z + z·P(z²) on |z| < 1: P = S0 + S1 z² + … + S13 z²⁶
    static final double S0 = 0.1283791670955126;
    static final double S1 = -0.37612638903183754;
    static final double S2 = 0.11283791670955119;
    static final double S3 = -0.026866170645129736;
    static final double S4 = 0.005223977625422098;
    static final double S5 = -0.0008548327021853912;
    static final double S6 = 0.00012055332899385684;
    static final double S7 = -1.4925647465856019e-05;
    static final double S8 = 1.6462043421434466e-06;
    static final double S9 = -1.6364614596465796e-07;
    static final double S10 = 1.4792147281749221e-08;
    static final double S11 = -1.2163050599285651e-09;
    static final double S12 = 8.70381872373688e-11;
    static final double S13 = -4.222938901234769e-12;

    // e^(z²) erfc z = P(u), u = 1/(min(|z|, 6) + 2) − 1/4, on |z| ≥ 1: P = T0 + T1 u + … + T13 u¹³
    static final double T0 = 0.25539567631050575;
    static final double T1 = 1.7087433896558333;
    static final double T2 = 3.8665311078793234;
    static final double T3 = 5.054629185015865;
    static final double T4 = 0.9556204557529271;
    static final double T5 = -7.165400846225166;
    static final double T6 = -3.4698985587860536;
    static final double T7 = 16.088730329118064;
    static final double T8 = 2.8540560093789327;
    static final double T9 = -45.71020099973256;
    static final double T10 = 29.01217091817936;
    static final double T11 = 114.58773153020239;
    static final double T12 = -245.39369817775236;
    static final double T13 = 110.50858914132021;

    /** Creates the (stateless) activation. */
    public Erf() {
    }

    @Override
    public double value(double z) {
        // σ(z) = erf z; the tail needs e^(−z²), the others do not
        return erf(z, Math.abs(z) >= TAIL_FROM ? ScalarMath.expNonPositive(-z * z) : 0);
    }

    @Override
    public double derivative(double z) {
        // σ'(z) = 2/√π·exp(−z²)
        return TWO_OVER_SQRT_PI * ScalarMath.expNonPositive(-z * z);
    }

    @Override
    public double secondDerivative(double z) {
        // σ''(z) = −2z·2/√π·exp(−z²)
        return -2 * z * (TWO_OVER_SQRT_PI * ScalarMath.expNonPositive(-z * z));
    }

    @Override
    public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
        if (VectorSupport.enabled()) {
            VectorPasses.erf(z, value, derivative, from, to);
        } else {
            scalarPass(z, value, derivative, from, to);
        }
    }

    /** The scalar pass over [from, to), which the SIMD pass repeats lane by lane (and uses for its tail). */
    static void scalarPass(double[] z, double[] value, double[] derivative, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            // g = exp(−z²), shared: σ = erf z (uses g where |z| ≥ 1), σ' = 2/√π·g
            double g = ScalarMath.expNonPositive(-zi * zi);
            value[i] = erf(zi, g);
            derivative[i] = TWO_OVER_SQRT_PI * g;
        }
    }

    /**
     * erf x, with e^(−x²) supplied by the caller.
     *
     * @param x the argument
     * @param gaussian {@code ScalarMath.expNonPositive(-x * x)}; read only where |x| ≥ 1
     */
    static double erf(double x, double gaussian) {
        double ax = Math.abs(x);
        double r;
        if (ax < TAIL_FROM) {
            // erf|x| = |x| + |x|·P(x²), one rounding (subnormal |x| included)
            r = Math.fma(ax, smallPolynomial(x * x), ax);
        } else {
            // and NaN: erf|x| = 1 − e^(−x²)(1 + ρ − ε)·P(u), u = 1/d − 1/4, d = min(|x|, 6) + 2
            double xc = Math.min(ax, SATURATED_FROM);
            double d = xc + TAIL_OFFSET;
            double u = 1 / d - TAIL_SHIFT;
            // c = ρ − ε: ρ = 1 − (u + 1/4)·d (the quotient's rounding), ε = xc² − fl(xc²)
            double c = Math.fma(u + TAIL_SHIFT, -d, 1) - Math.fma(xc, xc, -(xc * xc));
            r = Math.fma(-Math.fma(gaussian, c, gaussian), tailPolynomial(u), 1);
        }
        return Math.copySign(r, x);
    }

    /** P(t) = S0 + S1 t + … + S13 t¹³ by Horner's rule, t = x². */
    static double smallPolynomial(double t) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(S13, t, S12), t, S11), t, S10), t, S9), t, S8), t, S7), t, S6), t, S5), t, S4), t, S3), t, S2), t, S1), t, S0);
    }

    /** P(u) = T0 + T1 u + … + T13 u¹³ by Horner's rule. */
    static double tailPolynomial(double u) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(T13, u, T12), u, T11), u, T10), u, T9), u, T8), u, T7), u, T6), u, T5), u, T4), u, T3), u, T2), u, T1), u, T0);
    }
}
