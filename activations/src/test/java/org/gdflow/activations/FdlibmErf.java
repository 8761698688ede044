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

/**
 * FDLIBM's erf (SunPro s_erf.c) as gdflow's earlier releases computed it, with {@link Math#exp} and Horner's
 * rule without fused multiply-adds: the independent reference of {@link ActivationSweepTest}, and the
 * edges of its ranges, where the sweep samples densely.
 */
final class FdlibmErf {
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


    private FdlibmErf() {
    }

    /** FDLIBM's erf as the previous release computed it (Math.exp, Horner without fma); σ' = 2/√π Math.exp(−z²). */
    static void erf(double x, double[] out) {
        out[1] = TWO_OVER_SQRT_PI * Math.exp(-x * x);
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            out[0] = x;
        } else if (ax < SMALL) {
            if (ax < TINY) {
                out[0] = ax < SUBNORMAL_EDGE ? 0.125 * (8.0 * x + EFX8 * x) : x + EFX * x;
                return;
            }
            double zz = x * x;
            double r = PP0 + zz * (PP1 + zz * (PP2 + zz * (PP3 + zz * PP4)));
            double s = 1.0 + zz * (QQ1 + zz * (QQ2 + zz * (QQ3 + zz * (QQ4 + zz * QQ5))));
            out[0] = x + x * (r / s);
        } else if (ax < TAIL_FROM) {
            double s = ax - 1.0;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            out[0] = x >= 0 ? ERX + p / q : -ERX - p / q;
        } else if (ax >= SATURATED_FROM) {
            out[0] = x >= 0 ? 1.0 : -1.0;
        } else {
            double s = 1.0 / (ax * ax);
            double r;
            double q;
            if (ax < FAR_TAIL_FROM) {
                r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
                q = 1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7
                        + s * SA8)))))));
            } else {
                r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
                q = 1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
            }
            double erfc = Math.exp(-x * x) * Math.exp(r / q - 0.5625) / ax;
            out[0] = x >= 0 ? 1.0 - erfc : erfc - 1.0;
        }
    }
}
