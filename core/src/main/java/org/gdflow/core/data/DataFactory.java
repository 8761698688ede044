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

    /**
     * The held-out data of {@code spec} ({@code data.test}), with μ_i = 1 for the sum loss and
     * 1/n_test otherwise (the mean loss, and a loss weighted by data.weights, whose weights belong to
     * the training points).
     *
     * @param d the input dimension of the training data, which the test inputs must have
     * @param testPoints the test set's own stream of inputs
     * @param targets a stream in the state the training targets were drawn from, so a teacher or a
     *     polynomial target is the same function on the test points
     * @param testLabels the test set's own stream of random labels (the {@code random} target)
     * @throws GdflowException if the test files are not one value per line, or x has another width than d
     */
    public static DataSet createTest(Spec spec, int d, PluginCatalog catalog, RandomGenerator testPoints, RandomGenerator targets,
                                     RandomGenerator testLabels) {
        Spec.TestDataSpec test = spec.test().orElseThrow();
        DataSet raw;
        if (test instanceof Spec.CsvTestData csv) {
            NumericCsv.Table x = NumericCsv.read(csv.x(), csv.header(), "data.test.header");
            NumericCsv.Table y = NumericCsv.read(csv.y(), csv.header(), "data.test.header");
            if (x.columns() != d) {
                throw new GdflowException("data.test.x: " + csv.x() + " has " + x.columns() + " columns, but the training inputs have d = "
                        + d + "; the test points need the same dimension");
            }
            if (y.columns() != 1) {
                throw new GdflowException("data.test.y: " + csv.y() + ": expected one value per line (the targets), found "
                        + y.columns() + " columns");
            }
            if (x.rows() != y.rows()) {
                throw new GdflowException("data.test.y: " + csv.y() + " has " + y.rows() + " rows but data.test.x " + csv.x() + " has "
                        + x.rows() + "; they need one row per test point each");
            }
            raw = new DataSet(x.values(), y.values(), null, x.rows(), d);
        } else {
            GeneratedData g = (GeneratedData) spec.data();
            GeneratedData drawn = new GeneratedData(g.kind(), ((Spec.GeneratedTestData) test).n(), g.d(), g.target());
            double[] x = inputs(drawn.kind(), drawn.n(), drawn.d(), testPoints);
            // random labels are the test set's own draws; a teacher or function target is redrawn from the training's stream
            RandomGenerator labels = g.target() instanceof RandomTarget ? testLabels : targets;
            raw = new DataSet(x, target(drawn, x, catalog, labels), null, drawn.n(), drawn.d());
        }
        double[] mu = new double[raw.n()];
        // μ_i = 1 for the sum loss, 1/n_test otherwise
        java.util.Arrays.fill(mu, spec.loss().equals("sum") ? 1.0 : 1.0 / raw.n());
        return new DataSet(raw.x(), raw.y(), mu, raw.n(), raw.d());
    }

    /**
     * {@code spec} with its input files pinned: every csv file it names (data, and θ(0) given as csv)
     * read, checked against the pins the spec already has, and its n, d and SHA-256 recorded, so that
     * the resolved spec says exactly what was read. A spec without files is returned as it is.
     *
     * @throws GdflowException naming the file, line and column of a bad value, or the pin a file no longer matches
     */
    public static Spec pin(Spec spec) {
        Spec pinned = spec;
        if (spec.data() instanceof CsvData csv) {
            Tables tables = readCsvTables(csv);
            java.util.Map<String, String> sha = new java.util.LinkedHashMap<>();
            sha.put("x", tables.x().sha256());
            sha.put("y", tables.y().sha256());
            if (tables.weights() != null) {
                sha.put("weights", tables.weights().sha256());
            }
            pinned = pinned.withData(new CsvData(csv.x(), csv.y(), csv.weights(), csv.header(), tables.x().rows(),
                    tables.x().columns(), sha));
        }
        Spec.InitSpec init = spec.model().init();
        Spec.WeightInit w = pinInit(init.w(), "model.init.w");
        Spec.WeightInit a = pinInit(init.a(), "model.init.a");
        if (w != init.w() || a != init.a()) {
            pinned = pinned.withInit(new Spec.InitSpec(w, a, init.symmetric()));
        }
        return pinned;
    }

    private static Spec.WeightInit pinInit(Spec.WeightInit w, String path) {
        if (!w.kind().equals("csv")) {
            return w;
        }
        NumericCsv.Table t = readInit(w, path);
        return new Spec.WeightInit(w.kind(), w.std(), w.value(), w.path(), w.header(), t.sha256());
    }

    /** The table of θ(0)'s part given as csv ({@code path} is model.init.w or model.init.a), checked against its pin. */
    public static NumericCsv.Table readInit(Spec.WeightInit w, String path) {
        NumericCsv.Table t = NumericCsv.read(w.path().orElseThrow(), w.header(), path + ".header");
        requirePin(path + ".sha256", t, w.sha256());
        return t;
    }

    private static void requirePin(String key, NumericCsv.Table table, String pinned) {
        if (pinned != null && !pinned.isEmpty() && !pinned.equals(table.sha256())) {
            throw new GdflowException(key + ": " + table.file() + " has SHA-256 " + table.sha256() + " now, but the spec pins "
                    + pinned + ": the file changed since the spec was resolved; restore it, or remove the pin to use the new file");
        }
    }

    /** The tables of a csv data set. */
    private record Tables(NumericCsv.Table x, NumericCsv.Table y, NumericCsv.Table weights) {
    }

    private static Tables readCsvTables(CsvData csv) {
        NumericCsv.Table x = NumericCsv.read(csv.x(), csv.header(), "data.header");
        NumericCsv.Table y = NumericCsv.read(csv.y(), csv.header(), "data.header");
        requirePin("data.sha256.x", x, csv.sha256().get("x"));
        requirePin("data.sha256.y", y, csv.sha256().get("y"));
        if (csv.n() > 0 && csv.n() != x.rows()) {
            throw new GdflowException("data.n: " + csv.x() + " has " + x.rows() + " rows now, but the spec pins n = " + csv.n()
                    + ": the file changed since the spec was resolved; restore it, or remove the pin");
        }
        if (csv.d() > 0 && csv.d() != x.columns()) {
            throw new GdflowException("data.d: " + csv.x() + " has " + x.columns() + " columns now, but the spec pins d = " + csv.d()
                    + ": the file changed since the spec was resolved; restore it, or remove the pin");
        }
        if (y.columns() != 1) {
            throw new GdflowException(csv.y() + ": expected one value per line (the targets), found " + y.columns() + " columns");
        }
        if (x.rows() != y.rows()) {
            throw new GdflowException("data.y: " + csv.y() + " has " + y.rows() + " rows but data.x " + csv.x() + " has "
                    + x.rows() + "; they need one row per data point each");
        }
        NumericCsv.Table w = null;
        if (csv.weights().isPresent()) {
            w = NumericCsv.read(csv.weights().get(), csv.header(), "data.header");
            requirePin("data.sha256.weights", w, csv.sha256().get("weights"));
            if (w.columns() != 1 || w.rows() != x.rows()) {
                throw new GdflowException("data.weights: " + w.file() + " has " + w.rows() + "×" + w.columns()
                        + " values; expected one weight per data point (" + x.rows() + " lines)");
            }
            for (int i = 0; i < w.rows(); i++) {
                if (w.values()[i] < 0) {
                    throw new GdflowException("data.weights: " + w.file() + " row " + (i + 1) + ": weight " + w.values()[i] + " is negative");
                }
            }
        }
        return new Tables(x, y, w);
    }

    private static DataSet readCsv(CsvData csv) {
        Tables t = readCsvTables(csv);
        return new DataSet(t.x().values(), t.y().values(), t.weights() == null ? null : t.weights().values(), t.x().rows(),
                t.x().columns());
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
        } else if (g.target() instanceof RandomTarget r && r.distribution().equals("gaussian")) {
            for (int i = 0; i < n; i++) {
                // y ~ N(0, 1)
                y[i] = random.nextGaussian();
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
