package org.gdflow.core.theory;

/**
 * A plain cyclic Jacobi eigen solver for small symmetric matrices, written for the tests as a
 * second implementation independent of the backends' solvers.
 */
final class JacobiEigen implements EigenSolver {
    @Override
    public double[] solve(double[] symmetric, double[] eigenvectors) {
        int k = (int) Math.round(Math.sqrt(symmetric.length));
        double[] a = symmetric.clone();
        double[] v = new double[k * k];
        for (int i = 0; i < k; i++) {
            v[i * k + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < k; p++) {
                for (int q = p + 1; q < k; q++) {
                    off += a[p * k + q] * a[p * k + q];
                }
            }
            if (off < 1e-300) {
                break;
            }
            for (int p = 0; p < k; p++) {
                for (int q = p + 1; q < k; q++) {
                    double apq = a[p * k + q];
                    if (apq == 0) {
                        continue;
                    }
                    // the rotation that zeroes a_pq: tan 2θ = 2 a_pq / (a_qq − a_pp)
                    double theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < k; r++) {
                        double arp = a[r * k + p];
                        double arq = a[r * k + q];
                        a[r * k + p] = c * arp - s * arq;
                        a[r * k + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < k; r++) {
                        double apr = a[p * k + r];
                        double aqr = a[q * k + r];
                        a[p * k + r] = c * apr - s * aqr;
                        a[q * k + r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < k; r++) {
                        double vrp = v[r * k + p];
                        double vrq = v[r * k + q];
                        v[r * k + p] = c * vrp - s * vrq;
                        v[r * k + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        // sort ascending, moving the eigenvector columns along
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        double[] diag = new double[k];
        for (int i = 0; i < k; i++) {
            diag[i] = a[i * k + i];
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[x], diag[y]));
        double[] values = new double[k];
        for (int j = 0; j < k; j++) {
            values[j] = diag[order[j]];
            if (eigenvectors != null) {
                for (int r = 0; r < k; r++) {
                    eigenvectors[r * k + j] = v[r * k + order[j]];
                }
            }
        }
        return values;
    }
}
