package org.gdflow.backend.ejml;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD code of {@link ProductKernels}, on the JDK Vector API: register tiles of 4 rows (or 4 k) by four
 * vectors of columns (16 accumulators; measured faster than 4×2, 2×4 or 8×2 tiles at d = 16, m = 1024),
 * each lane the same chain of fused multiply-adds as the scalar code, so the two agree bit for bit. Load
 * only when {@link org.gdflow.api.VectorSupport#enabled()}: it links against {@code jdk.incubator.vector}.
 */
final class VectorProductKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** The columns of one strip of a tile: four vectors. */
    private static final int STRIP = 4 * LANES;

    private VectorProductKernels() {
    }

    /** {@link ProductKernels#firstProduct}: strips of 4 vectors of columns, 4 rows at a time, k innermost. */
    static void firstProduct(double[] x, int d, double[] wT, int m, double[] z, int rowFrom, int rowTo) {
        int j = 0;
        for (; j + STRIP <= m; j += STRIP) {
            int i = rowFrom;
            for (; i + 4 <= rowTo; i += 4) {
                DoubleVector z00 = DoubleVector.zero(SPECIES);
                DoubleVector z01 = DoubleVector.zero(SPECIES);
                DoubleVector z02 = DoubleVector.zero(SPECIES);
                DoubleVector z03 = DoubleVector.zero(SPECIES);
                DoubleVector z10 = DoubleVector.zero(SPECIES);
                DoubleVector z11 = DoubleVector.zero(SPECIES);
                DoubleVector z12 = DoubleVector.zero(SPECIES);
                DoubleVector z13 = DoubleVector.zero(SPECIES);
                DoubleVector z20 = DoubleVector.zero(SPECIES);
                DoubleVector z21 = DoubleVector.zero(SPECIES);
                DoubleVector z22 = DoubleVector.zero(SPECIES);
                DoubleVector z23 = DoubleVector.zero(SPECIES);
                DoubleVector z30 = DoubleVector.zero(SPECIES);
                DoubleVector z31 = DoubleVector.zero(SPECIES);
                DoubleVector z32 = DoubleVector.zero(SPECIES);
                DoubleVector z33 = DoubleVector.zero(SPECIES);
                int x0 = i * d;
                for (int k = 0; k < d; k++) {
                    int wk = k * m + j;
                    DoubleVector w0 = DoubleVector.fromArray(SPECIES, wT, wk);
                    DoubleVector w1 = DoubleVector.fromArray(SPECIES, wT, wk + LANES);
                    DoubleVector w2 = DoubleVector.fromArray(SPECIES, wT, wk + 2 * LANES);
                    DoubleVector w3 = DoubleVector.fromArray(SPECIES, wT, wk + 3 * LANES);
                    // z_ij = fma(x_ik, Wᵀ_kj, z_ij) for 4 rows
                    DoubleVector b = DoubleVector.broadcast(SPECIES, x[x0 + k]);
                    z00 = w0.fma(b, z00);
                    z01 = w1.fma(b, z01);
                    z02 = w2.fma(b, z02);
                    z03 = w3.fma(b, z03);
                    b = DoubleVector.broadcast(SPECIES, x[x0 + d + k]);
                    z10 = w0.fma(b, z10);
                    z11 = w1.fma(b, z11);
                    z12 = w2.fma(b, z12);
                    z13 = w3.fma(b, z13);
                    b = DoubleVector.broadcast(SPECIES, x[x0 + 2 * d + k]);
                    z20 = w0.fma(b, z20);
                    z21 = w1.fma(b, z21);
                    z22 = w2.fma(b, z22);
                    z23 = w3.fma(b, z23);
                    b = DoubleVector.broadcast(SPECIES, x[x0 + 3 * d + k]);
                    z30 = w0.fma(b, z30);
                    z31 = w1.fma(b, z31);
                    z32 = w2.fma(b, z32);
                    z33 = w3.fma(b, z33);
                }
                int zi = i * m + j;
                z00.intoArray(z, zi);
                z01.intoArray(z, zi + LANES);
                z02.intoArray(z, zi + 2 * LANES);
                z03.intoArray(z, zi + 3 * LANES);
                z10.intoArray(z, zi + m);
                z11.intoArray(z, zi + m + LANES);
                z12.intoArray(z, zi + m + 2 * LANES);
                z13.intoArray(z, zi + m + 3 * LANES);
                z20.intoArray(z, zi + 2 * m);
                z21.intoArray(z, zi + 2 * m + LANES);
                z22.intoArray(z, zi + 2 * m + 2 * LANES);
                z23.intoArray(z, zi + 2 * m + 3 * LANES);
                z30.intoArray(z, zi + 3 * m);
                z31.intoArray(z, zi + 3 * m + LANES);
                z32.intoArray(z, zi + 3 * m + 2 * LANES);
                z33.intoArray(z, zi + 3 * m + 3 * LANES);
            }
            for (; i < rowTo; i++) {
                DoubleVector z0 = DoubleVector.zero(SPECIES);
                DoubleVector z1 = DoubleVector.zero(SPECIES);
                DoubleVector z2 = DoubleVector.zero(SPECIES);
                DoubleVector z3 = DoubleVector.zero(SPECIES);
                for (int k = 0; k < d; k++) {
                    int wk = k * m + j;
                    DoubleVector b = DoubleVector.broadcast(SPECIES, x[i * d + k]);
                    // z_ij = fma(x_ik, Wᵀ_kj, z_ij)
                    z0 = DoubleVector.fromArray(SPECIES, wT, wk).fma(b, z0);
                    z1 = DoubleVector.fromArray(SPECIES, wT, wk + LANES).fma(b, z1);
                    z2 = DoubleVector.fromArray(SPECIES, wT, wk + 2 * LANES).fma(b, z2);
                    z3 = DoubleVector.fromArray(SPECIES, wT, wk + 3 * LANES).fma(b, z3);
                }
                z0.intoArray(z, i * m + j);
                z1.intoArray(z, i * m + j + LANES);
                z2.intoArray(z, i * m + j + 2 * LANES);
                z3.intoArray(z, i * m + j + 3 * LANES);
            }
        }
        for (; j + LANES <= m; j += LANES) {
            for (int i = rowFrom; i < rowTo; i++) {
                DoubleVector z0 = DoubleVector.zero(SPECIES);
                for (int k = 0; k < d; k++) {
                    // z_ij = fma(x_ik, Wᵀ_kj, z_ij)
                    z0 = DoubleVector.fromArray(SPECIES, wT, k * m + j).fma(DoubleVector.broadcast(SPECIES, x[i * d + k]), z0);
                }
                z0.intoArray(z, i * m + j);
            }
        }
        for (; j < m; j++) {
            for (int i = rowFrom; i < rowTo; i++) {
                double zij = 0;
                for (int k = 0; k < d; k++) {
                    // z_ij = fma(x_ik, Wᵀ_kj, z_ij)
                    zij = Math.fma(x[i * d + k], wT[k * m + j], zij);
                }
                z[i * m + j] = zij;
            }
        }
    }

    /** {@link ProductKernels#secondProduct}: strips of 4 vectors of columns, 4 k at a time, i innermost. */
    static void secondProduct(double[] rT, int rows, int d, double[] dt, int m, double[] gT, int columnFrom, int columnTo) {
        int j = columnFrom;
        for (; j + STRIP <= columnTo; j += STRIP) {
            int k = 0;
            for (; k + 4 <= d; k += 4) {
                DoubleVector g00 = DoubleVector.zero(SPECIES);
                DoubleVector g01 = DoubleVector.zero(SPECIES);
                DoubleVector g02 = DoubleVector.zero(SPECIES);
                DoubleVector g03 = DoubleVector.zero(SPECIES);
                DoubleVector g10 = DoubleVector.zero(SPECIES);
                DoubleVector g11 = DoubleVector.zero(SPECIES);
                DoubleVector g12 = DoubleVector.zero(SPECIES);
                DoubleVector g13 = DoubleVector.zero(SPECIES);
                DoubleVector g20 = DoubleVector.zero(SPECIES);
                DoubleVector g21 = DoubleVector.zero(SPECIES);
                DoubleVector g22 = DoubleVector.zero(SPECIES);
                DoubleVector g23 = DoubleVector.zero(SPECIES);
                DoubleVector g30 = DoubleVector.zero(SPECIES);
                DoubleVector g31 = DoubleVector.zero(SPECIES);
                DoubleVector g32 = DoubleVector.zero(SPECIES);
                DoubleVector g33 = DoubleVector.zero(SPECIES);
                int r0 = k * rows;
                for (int i = 0; i < rows; i++) {
                    int di = i * m + j;
                    DoubleVector d0 = DoubleVector.fromArray(SPECIES, dt, di);
                    DoubleVector d1 = DoubleVector.fromArray(SPECIES, dt, di + LANES);
                    DoubleVector d2 = DoubleVector.fromArray(SPECIES, dt, di + 2 * LANES);
                    DoubleVector d3 = DoubleVector.fromArray(SPECIES, dt, di + 3 * LANES);
                    // Gᵀ_kj = fma(R_ik, D̃_ij, Gᵀ_kj) for 4 k
                    DoubleVector b = DoubleVector.broadcast(SPECIES, rT[r0 + i]);
                    g00 = d0.fma(b, g00);
                    g01 = d1.fma(b, g01);
                    g02 = d2.fma(b, g02);
                    g03 = d3.fma(b, g03);
                    b = DoubleVector.broadcast(SPECIES, rT[r0 + rows + i]);
                    g10 = d0.fma(b, g10);
                    g11 = d1.fma(b, g11);
                    g12 = d2.fma(b, g12);
                    g13 = d3.fma(b, g13);
                    b = DoubleVector.broadcast(SPECIES, rT[r0 + 2 * rows + i]);
                    g20 = d0.fma(b, g20);
                    g21 = d1.fma(b, g21);
                    g22 = d2.fma(b, g22);
                    g23 = d3.fma(b, g23);
                    b = DoubleVector.broadcast(SPECIES, rT[r0 + 3 * rows + i]);
                    g30 = d0.fma(b, g30);
                    g31 = d1.fma(b, g31);
                    g32 = d2.fma(b, g32);
                    g33 = d3.fma(b, g33);
                }
                int gk = k * m + j;
                g00.intoArray(gT, gk);
                g01.intoArray(gT, gk + LANES);
                g02.intoArray(gT, gk + 2 * LANES);
                g03.intoArray(gT, gk + 3 * LANES);
                g10.intoArray(gT, gk + m);
                g11.intoArray(gT, gk + m + LANES);
                g12.intoArray(gT, gk + m + 2 * LANES);
                g13.intoArray(gT, gk + m + 3 * LANES);
                g20.intoArray(gT, gk + 2 * m);
                g21.intoArray(gT, gk + 2 * m + LANES);
                g22.intoArray(gT, gk + 2 * m + 2 * LANES);
                g23.intoArray(gT, gk + 2 * m + 3 * LANES);
                g30.intoArray(gT, gk + 3 * m);
                g31.intoArray(gT, gk + 3 * m + LANES);
                g32.intoArray(gT, gk + 3 * m + 2 * LANES);
                g33.intoArray(gT, gk + 3 * m + 3 * LANES);
            }
            for (; k < d; k++) {
                DoubleVector g0 = DoubleVector.zero(SPECIES);
                DoubleVector g1 = DoubleVector.zero(SPECIES);
                DoubleVector g2 = DoubleVector.zero(SPECIES);
                DoubleVector g3 = DoubleVector.zero(SPECIES);
                for (int i = 0; i < rows; i++) {
                    int di = i * m + j;
                    DoubleVector b = DoubleVector.broadcast(SPECIES, rT[k * rows + i]);
                    // Gᵀ_kj = fma(R_ik, D̃_ij, Gᵀ_kj)
                    g0 = DoubleVector.fromArray(SPECIES, dt, di).fma(b, g0);
                    g1 = DoubleVector.fromArray(SPECIES, dt, di + LANES).fma(b, g1);
                    g2 = DoubleVector.fromArray(SPECIES, dt, di + 2 * LANES).fma(b, g2);
                    g3 = DoubleVector.fromArray(SPECIES, dt, di + 3 * LANES).fma(b, g3);
                }
                g0.intoArray(gT, k * m + j);
                g1.intoArray(gT, k * m + j + LANES);
                g2.intoArray(gT, k * m + j + 2 * LANES);
                g3.intoArray(gT, k * m + j + 3 * LANES);
            }
        }
        for (; j + LANES <= columnTo; j += LANES) {
            for (int k = 0; k < d; k++) {
                DoubleVector g0 = DoubleVector.zero(SPECIES);
                for (int i = 0; i < rows; i++) {
                    // Gᵀ_kj = fma(R_ik, D̃_ij, Gᵀ_kj)
                    g0 = DoubleVector.fromArray(SPECIES, dt, i * m + j).fma(DoubleVector.broadcast(SPECIES, rT[k * rows + i]), g0);
                }
                g0.intoArray(gT, k * m + j);
            }
        }
        for (; j < columnTo; j++) {
            for (int k = 0; k < d; k++) {
                double g = 0;
                for (int i = 0; i < rows; i++) {
                    // Gᵀ_kj = fma(R_ik, D̃_ij, Gᵀ_kj)
                    g = Math.fma(rT[k * rows + i], dt[i * m + j], g);
                }
                gT[k * m + j] = g;
            }
        }
    }
}
