package org.gdflow.activations;

import static org.gdflow.activations.ScalarMath.E2;
import static org.gdflow.activations.ScalarMath.E3;
import static org.gdflow.activations.ScalarMath.E4;
import static org.gdflow.activations.ScalarMath.E5;
import static org.gdflow.activations.ScalarMath.E6;
import static org.gdflow.activations.ScalarMath.E7;
import static org.gdflow.activations.ScalarMath.E8;
import static org.gdflow.activations.ScalarMath.E9;
import static org.gdflow.activations.ScalarMath.E10;
import static org.gdflow.activations.ScalarMath.E11;
import static org.gdflow.activations.ScalarMath.EXP_MIN;
import static org.gdflow.activations.ScalarMath.INV_LN2;
import static org.gdflow.activations.ScalarMath.LN2_HI;
import static org.gdflow.activations.ScalarMath.LN2_LO;
import static org.gdflow.activations.ScalarMath.LP0;
import static org.gdflow.activations.ScalarMath.LP1;
import static org.gdflow.activations.ScalarMath.LP2;
import static org.gdflow.activations.ScalarMath.LP3;
import static org.gdflow.activations.ScalarMath.LP4;
import static org.gdflow.activations.ScalarMath.LP5;
import static org.gdflow.activations.ScalarMath.LP6;
import static org.gdflow.activations.ScalarMath.LP7;
import static org.gdflow.activations.ScalarMath.LP8;
import static org.gdflow.activations.ScalarMath.LP9;
import static org.gdflow.activations.ScalarMath.SHIFT;
import static org.gdflow.activations.ScalarMath.SHIFT_MINUS_60;
import static org.gdflow.activations.ScalarMath.BIAS_PLUS_64;
import static org.gdflow.activations.ScalarMath.TWO_M64;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarMath} on SIMD lanes: every method performs, lane by lane, the same IEEE operations in
 * the same order as its scalar namesake (fused multiply-adds where the scalar code calls
 * {@link Math#fma}), so the results agree bit for bit. Loaded only when
 * {@link org.gdflow.api.VectorSupport#enabled()}: it links against {@code jdk.incubator.vector}.
 */
final class VectorMath {
    /** The preferred shape: 4 lanes of double with AVX2, 8 with AVX-512. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** The coefficients as vectors, broadcast once (fewer nodes for the JIT's inlining budget). */
    private static final DoubleVector V_E2 = DoubleVector.broadcast(SPECIES, E2);
    private static final DoubleVector V_E3 = DoubleVector.broadcast(SPECIES, E3);
    private static final DoubleVector V_E4 = DoubleVector.broadcast(SPECIES, E4);
    private static final DoubleVector V_E5 = DoubleVector.broadcast(SPECIES, E5);
    private static final DoubleVector V_E6 = DoubleVector.broadcast(SPECIES, E6);
    private static final DoubleVector V_E7 = DoubleVector.broadcast(SPECIES, E7);
    private static final DoubleVector V_E8 = DoubleVector.broadcast(SPECIES, E8);
    private static final DoubleVector V_E9 = DoubleVector.broadcast(SPECIES, E9);
    private static final DoubleVector V_E10 = DoubleVector.broadcast(SPECIES, E10);
    private static final DoubleVector V_E11 = DoubleVector.broadcast(SPECIES, E11);
    private static final DoubleVector V_INV_LN2 = DoubleVector.broadcast(SPECIES, INV_LN2);
    private static final DoubleVector V_SHIFT = DoubleVector.broadcast(SPECIES, SHIFT);
    private static final DoubleVector V_LN2_HI = DoubleVector.broadcast(SPECIES, LN2_HI);
    private static final DoubleVector V_LN2_LO = DoubleVector.broadcast(SPECIES, LN2_LO);
    private static final DoubleVector V_MINUS_LP0 = DoubleVector.broadcast(SPECIES, -LP0);
    private static final DoubleVector V_MINUS_LP1 = DoubleVector.broadcast(SPECIES, -LP1);
    private static final DoubleVector V_MINUS_LP2 = DoubleVector.broadcast(SPECIES, -LP2);
    private static final DoubleVector V_MINUS_LP3 = DoubleVector.broadcast(SPECIES, -LP3);
    private static final DoubleVector V_MINUS_LP4 = DoubleVector.broadcast(SPECIES, -LP4);
    private static final DoubleVector V_MINUS_LP5 = DoubleVector.broadcast(SPECIES, -LP5);
    private static final DoubleVector V_MINUS_LP6 = DoubleVector.broadcast(SPECIES, -LP6);
    private static final DoubleVector V_MINUS_LP7 = DoubleVector.broadcast(SPECIES, -LP7);
    private static final DoubleVector V_MINUS_LP8 = DoubleVector.broadcast(SPECIES, -LP8);
    private static final DoubleVector V_MINUS_LP9 = DoubleVector.broadcast(SPECIES, -LP9);
    /** −2, for log1p's −2 − e. */
    private static final DoubleVector V_MINUS_TWO = DoubleVector.broadcast(SPECIES, -2.0);
    /** The sign bit of a double. */
    static final long SIGN_BIT = 0x8000_0000_0000_0000L;
    private static final LongVector V_SIGN_BIT = LongVector.broadcast(LongVector.SPECIES_PREFERRED, SIGN_BIT);

    private VectorMath() {
    }

    /** {@link ScalarMath#shifted}. */
    static DoubleVector shifted(DoubleVector x) {
        return x.fma(V_INV_LN2, V_SHIFT);
    }

    /** {@link ScalarMath#reduced}. */
    static DoubleVector reduced(DoubleVector x, DoubleVector shifted) {
        // −k = SHIFT − shifted, exact (one operation instead of a difference and a negation)
        DoubleVector minusK = V_SHIFT.sub(shifted);
        return minusK.fma(V_LN2_LO, minusK.fma(V_LN2_HI, x));
    }

    /** {@link ScalarMath#expm1Reduced}. */
    static DoubleVector expm1Reduced(DoubleVector r) {
        DoubleVector r2 = r.mul(r);
        // q = (E2 + E4 r² + … + E10 r⁸) + r(E3 + E5 r² + … + E11 r⁸)
        DoubleVector even = r2.fma(V_E10, V_E8).fma(r2, V_E6).fma(r2, V_E4).fma(r2, V_E2);
        DoubleVector odd = r2.fma(V_E11, V_E9).fma(r2, V_E7).fma(r2, V_E5).fma(r2, V_E3);
        // e^r − 1 = r + r² q
        return r2.fma(odd.fma(r, even), r);
    }

    /** {@link ScalarMath#halfPow2}. */
    static DoubleVector halfPow2(DoubleVector shifted) {
        return shifted.reinterpretAsLongs().add(1022).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /** {@link ScalarMath#expNonPositive(double, double)}. */
    static DoubleVector expNonPositive(DoubleVector shifted, DoubleVector p) {
        return expTimes2p64(shifted, p).mul(TWO_M64);
    }

    /** {@link ScalarMath#expTimes2p64}. */
    static DoubleVector expTimes2p64(DoubleVector shifted, DoubleVector p) {
        DoubleVector s = shifted.reinterpretAsLongs().add(BIAS_PLUS_64).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return s.fma(p, s);
    }

    /** {@link ScalarMath#expNonPositive(double)}. */
    static DoubleVector expNonPositive(DoubleVector x) {
        DoubleVector xc = x.max(EXP_MIN);
        DoubleVector shifted = shifted(xc);
        return expNonPositive(shifted, expm1Reduced(reduced(xc, shifted)));
    }

    /** {@link ScalarMath#halfExpm1}. */
    static DoubleVector halfExpm1(DoubleVector shifted, DoubleVector p) {
        DoubleVector h = halfPow2(shifted.max(SHIFT_MINUS_60));
        return h.fma(p, h.sub(0.5));
    }

    /** {@link ScalarMath#log1p}. */
    static DoubleVector log1p(DoubleVector e) {
        // −s = e/(−2 − e), y = s²
        DoubleVector minusS = e.div(V_MINUS_TWO.sub(e));
        DoubleVector y = minusS.mul(minusS);
        // −P(y) = (−LP0 − LP2 y² − … − LP8 y⁸) + y(−LP1 − LP3 y² − … − LP9 y⁸), even and odd parts by Horner's rule in y²
        DoubleVector y2 = y.mul(y);
        DoubleVector even = y2.fma(V_MINUS_LP8, V_MINUS_LP6).fma(y2, V_MINUS_LP4).fma(y2, V_MINUS_LP2).fma(y2, V_MINUS_LP0);
        DoubleVector odd = y2.fma(V_MINUS_LP9, V_MINUS_LP7).fma(y2, V_MINUS_LP5).fma(y2, V_MINUS_LP3).fma(y2, V_MINUS_LP1);
        DoubleVector minusP = odd.fma(y, even);
        // log(1 + e) = e − s(e − y P(y))
        return minusS.fma(y.fma(minusP, e), e);
    }

    /**
     * Math.copySign(−negative, sign) lane by lane for a negative {@code negative} (sign bit set): its sign
     * bit flipped where {@code sign}'s is clear, one and-not and one exclusive or.
     */
    static DoubleVector copySignOfNegation(DoubleVector negative, DoubleVector sign) {
        return negative.reinterpretAsLongs().lanewise(VectorOperators.XOR, V_SIGN_BIT.lanewise(VectorOperators.AND_NOT, sign.reinterpretAsLongs()))
                .reinterpretAsDoubles();
    }

    /** −|x| lane by lane (as -Math.abs(x), NaN payloads included): the sign bit set, one or. */
    static DoubleVector negativeAbs(DoubleVector x) {
        return x.reinterpretAsLongs().or(SIGN_BIT).reinterpretAsDoubles();
    }
}
