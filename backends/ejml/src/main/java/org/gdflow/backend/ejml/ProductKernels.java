package org.gdflow.backend.ejml;

import org.gdflow.api.VectorSupport;

/**
 * The two big products of the field on plain arrays: {@code Z = X Wᵀ} over a range of rows and
 * {@code Gᵀ = Rᵀ D̃} over a range of columns. Every entry is one chain of fused multiply-adds in a fixed
 * order ({@code Z_ij = fma(x_i,d−1, Wᵀ_d−1,j, … fma(x_i0, Wᵀ_0j, 0))}, k ascending; {@code Gᵀ_kj} likewise
 * with i ascending), so the result does not depend on how the rows or columns are split between threads,
 * nor on whether the SIMD code ({@link VectorProductKernels}, when {@link VectorSupport#enabled()}) or
 * the scalar code here runs: they agree bit for bit.
 */
final class ProductKernels {
    private ProductKernels() {
    }

    /**
     * Z = X Wᵀ on rows [rowFrom, rowTo): {@code z[i·m + j] = Σ_k x[i·d + k] wT[k·m + j]}.
     *
     * @param x X, row-major with d columns
     * @param wT Wᵀ, d×m row-major
     * @param z Z, row-major with m columns. Modified on the rows of the range.
     */
    static void firstProduct(double[] x, int d, double[] wT, int m, double[] z, int rowFrom, int rowTo) {
        if (VectorSupport.enabled()) {
            VectorProductKernels.firstProduct(x, d, wT, m, z, rowFrom, rowTo);
        } else {
            firstProductScalar(x, d, wT, m, z, rowFrom, rowTo);
        }
    }

    /**
     * Gᵀ = Rᵀ D̃ on columns [columnFrom, columnTo): {@code gT[k·m + j] = Σ_i rT[k·rows + i] dt[i·m + j]}.
     *
     * @param rT Rᵀ, d×rows row-major
     * @param dt D̃, rows×m row-major
     * @param gT Gᵀ, d×m row-major. Modified on the columns of the range.
     */
    static void secondProduct(double[] rT, int rows, int d, double[] dt, int m, double[] gT, int columnFrom, int columnTo) {
        if (VectorSupport.enabled()) {
            VectorProductKernels.secondProduct(rT, rows, d, dt, m, gT, columnFrom, columnTo);
        } else {
            secondProductScalar(rT, rows, d, dt, m, gT, columnFrom, columnTo);
        }
    }

    /** {@link #firstProduct} without SIMD: per row, d multiply-add sweeps along the row. */
    static void firstProductScalar(double[] x, int d, double[] wT, int m, double[] z, int rowFrom, int rowTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            int zi = i * m;
            java.util.Arrays.fill(z, zi, zi + m, 0.0);
            for (int k = 0; k < d; k++) {
                double xik = x[i * d + k];
                int wk = k * m;
                // z_i· = fma(x_ik, Wᵀ_k·, z_i·)
                for (int j = 0; j < m; j++) {
                    z[zi + j] = Math.fma(xik, wT[wk + j], z[zi + j]);
                }
            }
        }
    }

    /** {@link #secondProduct} without SIMD: per k, one multiply-add sweep per row of D̃. */
    static void secondProductScalar(double[] rT, int rows, int d, double[] dt, int m, double[] gT, int columnFrom, int columnTo) {
        for (int k = 0; k < d; k++) {
            int gk = k * m;
            java.util.Arrays.fill(gT, gk + columnFrom, gk + columnTo, 0.0);
            for (int i = 0; i < rows; i++) {
                double rik = rT[k * rows + i];
                int di = i * m;
                // Gᵀ_k· = fma(R_ik, D̃_i·, Gᵀ_k·)
                for (int j = columnFrom; j < columnTo; j++) {
                    gT[gk + j] = Math.fma(rik, dt[di + j], gT[gk + j]);
                }
            }
        }
    }
}
