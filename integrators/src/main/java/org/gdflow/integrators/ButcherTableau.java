package org.gdflow.integrators;

import java.util.Arrays;

/**
 * The Butcher tableau of an explicit Runge–Kutta method with s stages:
 * <pre>
 *   k_1 = F(θ_k)                                    (c_1 = 0: the caller's velocity)
 *   k_i = F(θ_k + dt Σ_{j&lt;i} a_ij k_j),  i = 2..s
 *   θ_{k+1} = θ_k + dt Σ_i b_i k_i
 * </pre>
 * Arrays are copied in and out; the record is immutable.
 *
 * @param c the nodes, length s, {@code c[0] = 0} (the flow is autonomous: c documents the
 *     method and is checked against a, it is not used to step)
 * @param a the coupling coefficients, s rows, row i holding the i coefficients a_i0..a_i,i−1
 *     (row 0 is empty)
 * @param b the weights, length s, summing to 1
 */
public record ButcherTableau(double[] c, double[][] a, double[] b) {

    /** How far Σ_j a_ij may be from c_i and Σ b from 1: rounding of decimal literals. */
    private static final double CONSISTENCY = 1e-14;

    /** Copies the arrays and checks the shapes and the consistency conditions Σ_j a_ij = c_i, Σ_i b_i = 1. */
    public ButcherTableau {
        int s = b.length;
        if (s == 0) {
            throw new IllegalArgumentException("b must have at least one weight (one stage)");
        }
        if (c.length != s || a.length != s) {
            throw new IllegalArgumentException("Inconsistent tableau shapes: c has " + c.length + " nodes, a has "
                    + a.length + " rows, b has " + s + " weights; all need one entry per stage");
        }
        c = c.clone();
        b = b.clone();
        a = a.clone();
        for (int i = 0; i < s; i++) {
            if (a[i].length != i) {
                throw new IllegalArgumentException("row " + i + " of a must have " + i
                        + " coefficients (explicit method: a_ij for j < i), got " + a[i].length);
            }
            a[i] = a[i].clone();
        }
        if (c[0] != 0) {
            throw new IllegalArgumentException("c[0] must be 0 (the first stage is F(θ_k)), got " + c[0]);
        }
        double sumB = 0;
        for (int i = 0; i < s; i++) {
            double row = 0;
            for (double aij : a[i]) {
                row += aij;
            }
            if (!(Math.abs(row - c[i]) <= CONSISTENCY)) {
                throw new IllegalArgumentException("row " + i + " of a sums to " + row + " but c[" + i + "] = " + c[i]
                        + "; an explicit tableau needs Σ_j a_ij = c_i");
            }
            sumB += b[i];
        }
        if (!(Math.abs(sumB - 1) <= CONSISTENCY)) {
            throw new IllegalArgumentException("the weights b sum to " + sumB + ", not 1");
        }
    }

    /** The number s of stages. */
    public int stages() {
        return b.length;
    }

    /** A copy of the nodes c. */
    @Override
    public double[] c() {
        return c.clone();
    }

    /** A copy of the coefficients a (row i holds a_i0..a_i,i−1). */
    @Override
    public double[][] a() {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    /** A copy of the weights b. */
    @Override
    public double[] b() {
        return b.clone();
    }

    /** Equal when all coefficients are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ButcherTableau t && Arrays.equals(c, t.c) && Arrays.deepEquals(a, t.a) && Arrays.equals(b, t.b);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(c) + Arrays.deepHashCode(a)) + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "ButcherTableau[c=" + Arrays.toString(c) + ", a=" + Arrays.deepToString(a) + ", b=" + Arrays.toString(b) + "]";
    }
}
