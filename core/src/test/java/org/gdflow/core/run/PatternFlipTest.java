package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gdflow.api.Activation;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.data.NumericCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pattern_flip_fraction against a direct count of the changed signs, on both backends and the api's default. */
class PatternFlipTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    /** Counts (i, r) with 1{w_r·x_i > 0} differing between the two W, over n·m. */
    private static double directCount(double[] x, double[] w0, double[] w, int n, int d, int m) {
        int flips = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < m; r++) {
                double z0 = 0;
                double z = 0;
                for (int k = 0; k < d; k++) {
                    z0 += w0[r * d + k] * x[i * d + k];
                    z += w[r * d + k] * x[i * d + k];
                }
                boolean on0 = z0 > 0;
                boolean on = z > 0;
                if (on0 != on) {
                    flips++;
                }
            }
        }
        return flips / (double) (n * m);
    }

    private static NetworkKernels open(String backend, NetworkProblem problem) {
        return GDFLOW.catalog().create(GDFLOW.catalog().named(PluginKind.BACKEND, backend), Backend.class).open(problem);
    }

    private static NetworkProblem problem(double[] x, int n, int d, int m) {
        Activation relu = GDFLOW.catalog().create(GDFLOW.catalog().named(PluginKind.ACTIVATION, "relu"), Activation.class);
        return new NetworkProblem(x, new double[n], filled(n, 1.0 / n), n, d, m, relu, 1 / Math.sqrt(m), 1, true, false);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** The kernels' abstract methods unused: only the default patternFlipFraction is called. */
    private static NetworkKernels defaultOnly(NetworkProblem problem) {
        return new NetworkKernels() {
            @Override
            public NetworkProblem problem() {
                return problem;
            }

            @Override
            public void predictions(double[] theta, double[] u) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void gram(double[] theta, double[] gram) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double[] symmetricEigen(double[] symmetric, double[] eigenvectors) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double evaluate(double[] theta, double[] velocity) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double loss(double[] theta) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void bothBackendsAndTheDefaultGiveTheDirectCountExactly() {
        int n = 37;
        int d = 5;
        int m = 23;
        SplittableRandom random = new SplittableRandom(4);
        double[] x = random.doubles(n * d, -1, 1).toArray();
        double[] theta0 = random.doubles(m * d + m, -1, 1).toArray();
        NetworkProblem problem = problem(x, n, d, m);
        for (double step : new double[] {0.0, 0.05, 0.3, 2.0}) {
            double[] theta = theta0.clone();
            for (int k = 0; k < theta.length; k++) {
                theta[k] += step * random.nextGaussian();
            }
            double expected = directCount(x, theta0, theta, n, d, m);
            try (NetworkKernels ejml = open("ejml", problem); NetworkKernels nd4j = open("nd4j", problem)) {
                assertEquals(expected, ejml.patternFlipFraction(theta0, theta), 0.0, "ejml, step " + step);
                assertEquals(expected, nd4j.patternFlipFraction(theta0, theta), 0.0, "nd4j, step " + step);
                assertEquals(expected, defaultOnly(problem).patternFlipFraction(theta0, theta), 0.0, "default, step " + step);
                // the kernels still evaluate correctly afterwards (the work arrays are recomputed)
                assertEquals(ejml.loss(theta), nd4j.loss(theta), 1e-12);
            }
            if (step == 0.0) {
                assertEquals(0.0, expected, 0.0);
            } else if (step == 2.0) {
                assertTrue(expected > 0.2, "large moves flip many patterns: " + expected);
            }
        }
    }

    @Test
    void aPreActivationOfZeroCountsAsInactive() {
        // x_1 = (1, 0), x_2 = (0, 1); w(0) = (0, 1): z(0) = (0, 1), so x_1 starts inactive
        double[] x = {1, 0, 0, 1};
        double[] theta0 = {0, 1, 1};
        NetworkProblem problem = problem(x, 2, 2, 1);
        double[][] cases = {
            {0.5, 1, 1, 0.5},   // z = (0.5, 1): x_1 turns on, a flip; x_2 stays on
            {-0.5, 1, 1, 0.0},  // z = (−0.5, 1): x_1 stays off (0 and negative are both inactive)
            {0, 0, 1, 0.5},     // z = (0, 0): x_2 turns off at exactly 0
        };
        for (String backend : new String[] {"ejml", "nd4j"}) {
            try (NetworkKernels kernels = open(backend, problem)) {
                for (double[] c : cases) {
                    double[] theta = {c[0], c[1], c[2]};
                    assertEquals(c[3], kernels.patternFlipFraction(theta0, theta), 0.0, backend + " w = (" + c[0] + ", " + c[1] + ")");
                    assertEquals(c[3], defaultOnly(problem).patternFlipFraction(theta0, theta), 0.0);
                }
            }
        }
    }

    @Test
    void theTrajectoryColumnIsTheCountOfTheSavedParametersAndData(@TempDir Path dir) {
        int n = 12;
        int d = 3;
        int m = 16;
        for (String backend : new String[] {"ejml", "nd4j"}) {
            Path out = dir.resolve(backend);
            GDFLOW.run(GDFLOW.spec("""
                    { "seed": 3, "data": {"kind": "sphere", "n": %d, "d": %d, "target": {"kind": "random", "distribution": "gaussian"}},
                      "model": {"width": %d, "activation": "relu", "scaling": "ntk", "train": ["w"]},
                      "integrator": {"name": "gd", "lr": 0.5}, "stop": {"max_steps": 40},
                      "observe": {"every": 10, "metrics": ["pattern_flip_fraction"]},
                      "output": {"parameters": true, "data": true}, "backend": "%s" }
                    """.formatted(n, d, m, backend), dir), out, ProgressListener.NONE);
            double[] x = NumericCsv.read(out.resolve("data/x.csv")).values();
            double[] w0 = NumericCsv.read(out.resolve("params/w0.csv")).values();
            double[] w = NumericCsv.read(out.resolve("params/w.csv")).values();
            double[] column = Trajectory.read(out.resolve("trajectory.csv")).column("pattern_flip_fraction");
            assertEquals(0.0, column[0], 0.0, backend);
            double expected = directCount(x, w0, w, n, d, m);
            assertEquals(expected, column[column.length - 1], 0.0, backend);
            assertTrue(expected > 0, backend + ": some patterns flip at this width and step: " + expected);
        }
    }
}
