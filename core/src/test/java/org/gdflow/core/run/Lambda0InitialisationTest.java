package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gdflow.core.Gdflow;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * λ0 follows the spec's initialisation: E[a²] multiplies the W-trained part of H_inf, σ_w enters the
 * covariance of (w·x_i, w·x_j); and λ_min(H(0)) of a wide network lands on it.
 */
class Lambda0InitialisationTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    private static Spec spec(int width, String train, String init) {
        return spec(8, width, train, init);
    }

    private static Spec spec(int n, int width, String train, String init) {
        return GDFLOW.spec("""
                { "name": "init", "seed": 5,
                  "data": {"kind": "sphere", "n": %d, "d": 3, "target": {"kind": "random"}},
                  "model": {"width": %d, "activation": "relu", "scaling": "ntk", "train": %s, "init": %s},
                  "integrator": {"name": "gd", "lr": 0.001},
                  "stop": {"max_steps": 1},
                  "theory": true,
                  "backend": "ejml" }
                """.formatted(n, width, train, init), null);
    }

    private static Map<String, Object> diagnostics(Spec spec) {
        return GDFLOW.run(spec).diagnostics();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> assumes(Map<String, Object> d) {
        return (Map<String, Object>) d.get("lambda0_assumes");
    }

    @Test
    void aGaussianOfStdThreeMultipliesTheWPartByNine() {
        Map<String, Object> one = diagnostics(spec(16, "[\"w\"]", "{\"a\": {\"kind\": \"gaussian\", \"std\": 1}}"));
        Map<String, Object> three = diagnostics(spec(16, "[\"w\"]", "{\"a\": {\"kind\": \"gaussian\", \"std\": 3}}"));
        double lambda1 = (double) one.get("lambda0");
        double lambda3 = (double) three.get("lambda0");
        assertTrue(lambda1 > 0);
        assertEquals(9 * lambda1, lambda3, 1e-12 * lambda3);
        assertEquals(9.0, (double) assumes(three).get("a_mean_square"), 0.0);
        assertEquals(1.0, (double) assumes(three).get("w_std"), 0.0);
        assertEquals("gaussian std 3: E[a^2] = 9", assumes(three).get("a"));
        assertEquals("gaussian std 1: w ~ N(0, 1 I)", assumes(three).get("w"));
        assertEquals("closed_form", three.get("lambda0_method"));
        // a constant 2 and rademacher: E[a²] = 4 and 1
        double constant = (double) diagnostics(spec(16, "[\"w\"]", "{\"a\": {\"kind\": \"constant\", \"value\": -2}}")).get("lambda0");
        double rademacher = (double) diagnostics(spec(16, "[\"w\"]", "{\"a\": {\"kind\": \"rademacher\"}}")).get("lambda0");
        assertEquals(4 * lambda1, constant, 1e-12 * constant);
        assertEquals(lambda1, rademacher, 1e-12 * lambda1);
    }

    @Test
    void theAPartIgnoresEOfASquaredAndScalesWithTheWVarianceForRelu() {
        // relu is positively homogeneous: E[σ(u)σ(v)] scales by σ_w², E[σ'σ'] not at all
        double plain = (double) diagnostics(spec(16, "[\"a\"]", "{}")).get("lambda0");
        double bigA = (double) diagnostics(spec(16, "[\"a\"]", "{\"a\": {\"kind\": \"gaussian\", \"std\": 3}}")).get("lambda0");
        double bigW = (double) diagnostics(spec(16, "[\"a\"]", "{\"w\": {\"kind\": \"gaussian\", \"std\": 2}}")).get("lambda0");
        double bigWOnW = (double) diagnostics(spec(16, "[\"w\"]", "{\"w\": {\"kind\": \"gaussian\", \"std\": 2}}")).get("lambda0");
        double plainOnW = (double) diagnostics(spec(16, "[\"w\"]", "{}")).get("lambda0");
        assertEquals(plain, bigA, 0.0);
        assertEquals(4 * plain, bigW, 1e-12 * bigW);
        assertEquals(plainOnW, bigWOnW, 1e-12 * plainOnW);
    }

    @Test
    void theGramMatrixOfAWideNetworkLandsOnTheInitialisationsLambda0() {
        // Weyl: |λ_min(H(0)) − λ0| ≤ ‖H(0) − H_inf‖_F, and E‖H(0) − H_inf‖_F² = Σ_ij Var(h_ij)/m with the
        // per-neuron terms h_ij = a_r² σ'(w_r·x_i) σ'(w_r·x_j) x_i·x_j; the tolerance is 4 root-mean-squares
        // of that norm, estimated from the drawn neurons (Chebyshev: exceeded with probability ≤ 1/16)
        // few points, many neurons: the norm bound is loose (n² entries), so n = 4 and m = 200000
        int m = 200000;
        int n = 4;
        Spec spec = spec(n, m, "[\"w\"]", "{\"a\": {\"kind\": \"gaussian\", \"std\": 3}}");
        RunResult result = GDFLOW.run(spec);
        double lambda0 = (double) result.diagnostics().get("lambda0");
        double gramMin = (double) result.diagnostics().get("gram_min_eig_initial");
        double[] x = GDFLOW.runner().data(spec).x();
        int d = 3;
        double[] theta = result.initialParameters();
        double[] sum = new double[n * n];
        double[] sumSquares = new double[n * n];
        for (int r = 0; r < m; r++) {
            double a2 = theta[m * d + r] * theta[m * d + r];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double zi = 0;
                    double zj = 0;
                    double dot = 0;
                    for (int k = 0; k < d; k++) {
                        zi += theta[r * d + k] * x[i * d + k];
                        zj += theta[r * d + k] * x[j * d + k];
                        dot += x[i * d + k] * x[j * d + k];
                    }
                    double h = zi > 0 && zj > 0 ? a2 * dot : 0;
                    sum[i * n + j] += h;
                    sumSquares[i * n + j] += h * h;
                }
            }
        }
        double meanSquareNorm = 0;
        for (int ij = 0; ij < n * n; ij++) {
            double mean = sum[ij] / m;
            meanSquareNorm += (sumSquares[ij] / m - mean * mean) / m;
        }
        double tolerance = 4 * Math.sqrt(meanSquareNorm);
        assertTrue(tolerance < 0.5 * lambda0, "the test tells 9 λ0 from λ0: tolerance " + tolerance + ", λ0 " + lambda0);
        assertEquals(lambda0, gramMin, tolerance, "λ_min(H(0)) at m = " + m);
    }

    @Test
    void aCsvInitialisationSaysWhatLambda0Assumed(@TempDir Path dir) throws IOException {
        // W = rows of ±2 (mean square 4), a = 1, 3, 1, 3 (mean square 5)
        int m = 4;
        StringBuilder w = new StringBuilder();
        for (int r = 0; r < m; r++) {
            w.append(r % 2 == 0 ? "2,-2,2\n" : "-2,2,2\n");
        }
        Files.writeString(dir.resolve("w.csv"), w);
        Files.writeString(dir.resolve("a.csv"), "1\n3\n1\n3\n");
        Spec spec = GDFLOW.spec("""
                { "name": "csv", "seed": 5,
                  "data": {"kind": "sphere", "n": 8, "d": 3, "target": {"kind": "random"}},
                  "model": {"width": 4, "activation": "relu", "scaling": "ntk", "train": ["w"],
                            "init": {"w": {"kind": "csv", "path": "w.csv"}, "a": {"kind": "csv", "path": "a.csv"}}},
                  "integrator": {"name": "gd", "lr": 0.001},
                  "stop": {"max_steps": 1},
                  "theory": true,
                  "backend": "ejml" }
                """, dir);
        Map<String, Object> d = diagnostics(spec);
        Map<String, Object> assumed = assumes(d);
        assertEquals(2.0, (double) assumed.get("w_std"), 1e-15);
        assertEquals(5.0, (double) assumed.get("a_mean_square"), 1e-15);
        assertEquals("csv: assumed w ~ N(0, 4 I), the mean square of the file's entries", assumed.get("w"));
        assertEquals("csv: E[a^2] = 5, the mean of a_r^2 over the file", assumed.get("a"));
        double standard = (double) diagnostics(spec(4, "[\"w\"]", "{}")).get("lambda0");
        // relu's W part: E[σ'σ'] does not depend on σ_w, so λ0 is 5 times the standard one
        assertEquals(5 * standard, (double) d.get("lambda0"), 1e-12 * standard);
    }
}
