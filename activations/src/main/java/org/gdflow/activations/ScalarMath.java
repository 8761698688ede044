package org.gdflow.activations;

/**
 * The elementary functions of the built-in activations, in scalar code that {@link VectorMath} repeats
 * operation for operation on SIMD lanes, so that the scalar and the vector passes agree bit for bit.
 *
 * <p>exp by Cody–Waite range reduction and a polynomial: {@code x = k ln2 + r} with k = round(x/ln2)
 * and |r| ≤ ln2/2 (ln2 split into a 32-bit head and a tail, so k·ln2_hi is exact), then
 * {@code e^r − 1 = r + r²(1/2! + r/3! + … + r¹¹/13!)} by Horner's rule with fused multiply-adds (the
 * Taylor remainder is below 1.2e-17 relative on |r| ≤ ln2/2), and {@code e^x = 2^k (1 + (e^r − 1))}
 * as one fused multiply-add. Within 1 ulp of e^x. For x ≤ 0 ({@link #expNonPositive}) 2^(k+64) is built
 * instead, normal down to k = −1076, and the result scaled by 2⁻⁶⁴ once, which reaches the subnormal
 * results with one rounding.
 *
 * <p>k is found without a conversion instruction: {@code fma(x, 1/ln2, 1.5·2⁵²)} rounds x/ln2 to an
 * integer in the low bits of the sum ({@link #shifted}), and 2^k is built from those bits ({@link #pow2}).
 *
 * <p>Every method needs fused multiply-add in hardware to be fast ({@link Math#fma} is exact everywhere,
 * but a software fallback on a CPU without FMA is slow): every x86-64 CPU since 2013 and every
 * aarch64 CPU has it.
 */
final class ScalarMath {
    /** Below this x, e^x rounds to 0 (e^−746 ≈ 1.3e-324 is less than half the smallest subnormal). */
    static final double EXP_MIN = -746;
    /** 1/ln2. */
    static final double INV_LN2 = 1.44269504088896338700e+00; /* 0x3ff71547, 0x652b82fe */
    /** The head of ln2: 32 significant bits, so k·LN2_HI is exact for |k| &lt; 2²¹. */
    static final double LN2_HI = 6.93147180369123816490e-01; /* 0x3fe62e42, 0xfee00000 */
    /** The tail of ln2: ln2 − LN2_HI. */
    static final double LN2_LO = 1.90821492927058770002e-10; /* 0x3dea39ef, 0x35793c76 */
    /** 1.5·2⁵²: adding it to |v| &lt; 2⁵¹ rounds v to an integer held in the low bits of the sum. */
    static final double SHIFT = 0x1.8p52;
    /** 2⁻⁶⁴: {@link #expNonPositive} builds 2^(k+64), normal for every k ≥ −1076, and scales back by it once. */
    static final double TWO_M64 = 0x1p-64;
    /** The exponent bias plus 64: the bits of 2^(k+64) are (k + 1087) shifted into the exponent field. */
    static final long BIAS_PLUS_64 = 1023 + 64;
    /** SHIFT − 60: caps k at −60 where e^x − 1 rounds to −1 anyway. */
    static final double SHIFT_MINUS_60 = SHIFT - 60;

    /** 1/k! for k = 2..13, correctly rounded. */
    static final double C2 = 0.5;
    static final double C3 = 0.16666666666666666;
    static final double C4 = 0.041666666666666664;
    static final double C5 = 0.008333333333333333;
    static final double C6 = 0.001388888888888889;
    static final double C7 = 0.0001984126984126984;
    static final double C8 = 2.48015873015873e-05;
    static final double C9 = 2.7557319223985893e-06;
    static final double C10 = 2.755731922398589e-07;
    static final double C11 = 2.505210838544172e-08;
    static final double C12 = 2.08767569878681e-09;
    static final double C13 = 1.6059043836821613e-10;

    /** Where log1p's argument is split: √2 − 1, so that the reduced s = f/(2 + f) stays in FDLIBM's |s| ≤ 0.1716. */
    static final double LOG1P_SPLIT = 0.41421356237309515;
    // log(1 + f) = f − hfsq + s(hfsq + R(s²)), s = f/(2 + f): FDLIBM's e_log.c coefficients, |error| < 2^−58.45
    static final double LG1 = 6.666666666666735130e-01; /* 3FE55555 55555593 */
    static final double LG2 = 3.999999999940941908e-01; /* 3FD99999 9997FA04 */
    static final double LG3 = 2.857142874366239149e-01; /* 3FD24924 94229359 */
    static final double LG4 = 2.222219843214978396e-01; /* 3FCC71C5 1D8E78AF */
    static final double LG5 = 1.818357216161805012e-01; /* 3FC74664 96CB03DE */
    static final double LG6 = 1.531383769920937332e-01; /* 3FC39A09 D078C69F */
    static final double LG7 = 1.479819860511658591e-01; /* 3FC2F112 DF3E5244 */

    private ScalarMath() {
    }

    /** SHIFT + k with k = round(x/ln2), for x in [{@link #EXP_MIN}, 710]. */
    static double shifted(double x) {
        // SHIFT + x/ln2, rounded to an integer by the addition
        return Math.fma(x, INV_LN2, SHIFT);
    }

    /** r = x − k ln2 with k = shifted − SHIFT; |r| ≤ ln2/2 to rounding. */
    static double reduced(double x, double shifted) {
        double k = shifted - SHIFT;
        // r = (x − k ln2_hi) − k ln2_lo; the first difference is exact
        return Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, x));
    }

    /** e^r − 1 for |r| ≤ ln2/2: r + r²(1/2! + r(1/3! + … + r·1/13!)). */
    static double expm1Reduced(double r) {
        double q = Math.fma(C13, r, C12);
        q = Math.fma(q, r, C11);
        q = Math.fma(q, r, C10);
        q = Math.fma(q, r, C9);
        q = Math.fma(q, r, C8);
        q = Math.fma(q, r, C7);
        q = Math.fma(q, r, C6);
        q = Math.fma(q, r, C5);
        q = Math.fma(q, r, C4);
        q = Math.fma(q, r, C3);
        q = Math.fma(q, r, C2);
        // e^r − 1 = r + r² q
        return Math.fma(r * r, q, r);
    }

    /** 2^k from SHIFT + k, for k in [−1022, 1023]: the exponent field k + 1023, shifted into place. */
    static double pow2(double shifted) {
        // the low bits of SHIFT + k hold k; the higher bits of SHIFT fall off the left
        return Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023) << 52);
    }

    /** e^x·2⁶⁴ = 2^(k+64)(1 + p) from SHIFT + k and p = e^r − 1, for x ≤ 0 (k ≤ 0): 2^(k+64) is normal down to k = −1076. */
    static double expTimes2p64(double shifted, double p) {
        // 2^(k+64): the low bits of SHIFT + k hold k, the bias 1023 + 64 makes it the exponent field
        double s = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + BIAS_PLUS_64) << 52);
        // e^x·2⁶⁴ = 2^(k+64) + 2^(k+64) p
        return Math.fma(s, p, s);
    }

    /**
     * e^x = {@link #expTimes2p64}·2⁻⁶⁴ for x ≤ 0: one fused multiply-add and one scaling reach the subnormal
     * results, with one rounding there (the same bits as 2^k (1 + p) rounded once, where e^x is normal).
     */
    static double expNonPositive(double shifted, double p) {
        // e^x = (2^(k+64) + 2^(k+64) p)·2⁻⁶⁴
        return expTimes2p64(shifted, p) * TWO_M64;
    }

    /** e^x for x ≤ 0 (and NaN): 0 below −746; within 1 ulp ({@link #expNonPositive(double, double)}). */
    static double expNonPositive(double x) {
        // x clamped at −746 (e^x is 0 below); NaN stays NaN
        double xc = Math.max(x, EXP_MIN);
        double shifted = shifted(xc);
        return expNonPositive(shifted, expm1Reduced(reduced(xc, shifted)));
    }

    /** e^x − 1 = 2^k p + (2^k − 1) from SHIFT + k and p = e^r − 1, one rounding; k capped at −60, where the result rounds to −1. */
    static double expm1(double shifted, double p) {
        double s = pow2(Math.max(shifted, SHIFT_MINUS_60));
        // e^x − 1 = 2^k p + (2^k − 1), 2^k − 1 exact for −60 ≤ k ≤ 0
        return Math.fma(s, p, s - 1);
    }

    /**
     * log(1 + e) for e in [0, 1] (and NaN), within 1 ulp: FDLIBM's s_log1p.c with k ∈ {0, 1}.
     *
     * @param e the argument
     * @param q 1/(1 + e), which the callers have already (it also scales the correction term)
     */
    static double log1p(double e, double q) {
        double u = 1 + e;
        boolean big = e >= LOG1P_SPLIT;
        // 1 + e = 2^k (1 + f): k = 0, f = e; or k = 1, f = u/2 − 1 (exact) with c = (e − (u − 1))/u for the rounding of u
        double f = big ? Math.fma(u, 0.5, -1) : e;
        // k ln2_lo + c: LN2_LO + c where k = 1 (one rounding, as fma(1, LN2_LO, c)), 0 where k = 0
        double lowTerms = big ? LN2_LO + (e - (u - 1)) * q : 0;
        double s = f / (2 + f);
        double z = s * s;
        double w = z * z;
        // R = z(LG1 + w(LG3 + w(LG5 + w LG7))) + w(LG2 + w(LG4 + w LG6)), FDLIBM's split of the even series
        double r = Math.fma(z, Math.fma(w, Math.fma(w, Math.fma(w, LG7, LG5), LG3), LG1),
                w * Math.fma(w, Math.fma(w, LG6, LG4), LG2));
        double hfsq = 0.5 * f * f;
        // log1p = k ln2_hi − ((hfsq − (s(hfsq + R) + (k ln2_lo + c))) − f), k ln2_hi as LN2_HI or 0 (exact)
        return (big ? LN2_HI : 0) - ((hfsq - Math.fma(s, hfsq + r, lowTerms)) - f);
    }
}
