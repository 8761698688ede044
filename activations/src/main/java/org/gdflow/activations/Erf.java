/*
 * The value of erf below follows s_erf.c of FDLIBM 5.3 (coefficients as in FreeBSD
 * lib/msun/src/s_erf.c and musl src/math/erf.c), under this notice:
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
 * <p>The value is FDLIBM's (SunPro s_erf.c): rational approximations on |z| in [0, 0.84375],
 * [0.84375, 1.25], [1.25, 1/0.35] and [1/0.35, 6], ±1 beyond, within an ulp of the true value (the
 * polynomials evaluated with fused multiply-adds). On [1.25, 6) it reads erf z = 1 − e^(−z²)·e^(R/S − 0.5625)/|z|
 * (sign restored), so that {@link #evaluate} shares the one e^(−z²) ({@link ScalarMath#expNonPositive})
 * between value and derivative; there R(s)/S(s), s = 1/z², is evaluated as y·R̃(y)/S̃(y) in y = z² (the
 * coefficients in reverse order), so that one division 1/(S̃·|z|) gives both R/S and 1/|z|, and
 * e^(R/S − 0.5625) is a Taylor polynomial about the middle of its short range ({@link #tailFactor}).
 * {@link #evaluate} takes the SIMD pass ({@link VectorPasses#erf}) when {@link VectorSupport} allows it,
 * with the same results bit for bit (each lane runs the branch its argument selects).
 */
public final class Erf implements Activation {
    /** 2/√π. */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** Below this |z| (high word 0x00800000, 2⁻¹⁰¹⁵) the tiny branch scales by 8 to keep its last bits. */
    static final double SUBNORMAL_EDGE = 0x1p-1015;
    /** Below this |z| (high word 0x3e300000, 2⁻²⁸) erf z = z + (2/√π − 1)z. */
    static final double TINY = 0x1p-28;
    /** End of the first rational branch: |z| &lt; 0.84375 (high word 0x3feb0000). */
    static final double SMALL = 0.84375;
    /** Where the erfc-based branch starts: |z| ≥ 1.25 (high word 0x3ff40000). */
    static final double TAIL_FROM = 1.25;
    /** Where the erfc branch switches its coefficients: |z| ≥ 1/0.35 (high word 0x4006db6e). */
    static final double FAR_TAIL_FROM = 2.8571434020996094;
    /** Where erf rounds to ±1: |z| ≥ 6 (high word 0x40180000). */
    static final double SATURATED_FROM = 6;

    /** erx = (float) 0.84506291151, erf(1) rounded to single precision. */
    static final double ERX = 8.45062911510467529297e-01; /* 0x3FEB0AC1, 0x60000000 */
    /** efx = 2/√π − 1, for |z| &lt; 2⁻²⁸. */
    static final double EFX = 1.28379167095512586316e-01; /* 0x3FC06EBA, 0x8214DB69 */
    /** efx8 = 8 efx, for the (sub)normal-boundary |z|. */
    static final double EFX8 = 1.02703333676410069053e+00; /* 0x3FF06EBA, 0x8214DB69 */

    // erf on [0, 0.84375]: erf z = z + z·P(z²)/Q(z²)
    static final double PP0 = 1.28379167095512558561e-01; /* 0x3FC06EBA, 0x8214DB68 */
    static final double PP1 = -3.25042107247001499370e-01; /* 0xBFD4CD7D, 0x691CB913 */
    static final double PP2 = -2.84817495755985104766e-02; /* 0xBF9D2A51, 0xDBD7194F */
    static final double PP3 = -5.77027029648944159157e-03; /* 0xBF77A291, 0x236668E4 */
    static final double PP4 = -2.37630166566501626084e-05; /* 0xBEF8EAD6, 0x120016AC */
    static final double QQ1 = 3.97917223959155352819e-01; /* 0x3FD97779, 0xCDDADC09 */
    static final double QQ2 = 6.50222499887672944485e-02; /* 0x3FB0A54C, 0x5536CEBA */
    static final double QQ3 = 5.08130628187576562776e-03; /* 0x3F74D022, 0xC4D36B0F */
    static final double QQ4 = 1.32494738004321644526e-04; /* 0x3F215DC9, 0x221C1A10 */
    static final double QQ5 = -3.96022827877536812320e-06; /* 0xBED09C43, 0x42A26120 */

    // erf on [0.84375, 1.25]: erf z = erx + P1(s)/Q1(s), s = |z| − 1
    static final double PA0 = -2.36211856075265944077e-03; /* 0xBF6359B8, 0xBEF77538 */
    static final double PA1 = 4.14856118683748331666e-01; /* 0x3FDA8D00, 0xAD92B34D */
    static final double PA2 = -3.72207876035701323847e-01; /* 0xBFD7D240, 0xFBB8C3F1 */
    static final double PA3 = 3.18346619901161753674e-01; /* 0x3FD45FCA, 0x805120E4 */
    static final double PA4 = -1.10894694282396677476e-01; /* 0xBFBC6398, 0x3D3E28EC */
    static final double PA5 = 3.54783043256182359371e-02; /* 0x3FA22A36, 0x599795EB */
    static final double PA6 = -2.16637559486879084300e-03; /* 0xBF61BF38, 0x0A96073F */
    static final double QA1 = 1.06420880400844228286e-01; /* 0x3FBB3E66, 0x18EEE323 */
    static final double QA2 = 5.40397917702171048937e-01; /* 0x3FE14AF0, 0x92EB6F33 */
    static final double QA3 = 7.18286544141962662868e-02; /* 0x3FB2635C, 0xD99FE9A7 */
    static final double QA4 = 1.26171219808761642112e-01; /* 0x3FC02660, 0xE763351F */
    static final double QA5 = 1.36370839120290507362e-02; /* 0x3F8BEDC2, 0x6B51DD1C */
    static final double QA6 = 1.19844998467991074170e-02; /* 0x3F888B54, 0x5735151D */

    // erfc on [1.25, 1/0.35]: erfc z = e^(−z² − 0.5625 + R1(s)/S1(s))/z, s = 1/z²
    static final double RA0 = -9.86494403484714822705e-03; /* 0xBF843412, 0x600D6435 */
    static final double RA1 = -6.93858572707181764372e-01; /* 0xBFE63416, 0xE4BA7360 */
    static final double RA2 = -1.05586262253232909814e+01; /* 0xC0251E04, 0x41B0E726 */
    static final double RA3 = -6.23753324503260060396e+01; /* 0xC04F300A, 0xE4CBA38D */
    static final double RA4 = -1.62396669462573470355e+02; /* 0xC0644CB1, 0x84282266 */
    static final double RA5 = -1.84605092906711035994e+02; /* 0xC067135C, 0xEBCCABB2 */
    static final double RA6 = -8.12874355063065934246e+01; /* 0xC0545265, 0x57E4D2F2 */
    static final double RA7 = -9.81432934416914548592e+00; /* 0xC023A0EF, 0xC69AC25C */
    static final double SA1 = 1.96512716674392571292e+01; /* 0x4033A6B9, 0xBD707687 */
    static final double SA2 = 1.37657754143519042600e+02; /* 0x4061350C, 0x526AE721 */
    static final double SA3 = 4.34565877475229228821e+02; /* 0x407B290D, 0xD58A1A71 */
    static final double SA4 = 6.45387271733267880336e+02; /* 0x40842B19, 0x21EC2868 */
    static final double SA5 = 4.29008140027567833386e+02; /* 0x407AD021, 0x57700314 */
    static final double SA6 = 1.08635005541779435134e+02; /* 0x405B28A3, 0xEE48AE2C */
    static final double SA7 = 6.57024977031928170135e+00; /* 0x401A47EF, 0x8E484A93 */
    static final double SA8 = -6.04244152148580987438e-02; /* 0xBFAEEFF2, 0xEE749A62 */

    // erfc on [1/0.35, 28]: erfc z = e^(−z² − 0.5625 + R2(s)/S2(s))/z, s = 1/z²
    static final double RB0 = -9.86494292470009928597e-03; /* 0xBF843412, 0x39E86F4A */
    static final double RB1 = -7.99283237680523006574e-01; /* 0xBFE993BA, 0x70C285DE */
    static final double RB2 = -1.77579549177547519889e+01; /* 0xC031C209, 0x555F995A */
    static final double RB3 = -1.60636384855821916062e+02; /* 0xC064145D, 0x43C5ED98 */
    static final double RB4 = -6.37566443368389627722e+02; /* 0xC083EC88, 0x1375F228 */
    static final double RB5 = -1.02509513161107724954e+03; /* 0xC0900461, 0x6A2E5992 */
    static final double RB6 = -4.83519191608651397019e+02; /* 0xC07E384E, 0x9BDC383F */
    static final double SB1 = 3.03380607434824582924e+01; /* 0x403E568B, 0x261D5190 */
    static final double SB2 = 3.25792512996573918826e+02; /* 0x40745CAE, 0x221B9F0A */
    static final double SB3 = 1.53672958608443695994e+03; /* 0x409802EB, 0x189D5118 */
    static final double SB4 = 3.19985821950859553908e+03; /* 0x40A8FFB7, 0x688C246A */
    static final double SB5 = 2.55305040643316442583e+03; /* 0x40A3F219, 0xCEDF3BE6 */
    static final double SB6 = 4.74528541206955367215e+02; /* 0x407DA874, 0xE79FE763 */
    static final double SB7 = -2.24409524465858183362e+01; /* 0xC03670E2, 0x42712D62 */

    /** The centre c of {@link #tailFactor}'s range of R/S. */
    static final double TAIL_CENTRE = -0.1189;
    // e^(c − 0.5625)/k! for k = 0..10, correctly rounded (40-digit arithmetic)
    static final double TAIL_E0 = 0.5059082248293185;
    static final double TAIL_E1 = 0.5059082248293185;
    static final double TAIL_E2 = 0.25295411241465926;
    static final double TAIL_E3 = 0.08431803747155309;
    static final double TAIL_E4 = 0.02107950936788827;
    static final double TAIL_E5 = 0.004215901873577655;
    static final double TAIL_E6 = 0.0007026503122629424;
    static final double TAIL_E7 = 0.0001003786160375632;
    static final double TAIL_E8 = 1.25473270046954e-05;
    static final double TAIL_E9 = 1.3941474449661555e-06;
    static final double TAIL_E10 = 1.3941474449661556e-07;

    /** Creates the (stateless) activation. */
    public Erf() {
    }

    @Override
    public double value(double z) {
        // σ(z) = erf z; the tail branch needs e^(−z²), the others do not
        double a = Math.abs(z);
        return erf(z, a >= TAIL_FROM && a < SATURATED_FROM ? ScalarMath.expNonPositive(-z * z) : 0);
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
            // g = exp(−z²), shared: σ = erf z (uses g on 1.25 ≤ |z| < 6), σ' = 2/√π·g
            double g = ScalarMath.expNonPositive(-zi * zi);
            value[i] = erf(zi, g);
            derivative[i] = TWO_OVER_SQRT_PI * g;
        }
    }

    /**
     * erf x by FDLIBM's s_erf.c, with e^(−x²) supplied by the caller.
     *
     * @param x the argument
     * @param gaussian {@code ScalarMath.exp(-x * x)}; read only where 1.25 ≤ |x| &lt; 6
     */
    static double erf(double x, double gaussian) {
        double ax = Math.abs(x);
        if (ax < SMALL) {
            if (ax < TINY) {
                // |x| < 2⁻²⁸: erf x = x + (2/√π − 1)x, the next term 2⁻⁵⁶ relative; scaled by 8 near underflow
                if (ax < SUBNORMAL_EDGE) {
                    return 0.125 * (8.0 * x + EFX8 * x);
                }
                return x + EFX * x;
            }
            return erfSmall(x);
        }
        if (ax < TAIL_FROM) {
            return erfMiddle(x, ax);
        }
        if (ax < SATURATED_FROM) {
            // R/S = y·R̃(y)/S̃(y) with y = x², and 1/|x|, from the one quotient q = 1/(S̃·|x|)
            double y = x * x;
            boolean far = ax >= FAR_TAIL_FROM;
            double numerator = far ? tailFarNumerator(y) : tailNearNumerator(y);
            double denominator = far ? tailFarDenominator(y) : tailNearDenominator(y);
            double q = 1.0 / (denominator * ax);
            // erf x = ±(1 − erfc|x|), erfc|x| = e^(−x²)·e^(R/S − 0.5625)·(1/|x|), 1/|x| = S̃·q, R/S = R̃·(y|x|)·q
            double erfc = gaussian * tailFactor(numerator * (y * ax) * q) * (denominator * q);
            return x >= 0 ? 1.0 - erfc : erfc - 1.0;
        }
        if (ax >= SATURATED_FROM) {
            // |x| ≥ 6 and ±∞: erf x = ±1 to rounding (erfc 6 ≈ 2e-17)
            return Math.copySign(1.0, x);
        }
        // NaN
        return x;
    }

    /** 2⁻²⁸ ≤ |x| &lt; 0.84375: erf x = x + x·P(x²)/Q(x²). */
    static double erfSmall(double x) {
        double zz = x * x;
        double r = Math.fma(zz, Math.fma(zz, Math.fma(zz, Math.fma(zz, PP4, PP3), PP2), PP1), PP0);
        double s = Math.fma(zz, Math.fma(zz, Math.fma(zz, Math.fma(zz, Math.fma(zz, QQ5, QQ4), QQ3), QQ2), QQ1), 1.0);
        return Math.fma(x, r / s, x);
    }

    /** 0.84375 ≤ |x| &lt; 1.25: erf x = ±(erx + P1(s)/Q1(s)), s = |x| − 1. */
    static double erfMiddle(double x, double ax) {
        double s = ax - 1.0;
        double p = Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, PA6, PA5), PA4), PA3), PA2), PA1), PA0);
        double q = Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, Math.fma(s, QA6, QA5), QA4), QA3), QA2), QA1), 1.0);
        double v = ERX + p / q;
        return x >= 0 ? v : -v;
    }

    /** R̃1(y) = y⁷·R1(1/y)/y = RA0 y⁷ + RA1 y⁶ + … + RA7 on [1.25, 1/0.35] (y = x²), so that R1(1/y) = y·R̃1(y)/y⁸. */
    static double tailNearNumerator(double y) {
        return Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, RA0, RA1), RA2), RA3), RA4),
                RA5), RA6), RA7);
    }

    /** S̃1(y) = y⁸·S1(1/y) = y⁸ + SA1 y⁷ + … + SA8 on [1.25, 1/0.35]. */
    static double tailNearDenominator(double y) {
        return Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, 1.0, SA1), SA2),
                SA3), SA4), SA5), SA6), SA7), SA8);
    }

    /** R̃2(y) = y⁶·R2(1/y)/y = RB0 y⁶ + RB1 y⁵ + … + RB6 on [1/0.35, 6). */
    static double tailFarNumerator(double y) {
        return Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, RB0, RB1), RB2), RB3), RB4), RB5), RB6);
    }

    /** S̃2(y) = y⁷·S2(1/y) = y⁷ + SB1 y⁶ + … + SB7 on [1/0.35, 6). */
    static double tailFarDenominator(double y) {
        return Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, Math.fma(y, 1.0, SB1), SB2), SB3), SB4),
                SB5), SB6), SB7);
    }

    /**
     * e^(R/S − 0.5625) for R/S in FDLIBM's tail range [−0.2145, −0.0233] (on 1.25 ≤ |x| &lt; 6): e^(c − 0.5625)·e^v with
     * v = R/S − c, c = {@link #TAIL_CENTRE}, |v| ≤ 0.096, by the Taylor series of e^v to v¹⁰ (remainder below
     * 0.11¹¹/11! = 7e-19 relative even at |v| = 0.11), the factor e^(c − 0.5625) folded into the coefficients.
     */
    static double tailFactor(double ratio) {
        // v = R/S − c; e^(R/S − 0.5625) = Σ_k e^(c − 0.5625)/k!·v^k by Horner's rule, k = 10 down to 0
        double v = ratio - TAIL_CENTRE;
        double p = Math.fma(v, Math.fma(v, Math.fma(v, Math.fma(v, Math.fma(v, TAIL_E10, TAIL_E9), TAIL_E8), TAIL_E7), TAIL_E6),
                TAIL_E5);
        return Math.fma(v, Math.fma(v, Math.fma(v, Math.fma(v, Math.fma(v, p, TAIL_E4), TAIL_E3), TAIL_E2), TAIL_E1), TAIL_E0);
    }
}
