package org.gdflow.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD code of {@link ElementwisePass#row}, on the JDK Vector API: the prediction's four partial sums
 * d0..d3 in lanes 0..3 of a vector of the preferred shape (the one every other SIMD pass of gdflow uses:
 * a second shape in the same JVM made C2 leave the other passes' vector operations boxed), each lane the
 * same chain of rounded products and additions as the scalar code, so the two agree bit for bit. With
 * 8 lanes, the upper four products of each vector are moved down and added after the lower four (lanes
 * 4..7 of the sums are never read). Load only when {@link VectorSupport#enabled()} and
 * {@link VectorSupport#lanes()} is 4 or 8 ({@link #supports}): it links against {@code jdk.incubator.vector}.
 */
final class VectorRows {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Lanes 4..7 to 0..3 (and 0..3 to 4..7) with 8 lanes; unused with 4. */
    private static final VectorShuffle<Double> UPPER_DOWN = LANES == 8 ? VectorShuffle.fromValues(SPECIES, 4, 5, 6, 7, 0, 1, 2, 3) : null;

    private VectorRows() {
    }

    /** {@link #dot} as a method handle, for {@link ElementwisePass}'s call that C2 does not inline. */
    static MethodHandle dotHandle() {
        try {
            return MethodHandles.lookup().findStatic(VectorRows.class, "dot", MethodType.methodType(double.class,
                    double[].class, double[].class, double[].class, double[].class, int.class, int.class, boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("VectorRows: no dot method", e);
        }
    }

    /** Whether this code runs with the given lanes of the preferred shape: 4 or 8. */
    static boolean supports(int lanes) {
        return lanes == 4 || lanes == 8;
    }

    /**
     * {@code ((d0 + d1) + (d2 + d3))} with {@code d_l = Σ_{r ≡ l mod 4} a_r σ_r} (r ascending, the
     * remainder m mod 4 added to d0), and, with {@code backward}, {@code out[offset + r] = a_r z_r}.
     */
    static double dot(double[] a, double[] sigma, double[] z, double[] out, int offset, int m, boolean backward) {
        DoubleVector sums = DoubleVector.zero(SPECIES);
        int r = 0;
        for (; r + LANES <= m; r += LANES) {
            DoubleVector ar = DoubleVector.fromArray(SPECIES, a, r);
            DoubleVector products = ar.mul(DoubleVector.fromArray(SPECIES, sigma, r));
            // d_l += a_r σ_r for r = the four lanes, then (8 lanes) for the next four
            sums = sums.add(products);
            if (LANES == 8) {
                sums = sums.add(products.rearrange(UPPER_DOWN));
            }
            if (backward) {
                // D̃_r = a_r σ'_r
                ar.mul(DoubleVector.fromArray(SPECIES, z, r)).intoArray(out, offset + r);
            }
        }
        double d0 = sums.lane(0);
        double d1 = sums.lane(1);
        double d2 = sums.lane(2);
        double d3 = sums.lane(3);
        for (; r + 4 <= m; r += 4) {
            // d_l += a_r σ_r, the last four below a multiple of 8
            d0 += a[r] * sigma[r];
            d1 += a[r + 1] * sigma[r + 1];
            d2 += a[r + 2] * sigma[r + 2];
            d3 += a[r + 3] * sigma[r + 3];
        }
        for (; r < m; r++) {
            d0 += a[r] * sigma[r];
        }
        if (backward) {
            for (int t = m - m % LANES; t < m; t++) {
                // D̃_r = a_r σ'_r
                out[offset + t] = a[t] * z[t];
            }
        }
        return (d0 + d1) + (d2 + d3);
    }
}
