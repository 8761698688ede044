/*
 * The constant erx = (float) erf(1) below is FDLIBM's (SunPro s_erf.c, FDLIBM 5.3), under this notice:
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
package org.gdflow.activations;

import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;

/**
 * The error function σ(z) = erf z = 2/√π ∫₀^z e^(−t²) dt, with σ' = 2/√π·e^(−z²) and σ'' = −2z σ'.
 *
 * <p>The value is a polynomial on each of three ranges of |z|, each minimax-fitted ({@code activations/tools/erf_fit.py}: Lawson
 * iteration, errors weighted in ulp of erf) for this code, and of one common form, erf|z| = A·P(v) + B:
 * <ul>
 * <li>|z| &lt; 0.84375: erf|z| = |z| + |z|·P(z²), P of degree 11 (A = B = |z|);</li>
 * <li>0.84375 ≤ |z| &lt; 1.25: erf|z| = erx + P(|z| − 1), P of degree 13, erx = (float) erf 1 (A = 1, B = erx);</li>
 * <li>|z| ≥ 1.25: erf|z| = 1 − e^(−z²)·P(u), P(u) ≈ e^(z²) erfc z of degree 13 in u = 1/(x + 1/2) − 13/32,
 * x = min(|z|, 6) (A = −e^(−z²)(1 + c), B = 1), where c = ρ − ε corrects the two roundings the tail
 * is most sensitive to: ρ = 1 − (1/(x + 1/2))·(x + 1/2) of the division (P(u)/u ≈ 1 there, so a relative
 * error of the quotient carries over), and ε = x² − fl(x²) of the square inside e^(−z²). From |z| = 6
 * on e^(−z²)·P rounds away against 1 (erfc 6 ≈ 2e-17), up to ±∞, where e^(−z²) = 0.</li>
 * </ul>
 * The sign is copied from z (erf is odd; ±0 stays ±0, NaN stays NaN). Within 0.8 ulp of erf (0.79 measured
 * over 2·10⁵ arguments against 34-digit values), like the FDLIBM code it replaced. {@link #evaluate} shares
 * the one e^(−z²) ({@link ScalarMath#expNonPositive}) between value and derivative, and takes the SIMD
 * pass ({@link VectorPasses#erf}) when {@link VectorSupport} allows it, with the same results bit for bit:
 * there each lane picks its range's coefficients, variable, A and B by bit masks, so one polynomial
 * evaluation serves every lane whatever the mix of ranges in the vector.
 */
public final class Erf implements Activation {
    /** 2/√π. */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** End of the first polynomial: |z| &lt; 0.84375. */
    static final double SMALL = 0.84375;
    /** Where the erfc form starts: |z| ≥ 1.25. */
    static final double TAIL_FROM = 1.25;
    /** Where the tail's variable stops moving: x = min(|z|, 6); erf rounds to ±1 from there on. */
    static final double SATURATED_FROM = 6;
    /** The tail's variable is u = 1/(x + {@value}) − {@link #TAIL_SHIFT}. */
    static final double TAIL_OFFSET = 0.5;
    /** 13/32, inside the range of 1/(x + 1/2) so that u is exact where it matters (Sterbenz). */
    static final double TAIL_SHIFT = 0.40625;

    /** erx = (float) 0.84506291151, erf(1) rounded to single precision. */
    static final double ERX = 8.45062911510467529297e-01; /* 0x3FEB0AC1, 0x60000000 */

    // erf z = z + z·P(z²) on |z| < 0.84375: P = S0 + S1 z² + … + S11 z²²
    static final double S0 = 0.1283791670955126;
    static final double S1 = -0.3761263890318375;
    static final double S2 = 0.11283791670954721;
    static final double S3 = -0.026866170645026107;
    static final double S4 = 0.005223977624026134;
    static final double S5 = -0.0008548326910693061;
    static final double S6 = 0.00012055327276695735;
    static final double S7 = -1.4925459795322188e-05;
    static final double S8 = 1.6457851010180395e-06;
    static final double S9 = -1.6302434917369034e-07;
    static final double S10 = 1.4201705114723635e-08;
    static final double S11 = -8.869802772798279e-10;

    // erf z = erx + P(s), s = |z| − 1, on [0.84375, 1.25): P = M0 + M1 s + … + M13 s¹³
    static final double M0 = -0.0023621185607526603;
    static final double M1 = 0.4151074974205947;
    static final double M2 = -0.4151074974205935;
    static final double M3 = 0.13836916580686281;
    static final double M4 = 0.06918458290294674;
    static final double M5 = -0.06918458290217581;
    static final double M6 = 0.0046123055996243065;
    static final double M7 = 0.01515471789526893;
    static final double M8 = -0.004777035565064742;
    static final double M9 = -0.0018851648779390352;
    static final double M10 = 0.0012264230263524696;
    static final double M11 = 8.460679536838522e-05;
    static final double M12 = -0.0002006708368955604;
    static final double M13 = 3.16183110073829e-05;

    // e^(z²) erfc z = P(u), u = 1/(min(|z|, 6) + 1/2) − 13/32, on |z| ≥ 1.25: P = T0 + T1 u + … + T13 u¹³
    static final double T0 = 0.2595659626339736;
    static final double T1 = 0.6670052980331733;
    static final double T2 = -0.03982535930823616;
    static final double T3 = -0.2137765366743258;
    static final double T4 = 0.18078078841835277;
    static final double T5 = 0.00401080882260915;
    static final double T6 = -0.1877221652610725;
    static final double T7 = 0.2413969794110442;
    static final double T8 = -0.10514622712832548;
    static final double T9 = -0.17829326269567863;
    static final double T10 = 0.4571129624430007;
    static final double T11 = -0.5020786689892367;
    static final double T12 = 0.1580716615748042;
    static final double T13 = 0.22063147973863106;

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
            // g = exp(−z²), shared: σ = erf z (uses g where |z| ≥ 1.25), σ' = 2/√π·g
            double g = ScalarMath.expNonPositive(-zi * zi);
            value[i] = erf(zi, g);
            derivative[i] = TWO_OVER_SQRT_PI * g;
        }
    }

    /**
     * erf x, with e^(−x²) supplied by the caller.
     *
     * @param x the argument
     * @param gaussian {@code ScalarMath.expNonPositive(-x * x)}; read only where |x| ≥ 1.25
     */
    static double erf(double x, double gaussian) {
        double ax = Math.abs(x);
        double r;
        if (ax < SMALL) {
            // erf|x| = |x| + |x|·P(x²), one rounding (subnormal |x| included)
            r = Math.fma(ax, smallPolynomial(x * x), ax);
        } else if (ax < TAIL_FROM) {
            // erf|x| = erx + P(|x| − 1), |x| − 1 exact
            r = ERX + middlePolynomial(ax - 1);
        } else {
            // and NaN: erf|x| = 1 − e^(−x²)(1 + ρ − ε)·P(u), u = 1/d − 13/32, d = min(|x|, 6) + 1/2
            double xc = Math.min(ax, SATURATED_FROM);
            double d = xc + TAIL_OFFSET;
            double u = 1 / d - TAIL_SHIFT;
            // c = ρ − ε: ρ = 1 − (u + 13/32)·d (the quotient's rounding), ε = xc² − fl(xc²)
            double c = Math.fma(u + TAIL_SHIFT, -d, 1) - Math.fma(xc, xc, -(xc * xc));
            r = Math.fma(-Math.fma(gaussian, c, gaussian), tailPolynomial(u), 1);
        }
        return Math.copySign(r, x);
    }

    /** P(t) = S0 + S1 t + … + S11 t¹¹ by Horner's rule, t = x². */
    static double smallPolynomial(double t) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(S11, t, S10), t, S9), t, S8), t, S7), t, S6), t, S5), t, S4), t, S3), t, S2), t, S1), t, S0);
    }

    /** P(s) = M0 + M1 s + … + M13 s¹³ by Horner's rule, s = |x| − 1. */
    static double middlePolynomial(double s) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(M13, s, M12), s, M11), s, M10), s, M9), s, M8), s, M7), s, M6), s, M5), s, M4), s, M3), s, M2), s, M1), s, M0);
    }

    /** P(u) = T0 + T1 u + … + T13 u¹³ by Horner's rule. */
    static double tailPolynomial(double u) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(T13, u, T12), u, T11), u, T10), u, T9), u, T8), u, T7), u, T6), u, T5), u, T4), u, T3), u, T2), u, T1), u, T0);
    }
}
