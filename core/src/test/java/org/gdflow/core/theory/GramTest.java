package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.data.DataSet;
import org.gdflow.core.run.Initialisation;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Gram matrix every backend forms: H(0) = τ J Jᵀ with J from finite differences of the
 * predictions, and H(0) → H_inf like m^(−1/2) under the ntk scaling.
 */
class GramTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : GDFLOW.catalog().plugins(PluginKind.BACKEND).keySet()) {
            for (String activation : GDFLOW.catalog().plugins(PluginKind.ACTIVATION).keySet()) {
                for (String scaling : List.of("\"ntk\"", "\"mean-field\"")) {
                    for (String train : List.of("[\"w\"]", "[\"a\"]", "[\"w\", \"a\"]")) {
                        cases.add(Arguments.of(backend, activation, scaling, train));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void gramIsTauJJTransposeFromFiniteDifferences(String backendName, String activation, String scaling, String train) {
        Spec spec = GDFLOW.spec("""
                { "seed": 5,
                  "data": {"kind": "gaussian", "n": 7, "d": 3, "target": {"kind": "random"}},
                  "model": {"width": 5, "activation": "%s", "scaling": %s, "train": %s,
                            "init": {"a": {"kind": "gaussian"}}},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"max_steps": 1}, "backend": "%s" }
                """.formatted(activation, scaling, train, backendName), null);
        DataSet data = GDFLOW.runner().data(spec);
        NetworkProblem problem = GDFLOW.runner().problem(spec, data);
        double[] theta = Initialisation.draw(spec.model().init(), problem.width(), problem.d(), new SplittableRandom(9));
        int n = problem.n();
        Backend backend = GDFLOW.catalog().create(spec.backend(), Backend.class);
        try (NetworkKernels kernels = backend.open(problem)) {
            double[] gram = new double[n * n];
            kernels.gram(theta, gram);
            // J_{i,k} = ∂u_i/∂θ_k by central differences, over the trained coordinates
            List<double[]> columns = new ArrayList<>();
            double[] plus = new double[n];
            double[] minus = new double[n];
            for (int k = 0; k < theta.length; k++) {
                boolean trained = k < problem.offsetA() ? problem.trainW() : problem.trainA();
                if (!trained) {
                    continue;
                }
                double h = 1e-5 * Math.max(1, Math.abs(theta[k]));
                double keep = theta[k];
                theta[k] = keep + h;
                kernels.predictions(theta, plus);
                theta[k] = keep - h;
                kernels.predictions(theta, minus);
                theta[k] = keep;
                double[] column = new double[n];
                for (int i = 0; i < n; i++) {
                    column[i] = (plus[i] - minus[i]) / (2 * h);
                }
                columns.add(column);
            }
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double h = 0;
                    for (double[] column : columns) {
                        h += column[i] * column[j];
                    }
                    // τ J Jᵀ
                    h *= problem.timeScale();
                    diff += (gram[i * n + j] - h) * (gram[i * n + j] - h);
                    norm += h * h;
                    assertEquals(gram[i * n + j], gram[j * n + i], 1e-15 * Math.abs(gram[i * n + j]), "H is symmetric");
                }
            }
            assertTrue(norm > 0);
            assertTrue(Math.sqrt(diff / norm) <= 1e-6, "relative Frobenius error " + Math.sqrt(diff / norm));
        }
    }

    @Test
    void initialGramApproachesTheInfiniteWidthMatrixLikeOneOverRootWidth() {
        Spec spec = GDFLOW.spec("""
                { "seed": 2,
                  "data": {"kind": "sphere", "n": 8, "d": 3, "target": {"kind": "random"}},
                  "model": {"width": 256, "activation": "tanh", "scaling": "ntk", "train": ["w", "a"]},
                  "integrator": {"name": "euler", "dt": 0.1}, "stop": {"max_steps": 1}, "backend": "ejml" }
                """, null);
        DataSet data = GDFLOW.runner().data(spec);
        int n = data.n();
        NetworkProblem first = GDFLOW.runner().problem(spec, data);
        double[] hInf = new InfiniteWidthKernel(first.activation()).matrix(data.x(), n, data.d(), true, true);
        int seeds = 16;
        int[] exponents = {8, 9, 10, 11, 12, 13, 14};
        double[] logM = new double[exponents.length];
        double[] logDistance = new double[exponents.length];
        StringBuilder table = new StringBuilder();
        for (int e = 0; e < exponents.length; e++) {
            int m = 1 << exponents[e];
            NetworkProblem problem = GDFLOW.runner().problem(GDFLOW.with(spec, "model.width", Integer.toString(m)), data);
            Backend backend = GDFLOW.catalog().create(spec.backend(), Backend.class);
            double mean = 0;
            try (NetworkKernels kernels = backend.open(problem)) {
                double[] gram = new double[n * n];
                for (int seed = 0; seed < seeds; seed++) {
                    double[] theta = Initialisation.draw(spec.model().init(), m, data.d(), new SplittableRandom(1000L * m + seed));
                    kernels.gram(theta, gram);
                    double sum = 0;
                    for (int k = 0; k < gram.length; k++) {
                        sum += (gram[k] - hInf[k]) * (gram[k] - hInf[k]);
                    }
                    // ‖H(0) − H_inf‖_F, averaged over the seeds
                    mean += Math.sqrt(sum) / seeds;
                }
            }
            logM[e] = Math.log(m);
            logDistance[e] = Math.log(mean);
            table.append(String.format(" m=%d: %.3e", m, mean));
        }
        double slope = slope(logM, logDistance);
        System.out.printf("||H(0) - H_inf||_F (mean of %d seeds):%s; fitted slope %.3f%n", seeds, table, slope);
        assertEquals(-0.5, slope, 0.1);
    }

    /** The least-squares slope of y against x. */
    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        return sxy / sxx;
    }
}
