package org.gdflow.activations;

/**
 * The elementary functions of the built-in activations, in scalar code that {@link VectorMath} repeats
 * operation for operation on SIMD lanes, so that the scalar and the vector passes agree bit for bit.
 *
 * <p>exp by Cody–Waite range reduction and a polynomial: {@code x = k ln2 + r} with k = round(x/ln2)
 * and |r| ≤ ln2/2 (ln2 split into a 32-bit head and a tail, so k·ln2_hi is exact), then
 * {@code e^r − 1 = r + r² q(r)} with q the degree-9 minimax polynomial E2..E11 ({@link #expm1Reduced}, fitted by
 * {@code activations/tools/exp_fit.py}: 0.12·2⁻⁵³ relative to e^r) in fused multiply-adds, its even and odd parts each
 * by Horner's rule in r², and {@code e^x = 2^k (1 + (e^r − 1))} as one fused multiply-add. For x ≤ 0
 * ({@link #expNonPositive}, measured within 0.93 ulp of e^x; every activation's exp) 2^(k+64) is built instead,
 * normal down to k = −1076, and the result scaled by 2⁻⁶⁴ once, which reaches the subnormal results with one rounding.
 *
 * <p>log(1 + e) for e in [0, 1] ({@link #log1p}, softplus's) without range reduction: 2 atanh(s) with
 * s = e/(2 + e) ≤ 1/3, as e − s(e − s² P(s²)) with a minimax polynomial P.
 *
 * <p>k is found without a conversion instruction: {@code fma(x, 1/ln2, 1.5·2⁵²)} rounds x/ln2 to an
 * integer in the low bits of the sum ({@link #shifted}), and 2^k is built from those bits ({@link #expTimes2p64},
 * {@link #halfPow2}).
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
    /** SHIFT − 60: caps k at −60 where (e^x − 1)/2 rounds to −1/2 anyway. */
    static final double SHIFT_MINUS_60 = SHIFT - 60;

    /**
     * e^r − 1 = r + r² q(r) with q of degree 9, the weighted minimax polynomial on |r| ≤ ln2/2 for the relative error
     * of e^r − 1 (activations/tools/exp_fit.py: 0.31·2⁻⁵³ |e^r − 1| with the coefficients rounded to double,
     * 0.12·2⁻⁵³ e^r), for {@link #expm1Reduced} (two fused multiply-adds fewer than the Taylor terms to 1/13!).
     */
    static final double E2 = 0x1.0000000000005p-1;
    static final double E3 = 0x1.5555555555539p-3;
    static final double E4 = 0x1.55555555522b9p-5;
    static final double E5 = 0x1.1111111118fa2p-7;
    static final double E6 = 0x1.6c16c17edb35cp-10;
    static final double E7 = 0x1.a01a01751800dp-13;
    static final double E8 = 0x1.a019a770e0410p-16;
    static final double E9 = 0x1.71de880047ccfp-19;
    static final double E10 = 0x1.28a1de332fb0cp-22;
    static final double E11 = 0x1.ae6bb05cb7258p-26;

    /**
     * log1p's P(y) = (e − (e − log(1 + e))/s)/y with s = e/(2 + e), y = s² ∈ [0, 1/9] (e ∈ [0, 1]): P(y) =
     * Σ 2y^k/(2k + 3) = 2/3 + 2y/5 + …, here the degree-9 minimax polynomial (Remez in 60 digits, for the
     * relative error of log(1 + e): below 4.8e-18), coefficients rounded to double.
     */
    static final double LP0 = 0x1.5555555555555p-1;
    static final double LP1 = 0x1.999999999a455p-2;
    static final double LP2 = 0x1.24924923cd3a0p-2;
    static final double LP3 = 0x1.c71c727660741p-3;
    static final double LP4 = 0x1.745cefc3ca7c0p-3;
    static final double LP5 = 0x1.3b18cab10cb31p-3;
    static final double LP6 = 0x1.10ab0535fc9ecp-3;
    static final double LP7 = 0x1.ebaa07be29ed8p-4;
    static final double LP8 = 0x1.67ff27128ae42p-4;
    static final double LP9 = 0x1.4b858637b2603p-3;

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

    /**
     * e^r − 1 for |r| ≤ ln2/2: r + r² q with q = E2 + E3 r + … + E11 r⁹, the degree-9 minimax polynomial, split into
     * its even and odd parts, each by Horner's rule in r² (two independent chains of four fused multiply-adds instead
     * of one of nine: a shorter dependency chain for the SIMD passes).
     */
    static double expm1Reduced(double r) {
        double r2 = r * r;
        // q = (E2 + E4 r² + … + E10 r⁸) + r(E3 + E5 r² + … + E11 r⁸)
        double even = Math.fma(Math.fma(Math.fma(Math.fma(r2, E10, E8), r2, E6), r2, E4), r2, E2);
        double odd = Math.fma(Math.fma(Math.fma(Math.fma(r2, E11, E9), r2, E7), r2, E5), r2, E3);
        double q = Math.fma(odd, r, even);
        // e^r − 1 = r + r² q
        return Math.fma(r2, q, r);
    }

    /** 2^(k−1) from SHIFT + k, for k in [−1021, 1024]: the exponent field k − 1 + 1023, shifted into place. */
    static double halfPow2(double shifted) {
        // the low bits of SHIFT + k hold k; the higher bits of SHIFT fall off the left
        return Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1022) << 52);
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

    /** e^x for x ≤ 0 (and NaN): 0 below −746; within 1 ulp ({@link #expNonPositive(double, double)} on {@link #expm1Reduced}). */
    static double expNonPositive(double x) {
        // x clamped at −746 (e^x is 0 below); NaN stays NaN
        double xc = Math.max(x, EXP_MIN);
        double shifted = shifted(xc);
        return expNonPositive(shifted, expm1Reduced(reduced(xc, shifted)));
    }

    /**
     * (e^x − 1)/2 = 2^(k−1) p + (2^(k−1) − 1/2) from SHIFT + k and p = e^r − 1, one rounding (half of e^x − 1 rounded
     * once, the same bits scaled by 1/2); k capped at −60, where the result rounds to −1/2.
     */
    static double halfExpm1(double shifted, double p) {
        double h = halfPow2(Math.max(shifted, SHIFT_MINUS_60));
        // (e^x − 1)/2 = 2^(k−1) p + (2^(k−1) − 1/2), 2^(k−1) − 1/2 exact for −60 ≤ k ≤ 0
        return Math.fma(h, p, h - 0.5);
    }

    /**
     * log(1 + e) for e in [0, 1] (and NaN), within 1.1 ulp (1.06 measured on 1.3·10⁵ arguments against
     * 40 digits, 0.90 on the test's grid): with s = e/(2 + e), log(1 + e) = 2 atanh(s) = 2s + 2s³/3 + … and
     * e = 2s + s e, so log(1 + e) = e − s(e − s² P(s²)), P in fused multiply-adds as its even and odd parts in
     * y² (ten operations, a chain of six). One division and no range reduction; the leading term e is exact and
     * the two roundings in s are scaled by (e − log(1 + e))/log(1 + e) ≤ 0.45. Computed with −s = e/(−2 − e)
     * and −P's coefficients, which gives the same bits as s and P with two negations fewer. Exact at +0, on the
     * subnormals and at 1 (ln 2).
     */
    static double log1p(double e) {
        // −s = e/(−2 − e) (exactly −(e/(2 + e)): the roundings are symmetric), y = s²
        double minusS = e / (-2 - e);
        double y = minusS * minusS;
        // −P(y) = (−LP0 − LP2 y² − … − LP8 y⁸) + y(−LP1 − LP3 y² − … − LP9 y⁸), even and odd parts by Horner's rule in y²
        double y2 = y * y;
        double even = Math.fma(Math.fma(Math.fma(Math.fma(y2, -LP8, -LP6), y2, -LP4), y2, -LP2), y2, -LP0);
        double odd = Math.fma(Math.fma(Math.fma(Math.fma(y2, -LP9, -LP7), y2, -LP5), y2, -LP3), y2, -LP1);
        double minusP = Math.fma(odd, y, even);
        // log(1 + e) = e − s(e − y P(y)) = fma(−s, fma(y, −P, e), e)
        return Math.fma(minusS, Math.fma(y, minusP, e), e);
    }
}
