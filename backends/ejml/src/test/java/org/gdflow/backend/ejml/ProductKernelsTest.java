package org.gdflow.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gdflow.api.VectorSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The product kernels against a direct triple loop, on shapes that are not multiples of the vector
 * length or of the 4-row and 4-k tiles; the SIMD and scalar code, and any split into ranges, bit for bit.
 */
class ProductKernelsTest {
    private static double[] random(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** n, d, m: tails of every loop (rows mod 4, k mod 4, columns mod 4 vectors and mod 1 vector) for 2, 4 and 8 lanes. */
    @ParameterizedTest
    @CsvSource({"5, 3, 7", "1, 1, 1", "9, 6, 45", "4, 4, 16", "7, 5, 29", "13, 2, 61", "3, 9, 8", "6, 7, 77", "8, 8, 64"})
    void firstProductIsTheDirectProduct(int n, int d, int m) {
        Random random = new Random(17L * n + 31L * d + m);
        double[] x = random(random, n * d);
        double[] wT = random(random, d * m);
        double[] z = filled(n * m, Double.NaN);
        ProductKernels.firstProduct(x, d, wT, m, z, 0, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                // Z_ij = Σ_k X_ik Wᵀ_kj, and the scale Σ_k |X_ik Wᵀ_kj| of its rounding error
                double exact = 0;
                double scale = 0;
                for (int k = 0; k < d; k++) {
                    exact += x[i * d + k] * wT[k * m + j];
                    scale += Math.abs(x[i * d + k] * wT[k * m + j]);
                }
                assertEquals(exact, z[i * m + j], 1e-13 * scale, "Z[" + i + "][" + j + "]");
            }
        }
        double[] scalar = filled(n * m, Double.NaN);
        ProductKernels.firstProductScalar(x, d, wT, m, scalar, 0, n);
        assertArrayEquals(z, scalar, "SIMD (" + VectorSupport.lanes() + " lanes) and scalar code, bit for bit");
    }

    @ParameterizedTest
    @CsvSource({"5, 3, 7", "1, 1, 1", "9, 6, 45", "4, 4, 16", "7, 5, 29", "13, 2, 61", "3, 9, 8", "6, 7, 77", "8, 8, 64"})
    void secondProductIsTheDirectProduct(int rows, int d, int m) {
        Random random = new Random(19L * rows + 23L * d + m);
        double[] rT = random(random, d * rows);
        double[] dt = random(random, rows * m);
        double[] gT = filled(d * m, Double.NaN);
        ProductKernels.secondProduct(rT, rows, d, dt, m, gT, 0, m);
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < m; j++) {
                // Gᵀ_kj = Σ_i Rᵀ_ki D̃_ij, and the scale Σ_i |Rᵀ_ki D̃_ij|
                double exact = 0;
                double scale = 0;
                for (int i = 0; i < rows; i++) {
                    exact += rT[k * rows + i] * dt[i * m + j];
                    scale += Math.abs(rT[k * rows + i] * dt[i * m + j]);
                }
                assertEquals(exact, gT[k * m + j], 1e-13 * scale, "Gᵀ[" + k + "][" + j + "]");
            }
        }
        double[] scalar = filled(d * m, Double.NaN);
        ProductKernels.secondProductScalar(rT, rows, d, dt, m, scalar, 0, m);
        assertArrayEquals(gT, scalar, "SIMD (" + VectorSupport.lanes() + " lanes) and scalar code, bit for bit");
    }

    /** Ranges of rows (first product) and columns (second) write only their range, with the whole product's bits. */
    @ParameterizedTest
    @CsvSource({"9, 6, 45, 3, 33", "13, 5, 61, 5, 17", "6, 3, 7, 1, 2", "11, 6, 100, 6, 32"})
    void rangesWriteTheirPartOfTheWholeProduct(int n, int d, int m, int split, int columnSplit) {
        Random random = new Random(n + 100L * m);
        double[] x = random(random, n * d);
        double[] wT = random(random, d * m);
        double[] whole = new double[n * m];
        ProductKernels.firstProduct(x, d, wT, m, whole, 0, n);
        double[] parts = filled(n * m, Double.NaN);
        ProductKernels.firstProduct(x, d, wT, m, parts, split, n);
        for (int e = 0; e < split * m; e++) {
            assertTrue(Double.isNaN(parts[e]), "row " + e / m + " is outside [" + split + ", " + n + ")");
        }
        ProductKernels.firstProduct(x, d, wT, m, parts, 0, split);
        assertArrayEquals(whole, parts);
        double[] scalarParts = filled(n * m, Double.NaN);
        ProductKernels.firstProductScalar(x, d, wT, m, scalarParts, split, n);
        ProductKernels.firstProductScalar(x, d, wT, m, scalarParts, 0, split);
        assertArrayEquals(whole, scalarParts);

        double[] gWhole = new double[d * m];
        ProductKernels.secondProduct(x, n, d, whole, m, gWhole, 0, m);
        double[] gParts = filled(d * m, Double.NaN);
        ProductKernels.secondProduct(x, n, d, whole, m, gParts, columnSplit, m);
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < columnSplit; j++) {
                assertTrue(Double.isNaN(gParts[k * m + j]), "column " + j + " is outside [" + columnSplit + ", " + m + ")");
            }
        }
        ProductKernels.secondProduct(x, n, d, whole, m, gParts, 0, columnSplit);
        assertArrayEquals(gWhole, gParts);
        double[] gScalar = filled(d * m, Double.NaN);
        ProductKernels.secondProductScalar(x, n, d, whole, m, gScalar, columnSplit, m);
        ProductKernels.secondProductScalar(x, n, d, whole, m, gScalar, 0, columnSplit);
        assertArrayEquals(gWhole, gScalar);
    }
}
