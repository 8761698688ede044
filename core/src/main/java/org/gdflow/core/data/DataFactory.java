package org.gdflow.core.data;

import java.util.random.RandomGenerator;
import org.gdflow.api.Activation;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.Spec.CsvData;
import org.gdflow.core.spec.Spec.FunctionTarget;
import org.gdflow.core.spec.Spec.GeneratedData;
import org.gdflow.core.spec.Spec.RandomTarget;
import org.gdflow.core.spec.Spec.TeacherTarget;

/** Makes the data set a spec describes: generated from the run's streams, or read from CSV. */
public final class DataFactory {
    private DataFactory() {
    }

    /**
     * The data of {@code spec}.
     *
     * @param points the stream the inputs are drawn from
     * @param targets the stream the target function is drawn from
     */
    public static DataSet create(Spec spec, PluginCatalog catalog, RandomGenerator points, RandomGenerator targets) {
        double[] mu;
        DataSet raw;
        if (spec.data() instanceof CsvData csv) {
            raw = readCsv(csv);
        } else {
            GeneratedData g = (GeneratedData) spec.data();
            double[] x = inputs(g.kind(), g.n(), g.d(), points);
            raw = new DataSet(x, target(g, x, catalog, targets), null, g.n(), g.d());
        }
        mu = raw.mu();
        if (mu == null) {
            mu = new double[raw.n()];
            // μ_i = 1/n for the mean loss, 1 for the sum
            java.util.Arrays.fill(mu, spec.loss().equals("sum") ? 1.0 : 1.0 / raw.n());
        }
        return new DataSet(raw.x(), raw.y(), mu, raw.n(), raw.d());
    }

    private static DataSet readCsv(CsvData csv) {
        NumericCsv.Table x = NumericCsv.read(csv.x());
        NumericCsv.Table y = NumericCsv.read(csv.y());
        if (y.columns() != 1) {
            throw new GdflowException(csv.y() + ": expected one value per line (the targets), found " + y.columns() + " columns");
        }
        if (x.rows() != y.rows()) {
            throw new GdflowException("data.y: " + csv.y() + " has " + y.rows() + " rows but data.x " + csv.x() + " has "
                    + x.rows() + "; they need one row per data point each");
        }
        double[] mu = null;
        if (csv.weights().isPresent()) {
            NumericCsv.Table w = NumericCsv.read(csv.weights().get());
            if (w.columns() != 1 || w.rows() != x.rows()) {
                throw new GdflowException("data.weights: " + w.file() + " has " + w.rows() + "×" + w.columns()
                        + " values; expected one weight per data point (" + x.rows() + " lines)");
            }
            for (int i = 0; i < w.rows(); i++) {
                if (w.values()[i] < 0) {
                    throw new GdflowException("data.weights: " + w.file() + " line " + (i + 1) + ": weight " + w.values()[i] + " is negative");
                }
            }
            mu = w.values();
        }
        return new DataSet(x.values(), y.values(), mu, x.rows(), x.columns());
    }

    private static double[] inputs(String kind, int n, int d, RandomGenerator random) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double norm2 = 0;
            for (int k = 0; k < d; k++) {
                double g = random.nextGaussian();
                x[i * d + k] = g;
                norm2 += g * g;
            }
            // sphere: x = g/‖g‖ (uniform on S^{d−1}); gaussian: x = g/√d (N(0, I/d))
            double scale = kind.equals("sphere") ? 1.0 / Math.sqrt(norm2) : 1.0 / Math.sqrt(d);
            for (int k = 0; k < d; k++) {
                x[i * d + k] *= scale;
            }
        }
        return x;
    }

    private static double[] target(GeneratedData g, double[] x, PluginCatalog catalog, RandomGenerator random) {
        int n = g.n();
        int d = g.d();
        double[] y = new double[n];
        if (g.target() instanceof TeacherTarget t) {
            Activation sigma = catalog.create(t.activation(), Activation.class);
            int k = t.width();
            double[] v = new double[k * d];
            double[] b = new double[k];
            for (int j = 0; j < k * d; j++) {
                v[j] = random.nextGaussian();
            }
            for (int j = 0; j < k; j++) {
                b[j] = random.nextBoolean() ? 1.0 : -1.0;
            }
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double z = 0;
                    for (int c = 0; c < d; c++) {
                        z += v[j * d + c] * x[i * d + c];
                    }
                    sum += b[j] * sigma.value(z);
                }
                // y = k^-1/2 Σ_j b_j σ(v_j·x)
                y[i] = sum / Math.sqrt(k);
            }
        } else if (g.target() instanceof FunctionTarget f) {
            if (f.function().equals("sin")) {
                for (int i = 0; i < n; i++) {
                    // y = sin(frequency · x_1)
                    y[i] = Math.sin(f.frequency() * x[i * d]);
                }
            } else {
                int degree = f.degree();
                double[] c = new double[degree];
                double[] v = new double[degree * d];
                for (int p = 0; p < degree; p++) {
                    c[p] = random.nextGaussian();
                    double norm2 = 0;
                    for (int j = 0; j < d; j++) {
                        v[p * d + j] = random.nextGaussian();
                        norm2 += v[p * d + j] * v[p * d + j];
                    }
                    for (int j = 0; j < d; j++) {
                        v[p * d + j] /= Math.sqrt(norm2);
                    }
                }
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int p = 0; p < degree; p++) {
                        double z = 0;
                        for (int j = 0; j < d; j++) {
                            z += v[p * d + j] * x[i * d + j];
                        }
                        // y = Σ_{k=1..degree} c_k (v_k·x)^k
                        sum += c[p] * Math.pow(z, p + 1);
                    }
                    y[i] = sum;
                }
            }
        } else if (g.target() instanceof RandomTarget) {
            for (int i = 0; i < n; i++) {
                // y ~ U[−1, 1]
                y[i] = 2 * random.nextDouble() - 1;
            }
        }
        return y;
    }
}
