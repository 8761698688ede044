package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gdflow.activations.Erf;
import org.gdflow.activations.Relu;
import org.gdflow.activations.Sigmoid;
import org.gdflow.activations.Softplus;
import org.gdflow.activations.Tanh;
import org.gdflow.api.Activation;
import org.gdflow.core.theory.InfiniteWidthKernel.InitialMoments;
import org.gdflow.core.theory.InfiniteWidthKernel.Method;
import org.gdflow.core.theory.InfiniteWidthKernel.Moments;
import org.junit.jupiter.api.Test;

/**
 * The fast ways to H_inf (closed forms for relu and erf, the table in the cosine for points of one
 * norm) against the 2-D rule, entry by entry and on λ0, to 1e-10 relative.
 */
class FastInfiniteWidthKernelTest {
    /** Leaky relu (slope 0.1 below 0): positively homogeneous, so its kernels have ρ = ±1 square-root singularities. */
    private static final Activation LEAKY = new Activation() {
        @Override
        public double value(double z) {
            return z > 0 ? z : 0.1 * z;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1 : 0.1;
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    };

    /** n points uniform on the sphere of radius {@code radius} in R^d. */
    static double[] sphere(int n, int d, double radius, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = random.nextGaussian();
                norm += x[i * d + k] * x[i * d + k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < d; k++) {
                x[i * d + k] *= radius / norm;
            }
        }
        return x;
    }

    /** n Gaussian points: norms all different. */
    static double[] gaussian(int n, int d, long seed) {
        return gaussian(n, d, seed, 1);
    }

    /** n points N(0, scale² I). */
    static double[] gaussian(int n, int d, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * random.nextGaussian();
        }
        return x;
    }

    /** λ_min by the independent Jacobi solver of the tests. */
    private static double lambdaMin(double[] h, int n) {
        return new JacobiEigen().solve(h.clone(), null)[0];
    }

    /** ‖a − b‖_F. */
    private static double frobenius(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    /** max |a − b| / max |b|. */
    private static double relativeMaxDifference(double[] a, double[] b) {
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            largest = Math.max(largest, Math.abs(b[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst / largest;
    }

    private static void assertAgreesWithQuadrature(Activation activation, double[] x, int n, int d, Method method,
                                                   InitialMoments init, boolean trainW, boolean trainA) {
        assertAgreesWithQuadrature(activation, x, n, d, method, init, trainW, trainA, InfiniteWidthKernel.DEFAULT_DEGREE);
    }

    /** The fast method against the polar rule of degree {@code degree}. */
    private static void assertAgreesWithQuadrature(Activation activation, double[] x, int n, int d, Method method,
                                                   InitialMoments init, boolean trainW, boolean trainA, int degree) {
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(activation);
        double[] fast = kernel.matrix(x, n, d, trainW, trainA, init, method);
        double[] rule = new InfiniteWidthKernel(activation, InfiniteWidthKernel.Rule.POLAR, degree)
                .matrix(x, n, d, trainW, trainA, init, Method.QUADRATURE);
        String what = activation.getClass().getSimpleName() + " " + method + " " + init + " W " + trainW + " a " + trainA;
        assertTrue(relativeMaxDifference(fast, rule) < 1e-10, what + ": entries differ by " + relativeMaxDifference(fast, rule));
        double lambdaFast = lambdaMin(fast, n);
        double lambdaRule = lambdaMin(rule, n);
        assertTrue(lambdaRule > 0, what);
        if (activation instanceof Sigmoid || activation instanceof Softplus) {
            // λ0 ≈ 3e-6 ‖H‖ (σ's mean makes H nearly rank one): no method gets it to 1e-10 relative; Weyl, |Δλ| ≤ ‖ΔH‖₂ ≤ ‖ΔH‖_F, plus the solver's round-off
            assertEquals(lambdaRule, lambdaFast, frobenius(fast, rule) + 1e-15 * frobenius(rule, new double[rule.length]), what);
        } else {
            assertEquals(lambdaRule, lambdaFast, 1e-10 * lambdaRule, what);
        }
    }

    @Test
    void theClosedFormsAgreeWithTheRuleOnAnyData() {
        int n = 20;
        int d = 3;
        for (Activation activation : new Activation[] {new Relu(), new Erf()}) {
            // ‖x‖² mostly below 1.5: beyond, erf is steep enough that the rule at K = 64, not the closed form, loses digits
            assertAgreesWithQuadrature(activation, gaussian(n, d, 1, 0.4), n, d, Method.CLOSED_FORM, InitialMoments.STANDARD, true, true);
            assertAgreesWithQuadrature(activation, sphere(n, d, 1, 2), n, d, Method.CLOSED_FORM, InitialMoments.STANDARD, true, false);
            assertAgreesWithQuadrature(activation, sphere(n, d, 1, 3), n, d, Method.CLOSED_FORM, InitialMoments.STANDARD, false, true);
        }
        // σ_w = 1.3 scales the covariance by 1.69 (the rule at K = 128: at 64 it loses digits for steep erf)
        assertAgreesWithQuadrature(new Erf(), gaussian(n, d, 4, 0.4), n, d, Method.CLOSED_FORM, new InitialMoments(1.3, 2), true, true, 128);
        assertAgreesWithQuadrature(new Relu(), gaussian(n, d, 5), n, d, Method.CLOSED_FORM, new InitialMoments(2.5, 9), true, true);
    }

    @Test
    void theClosedFormMomentsMatchTheRuleAtSingleCovariances() {
        InfiniteWidthKernel relu = new InfiniteWidthKernel(new Relu());
        InfiniteWidthKernel erf = new InfiniteWidthKernel(new Erf());
        double[][] covariances = {{1, 1, 1}, {1, -1, 1}, {1, 0.999999, 1}, {0.3, -0.1, 0.8}, {2.25, 1.2, 1}, {1, 0, 1}};
        for (double[] s : covariances) {
            Moments closed = ClosedFormMoments.RELU.moments(s[0], s[1], s[2]);
            Moments rule = relu.moments(s[0], s[1], s[2]);
            assertEquals(rule.derivative(), closed.derivative(), 1e-10 * Math.abs(rule.derivative()) + 1e-15, "relu σ'σ' " + java.util.Arrays.toString(s));
            assertEquals(rule.value(), closed.value(), 1e-10 * Math.abs(rule.value()) + 1e-15, "relu σσ " + java.util.Arrays.toString(s));
            closed = ClosedFormMoments.ERF.moments(s[0], s[1], s[2]);
            rule = erf.moments(s[0], s[1], s[2]);
            assertEquals(rule.derivative(), closed.derivative(), 1e-10 * Math.abs(rule.derivative()), "erf σ'σ' " + java.util.Arrays.toString(s));
            assertEquals(rule.value(), closed.value(), 1e-10 * Math.abs(rule.value()) + 1e-15, "erf σσ " + java.util.Arrays.toString(s));
        }
        // hand values: relu at ρ = 0 gives 1/4 and 1/(2π); erf at Σ = I gives (4/π)/3 and 0
        assertEquals(0.25, ClosedFormMoments.RELU.moments(1, 0, 1).derivative(), 1e-16);
        assertEquals(1 / (2 * Math.PI), ClosedFormMoments.RELU.moments(1, 0, 1).value(), 1e-16);
        assertEquals(4 / (3 * Math.PI), ClosedFormMoments.ERF.moments(1, 0, 1).derivative(), 1e-16);
        assertEquals(0.0, ClosedFormMoments.ERF.moments(1, 0, 1).value(), 0.0);
        assertEquals(new Moments(0, 0), ClosedFormMoments.RELU.moments(0, 0, 1));
    }

    @Test
    void theTableAgreesWithTheRuleOnTheSphere() {
        int n = 22;
        int d = 4;
        for (Activation activation : new Activation[] {new Tanh(), new Sigmoid(), new Softplus(), LEAKY}) {
            assertAgreesWithQuadrature(activation, sphere(n, d, 1, 7), n, d, Method.INNER_PRODUCT_TABLE, InitialMoments.STANDARD, true, true);
        }
        // a sphere of radius 1.5 and σ_w = 0.8: the table's variance is σ_w² c²; and each part alone
        assertAgreesWithQuadrature(new Tanh(), sphere(n, d, 1.5, 8), n, d, Method.INNER_PRODUCT_TABLE, new InitialMoments(0.8, 4), true, true);
        assertAgreesWithQuadrature(new Tanh(), sphere(n, d, 1, 9), n, d, Method.INNER_PRODUCT_TABLE, InitialMoments.STANDARD, true, false);
        assertAgreesWithQuadrature(LEAKY, sphere(n, d, 1, 10), n, d, Method.INNER_PRODUCT_TABLE, InitialMoments.STANDARD, false, true);
    }

    @Test
    void theFastestMethodFollowsTheActivationAndTheNorms() {
        int n = 6;
        int d = 3;
        double[] onSphere = sphere(n, d, 1, 11);
        InfiniteWidthKernel tanh = new InfiniteWidthKernel(new Tanh());
        assertEquals(Method.INNER_PRODUCT_TABLE, tanh.fastestMethod(onSphere, n, d));
        assertEquals(Method.INNER_PRODUCT_TABLE, tanh.fastestMethod(sphere(n, d, 3, 11), n, d), "any common norm");
        assertEquals(Method.QUADRATURE, tanh.fastestMethod(gaussian(n, d, 12), n, d));
        assertEquals(Method.CLOSED_FORM, new InfiniteWidthKernel(new Relu()).fastestMethod(gaussian(n, d, 12), n, d));
        assertEquals(Method.CLOSED_FORM, new InfiniteWidthKernel(new Erf()).fastestMethod(onSphere, n, d));
        // ‖x_5‖² moved by 1e-9 relative: off the sphere; by 4e-14: on it (tolerance 1e-12)
        double[] off = onSphere.clone();
        for (int k = 0; k < d; k++) {
            off[5 * d + k] *= 1 + 0.5e-9;
        }
        assertEquals(Method.QUADRATURE, tanh.fastestMethod(off, n, d));
        double[] near = onSphere.clone();
        for (int k = 0; k < d; k++) {
            near[5 * d + k] *= 1 + 2e-14;
        }
        assertEquals(Method.INNER_PRODUCT_TABLE, tanh.fastestMethod(near, n, d));
        double[] zero = new double[n * d];
        assertEquals(Method.QUADRATURE, tanh.fastestMethod(zero, n, d), "no table for points at the origin");
    }

    @Test
    void aMethodThatDoesNotApplyIsRefused() {
        InfiniteWidthKernel tanh = new InfiniteWidthKernel(new Tanh());
        double[] x = gaussian(4, 2, 13);
        assertEquals("no closed form for the activation org.gdflow.activations.Tanh",
                assertThrows(IllegalArgumentException.class,
                        () -> tanh.matrix(x, 4, 2, true, true, InitialMoments.STANDARD, Method.CLOSED_FORM)).getMessage());
        assertEquals("the points do not all have the same norm (to 1.0E-12 relative in ‖x_i‖²)",
                assertThrows(IllegalArgumentException.class,
                        () -> tanh.matrix(x, 4, 2, true, true, InitialMoments.STANDARD, Method.INNER_PRODUCT_TABLE)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InitialMoments(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new InitialMoments(1, Double.NaN));
    }

    @Test
    void closedFormsAreFoundByTheActivationsClass() {
        assertSame(ClosedFormMoments.RELU, ClosedFormMoments.of(new Relu()));
        assertSame(ClosedFormMoments.ERF, ClosedFormMoments.of(new Erf()));
        assertNull(ClosedFormMoments.of(new Tanh()));
        assertNull(ClosedFormMoments.of(LEAKY));
    }

    @Test
    void theInitialMomentsScaleThePartsAsTheyShould() {
        // E[a²] multiplies the W part only; σ_w enters the covariance: for relu E[σσ] scales by σ_w², E[σ'σ'] not at all
        int n = 8;
        int d = 3;
        double[] x = gaussian(n, d, 14);
        InfiniteWidthKernel relu = new InfiniteWidthKernel(new Relu());
        double[] w1 = relu.matrix(x, n, d, true, false, InitialMoments.STANDARD, Method.CLOSED_FORM);
        double[] w9 = relu.matrix(x, n, d, true, false, new InitialMoments(1, 9), Method.CLOSED_FORM);
        double[] wStd = relu.matrix(x, n, d, true, false, new InitialMoments(3, 1), Method.CLOSED_FORM);
        double[] a1 = relu.matrix(x, n, d, false, true, InitialMoments.STANDARD, Method.CLOSED_FORM);
        double[] a9 = relu.matrix(x, n, d, false, true, new InitialMoments(1, 9), Method.CLOSED_FORM);
        double[] aStd = relu.matrix(x, n, d, false, true, new InitialMoments(3, 1), Method.CLOSED_FORM);
        for (int i = 0; i < n * n; i++) {
            assertEquals(9 * w1[i], w9[i], 1e-14 * Math.abs(w9[i]) + 1e-300);
            assertEquals(w1[i], wStd[i], 1e-14 * Math.abs(w1[i]) + 1e-300);
            assertEquals(a1[i], a9[i], 0.0);
            assertEquals(9 * a1[i], aStd[i], 1e-14 * Math.abs(aStd[i]) + 1e-300);
        }
    }
}
