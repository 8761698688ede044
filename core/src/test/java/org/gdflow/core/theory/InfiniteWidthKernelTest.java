package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gdflow.activations.Erf;
import org.gdflow.activations.Relu;
import org.gdflow.activations.Tanh;
import org.gdflow.api.Activation;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.core.Gdflow;
import org.gdflow.core.theory.InfiniteWidthKernel.Moments;
import org.gdflow.core.theory.InfiniteWidthKernel.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * H_inf by 2-D Gaussian quadrature (both rules) against closed forms (erf, relu) and Monte Carlo (tanh).
 */
class InfiniteWidthKernelTest {
    /** Covariances [[s11, s12], [s12, s22]]: unit vectors at several angles, unequal norms, near-collinear pairs. */
    private static final double[][] COVARIANCES = {
        {1, 0, 1}, {1, 0.5, 1}, {1, -0.9, 1}, {1, 0.999, 1}, {1, 1, 1}, {1, -1, 1},
        {0.3, 0.1, 0.8}, {2.25, -1.2, 1.0}, {0.5, 0.7, 1.0}, {1.7, 1.7 * 0.99, 1.7}, {3, 0.6 * Math.sqrt(7.2), 2.4},
    };

    private static InfiniteWidthKernel kernel(Activation activation, Rule rule) {
        int degree = rule == Rule.POLAR ? InfiniteWidthKernel.DEFAULT_DEGREE : InfiniteWidthKernel.DEFAULT_HERMITE_DEGREE;
        return new InfiniteWidthKernel(activation, rule, degree);
    }

    /** erf: E[σ'(u)σ'(v)] = (4/π) / √((1 + 2Σ11)(1 + 2Σ22) − 4Σ12²). */
    static double erfDerivativeClosedForm(double s11, double s12, double s22) {
        return 4 / Math.PI / Math.sqrt((1 + 2 * s11) * (1 + 2 * s22) - 4 * s12 * s12);
    }

    /** erf: E[σ(u)σ(v)] = (2/π) asin(2Σ12 / √((1 + 2Σ11)(1 + 2Σ22))). */
    static double erfValueClosedForm(double s11, double s12, double s22) {
        return 2 / Math.PI * Math.asin(2 * s12 / Math.sqrt((1 + 2 * s11) * (1 + 2 * s22)));
    }

    /** relu (arc-cosine kernels): E[σ'σ'] = (π − θ)/(2π), E[σσ] = √(Σ11Σ22)(sin θ + (π − θ) cos θ)/(2π), cos θ = ρ. */
    static double[] reluClosedForm(double s11, double s12, double s22) {
        double norm = Math.sqrt(s11 * s22);
        double theta = Math.acos(Math.max(-1, Math.min(1, s12 / norm)));
        return new double[] {(Math.PI - theta) / (2 * Math.PI),
            norm * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) / (2 * Math.PI)};
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void erfMatchesTheClosedFormTo1e9(Rule rule) {
        InfiniteWidthKernel kernel = kernel(new Erf(), rule);
        double worst = 0;
        for (double[] s : COVARIANCES) {
            Moments e = kernel.moments(s[0], s[1], s[2]);
            double d = erfDerivativeClosedForm(s[0], s[1], s[2]);
            double v = erfValueClosedForm(s[0], s[1], s[2]);
            worst = Math.max(worst, Math.max(Math.abs(e.derivative() - d), Math.abs(e.value() - v)));
            assertEquals(d, e.derivative(), 1e-9, "E[σ'σ'] at " + Arrays.toString(s));
            assertEquals(v, e.value(), 1e-9, "E[σσ] at " + Arrays.toString(s));
        }
        System.out.printf("erf, %s K = %d: worst error vs closed form %.2e%n", rule, kernel.degree(), worst);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void erfMatrixMatchesTheClosedFormEntrywise(Rule rule) {
        int n = 12;
        int d = 3;
        double[] x = sphere(n, d, 5);
        double[] h = kernel(new Erf(), rule).quadratureMatrix(x, n, d, true, true);
        double[] hw = kernel(new Erf(), rule).quadratureMatrix(x, n, d, true, false);
        double[] ha = kernel(new Erf(), rule).quadratureMatrix(x, n, d, false, true);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s11 = dot(x, d, i, i);
                double s12 = dot(x, d, i, j);
                double s22 = dot(x, d, j, j);
                double w = erfDerivativeClosedForm(s11, s12, s22) * s12;
                double a = erfValueClosedForm(s11, s12, s22);
                worst = Math.max(worst, Math.abs(w + a - h[i * n + j]));
                assertEquals(w + a, h[i * n + j], 1e-9);
                assertEquals(w, hw[i * n + j], 1e-9);
                assertEquals(a, ha[i * n + j], 1e-9);
                assertEquals(h[i * n + j], h[j * n + i], 0.0);
            }
        }
        System.out.printf("erf H_inf on the sphere, %s: worst entry error %.2e%n", rule, worst);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void tanhAgreesWithMonteCarloWithinFourStandardErrors(Rule rule) {
        Activation tanh = new Tanh();
        InfiniteWidthKernel kernel = kernel(tanh, rule);
        SplittableRandom random = new SplittableRandom(17);
        int samples = 1_000_000;
        for (double[] s : new double[][] {{1, 0.5, 1}, {0.3, 0.1, 0.8}, {2.25, -1.2, 1.0}}) {
            double l11 = Math.sqrt(s[0]);
            double l21 = s[1] / l11;
            double l22 = Math.sqrt(s[2] - l21 * l21);
            double[] sumD = new double[2];
            double[] sumV = new double[2];
            for (int k = 0; k < samples; k++) {
                double z1 = random.nextGaussian();
                double z2 = random.nextGaussian();
                double u = l11 * z1;
                double v = l21 * z1 + l22 * z2;
                double gd = tanh.derivative(u) * tanh.derivative(v);
                double gv = tanh.value(u) * tanh.value(v);
                sumD[0] += gd;
                sumD[1] += gd * gd;
                sumV[0] += gv;
                sumV[1] += gv * gv;
            }
            Moments e = kernel.moments(s[0], s[1], s[2]);
            double meanD = sumD[0] / samples;
            double seD = Math.sqrt((sumD[1] / samples - meanD * meanD) / (samples - 1));
            double meanV = sumV[0] / samples;
            double seV = Math.sqrt((sumV[1] / samples - meanV * meanV) / (samples - 1));
            System.out.printf("tanh %s %s: E[σ'σ'] quad %.6f MC %.6f (%.2f SE), E[σσ] quad %.6f MC %.6f (%.2f SE)%n", rule,
                    Arrays.toString(s), e.derivative(), meanD, (e.derivative() - meanD) / seD,
                    e.value(), meanV, (e.value() - meanV) / seV);
            assertTrue(Math.abs(e.derivative() - meanD) <= 4 * seD, "E[σ'σ']: " + e.derivative() + " vs " + meanD + " ± " + seD);
            assertTrue(Math.abs(e.value() - meanV) <= 4 * seV, "E[σσ]: " + e.value() + " vs " + meanV + " ± " + seV);
        }
    }

    @Test
    void theTwoRulesAgreeForTanh() {
        InfiniteWidthKernel polar = kernel(new Tanh(), Rule.POLAR);
        InfiniteWidthKernel hermite = new InfiniteWidthKernel(new Tanh(), Rule.HERMITE, GaussRule.MAX_HERMITE_DEGREE);
        double worst = 0;
        for (double[] s : COVARIANCES) {
            if (s[0] > 2) {
                continue;
            }
            Moments p = polar.moments(s[0], s[1], s[2]);
            Moments h = hermite.moments(s[0], s[1], s[2]);
            worst = Math.max(worst, Math.max(Math.abs(p.derivative() - h.derivative()), Math.abs(p.value() - h.value())));
        }
        System.out.printf("tanh, ‖x‖² ≤ 2: polar K = %d vs Hermite K = %d differ by %.2e%n", polar.degree(), hermite.degree(), worst);
        assertTrue(worst < 1e-8, "polar vs Hermite " + worst);
    }

    @Test
    void polarIsExactForReluAndHermiteIsNot() {
        InfiniteWidthKernel polar = kernel(new Relu(), Rule.POLAR);
        InfiniteWidthKernel hermite = kernel(new Relu(), Rule.HERMITE);
        double worstPolar = 0;
        double worstHermite = 0;
        for (double[] s : COVARIANCES) {
            double[] exact = reluClosedForm(s[0], s[1], s[2]);
            Moments p = polar.moments(s[0], s[1], s[2]);
            Moments h = hermite.moments(s[0], s[1], s[2]);
            worstPolar = Math.max(worstPolar, Math.max(Math.abs(p.derivative() - exact[0]), Math.abs(p.value() - exact[1])));
            worstHermite = Math.max(worstHermite, Math.max(Math.abs(h.derivative() - exact[0]), Math.abs(h.value() - exact[1])));
        }
        System.out.printf("relu vs arc-cosine kernel: polar K = %d %.2e, Hermite K = %d %.2e%n",
                polar.degree(), worstPolar, hermite.degree(), worstHermite);
        assertTrue(worstPolar < 1e-12, "polar " + worstPolar);
        assertTrue(worstHermite > 1e-4, "the Hermite rule is not expected to resolve relu's kinks: " + worstHermite);
    }

    @Test
    void reluLambda0MatchesTheArcCosineKernel() {
        // Du et al.'s setting: relu, W trained, points on the sphere
        int n = 40;
        int d = 3;
        double[] x = sphere(n, d, 3);
        double[] exact = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s12 = dot(x, d, i, j);
                exact[i * n + j] = reluClosedForm(dot(x, d, i, i), s12, dot(x, d, j, j))[0] * s12;
            }
        }
        double[] polar = kernel(new Relu(), Rule.POLAR).quadratureMatrix(x, n, d, true, false);
        double[] hermite = kernel(new Relu(), Rule.HERMITE).quadratureMatrix(x, n, d, true, false);
        Gdflow gdflow = Gdflow.discover();
        for (String name : gdflow.catalog().plugins(org.gdflow.api.PluginKind.BACKEND).keySet()) {
            Backend backend = gdflow.catalog().create(gdflow.catalog().named(org.gdflow.api.PluginKind.BACKEND, name), Backend.class);
            NetworkProblem problem = new NetworkProblem(x, new double[n], new double[n], n, d, 1, new Relu(), 1, 1, true, false);
            try (NetworkKernels kernels = backend.open(problem)) {
                double lambda0 = kernels.symmetricEigen(exact.clone(), null)[0];
                double lambdaPolar = kernels.symmetricEigen(polar.clone(), null)[0];
                double lambdaHermite = kernels.symmetricEigen(hermite.clone(), null)[0];
                System.out.printf("%s, relu n = %d: lambda0 arc-cosine %.10f, polar %.10f, Hermite %.10f%n",
                        name, n, lambda0, lambdaPolar, lambdaHermite);
                assertEquals(lambda0, lambdaPolar, 1e-12);
            }
        }
    }

    private static double[] sphere(int n, int d, long seed) {
        double[] x = new double[n * d];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = random.nextGaussian();
                norm += x[i * d + k] * x[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                x[i * d + k] /= Math.sqrt(norm);
            }
        }
        return x;
    }

    private static double dot(double[] x, int d, int i, int j) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += x[i * d + k] * x[j * d + k];
        }
        return s;
    }
}
