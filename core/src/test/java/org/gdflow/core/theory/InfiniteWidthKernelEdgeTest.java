package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.gdflow.activations.Erf;
import org.gdflow.api.Activation;
import org.gdflow.core.theory.InfiniteWidthKernel.Moments;
import org.gdflow.core.theory.InfiniteWidthKernel.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * H_inf at the edges: zero-norm inputs and near-singular covariances against erf's closed forms,
 * argument errors with their messages, and the documented cost (activation evaluations counted).
 */
class InfiniteWidthKernelEdgeTest {
    private static InfiniteWidthKernel kernel(Activation activation, Rule rule) {
        return new InfiniteWidthKernel(activation, rule, rule == Rule.POLAR ? 64 : 128);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void aZeroInputHasConstantPreActivation(Rule rule) {
        InfiniteWidthKernel kernel = kernel(new Erf(), rule);
        // against erf's closed forms (InfiniteWidthKernelTest), which hold at Σ11 = 0 or Σ22 = 0:
        // u ≡ 0, so E[σ'(0)σ'(v)] = (2/√π) E[σ'(v)] and E[σ(0)σ(v)] = 0
        for (double[] s : new double[][] {{0, 0, 1.5}, {0.7, 0, 0}, {0, 0, 0}}) {
            Moments e = kernel.moments(s[0], s[1], s[2]);
            assertEquals(InfiniteWidthKernelTest.erfDerivativeClosedForm(s[0], s[1], s[2]), e.derivative(), 1e-12, rule + " E[σ'σ']");
            assertEquals(0.0, e.value(), 1e-15, rule + " E[σσ]");
        }
        // x = (0, 0) beside x = (0.6, 0.8): H_inf_00 = E[σ(0)²] = 0 and H_inf_01 = 0 (x_0·x_1 = 0, E[σ(0)σ] = 0)
        double[] h = kernel.quadratureMatrix(new double[] {0, 0, 0.6, 0.8}, 2, 2, true, true);
        assertEquals(0.0, h[0], 1e-15);
        assertEquals(0.0, h[1], 1e-15);
        assertEquals(InfiniteWidthKernelTest.erfDerivativeClosedForm(1, 1, 1) + InfiniteWidthKernelTest.erfValueClosedForm(1, 1, 1),
                h[3], 1e-9);
    }

    @Test
    void covariancesBeyondRoundOffAreRefused() {
        InfiniteWidthKernel kernel = kernel(new Erf(), Rule.POLAR);
        assertEquals("not a covariance: [[1.0, 1.1], [1.1, 1.0]]",
                assertThrows(IllegalArgumentException.class, () -> kernel.moments(1, 1.1, 1)).getMessage());
        assertEquals("not a covariance: [[-1.0, 0.0], [0.0, 1.0]]",
                assertThrows(IllegalArgumentException.class, () -> kernel.moments(-1, 0, 1)).getMessage());
        assertEquals("not a covariance: [[1.0, 0.0], [0.0, -1.0E-300]]",
                assertThrows(IllegalArgumentException.class, () -> kernel.moments(1, 0, -1e-300)).getMessage());
        // the round-off allowance is relative, 1e-12 · max(Σ11, Σ22)²: for collinear inputs of norm 2 (scale 4),
        // Σ12² − Σ11Σ22 = 5e-12 passes and 1e-10 does not
        Moments collinear = kernel.moments(4, 4 + 6.25e-13, 4);
        // (the polar rule is only good to about 1e-7 on this collinear pair of norm 2)
        assertEquals(InfiniteWidthKernelTest.erfDerivativeClosedForm(4, 4, 4), collinear.derivative(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> kernel.moments(4, 4 + 1.25e-11, 4));
    }

    @Test
    void argumentErrors() {
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(new Erf());
        assertEquals(Rule.POLAR, kernel.rule());
        assertEquals(InfiniteWidthKernel.DEFAULT_DEGREE, kernel.degree());
        assertEquals("x has 5 values for n×d = 2×3",
                assertThrows(IllegalArgumentException.class, () -> kernel.matrix(new double[5], 2, 3, true, true)).getMessage());
        assertEquals("at least one of W and a must be trained",
                assertThrows(IllegalArgumentException.class, () -> kernel.matrix(new double[6], 2, 3, false, false)).getMessage());
        assertEquals("activation", assertThrows(NullPointerException.class, () -> new InfiniteWidthKernel(null, Rule.POLAR, 8)).getMessage());
        assertEquals("rule", assertThrows(NullPointerException.class, () -> new InfiniteWidthKernel(new Erf(), null, 8)).getMessage());
        assertEquals("Gauss-Laguerre degree must be in [1, 128], got 129",
                assertThrows(IllegalArgumentException.class, () -> new InfiniteWidthKernel(new Erf(), Rule.POLAR, 129)).getMessage());
        assertEquals(256, new InfiniteWidthKernel(new Erf(), Rule.HERMITE, 256).degree());
    }

    /** erf, counting its evaluations. */
    private static final class Counting implements Activation {
        final Erf erf = new Erf();
        final AtomicLong values = new AtomicLong();
        final AtomicLong derivatives = new AtomicLong();

        @Override
        public double value(double z) {
            values.incrementAndGet();
            return erf.value(z);
        }

        @Override
        public double derivative(double z) {
            derivatives.incrementAndGet();
            return erf.derivative(z);
        }

        @Override
        public double secondDerivative(double z) {
            return erf.secondDerivative(z);
        }
    }

    @Test
    void polarCostIsFourKPerAngularNodeWithArcsCutAtTheKinks() {
        // Σ = I: cuts at 0, π/2 (u = 0), π; two arcs of π/2, each max(16, ⌈64 · 1/2⌉) = 32 angular nodes;
        // per angular node σ and σ' at ±r (α, β) for K = 64 radial nodes: 4 · 64 evaluations
        Counting sigma = new Counting();
        new InfiniteWidthKernel(sigma, Rule.POLAR, 64).moments(1, 0, 1);
        assertEquals(64 * 4 * 64, sigma.values.get());
        assertEquals(64 * 4 * 64, sigma.derivatives.get());
        // Σ12 = 1/2: v = 0 at φ = 5π/6 too; arcs π/2, π/3, π/6 take 32, ⌈21.3⌉ = 22 and max(16, ⌈10.7⌉) = 16 nodes
        Counting tilted = new Counting();
        new InfiniteWidthKernel(tilted, Rule.POLAR, 64).moments(1, 0.5, 1);
        assertEquals((32 + 22 + 16) * 4 * 64, tilted.values.get());
        // Σ11 = 0: u ≡ 0 and v = 0 only at φ = 0, so one arc of π with ⌈128⌉ = 128 nodes
        Counting flat = new Counting();
        new InfiniteWidthKernel(flat, Rule.POLAR, 128).moments(0, 0, 1);
        assertEquals(128 * 4 * 128, flat.values.get());
        // with K = 16 that one arc takes 16 nodes: no cut at π/2, since u ≡ 0 has no kink
        Counting flatSmall = new Counting();
        new InfiniteWidthKernel(flatSmall, Rule.POLAR, 16).moments(0, 0, 1);
        assertEquals(16 * 4 * 16, flatSmall.values.get());
        // collinear inputs: u and v both change sign at π/2, so two arcs of 32 nodes and no empty arc between the cuts
        Counting collinear = new Counting();
        new InfiniteWidthKernel(collinear, Rule.POLAR, 64).moments(1, 1, 1);
        assertEquals(64 * 4 * 64, collinear.values.get());
    }

    @Test
    void hermiteCostIsKPlusKSquared() {
        // σ at u = L11 z_a once (K), at v for every pair (K²)
        Counting sigma = new Counting();
        new InfiniteWidthKernel(sigma, Rule.HERMITE, 10).moments(1, 0.3, 2);
        assertEquals(10 + 100, sigma.values.get());
        assertEquals(10 + 100, sigma.derivatives.get());
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void onlyThePartThatIsTrainedIsEvaluated(Rule rule) {
        double[] x = {0.6, 0.8, 1, 0, 0, -1};
        Counting w = new Counting();
        InfiniteWidthKernel onlyW = new InfiniteWidthKernel(w, rule, 8);
        double[] hw = onlyW.quadratureMatrix(x, 3, 2, true, false);
        assertEquals(0, w.values.get(), "σ is not needed when only W is trained");
        Counting a = new Counting();
        double[] ha = new InfiniteWidthKernel(a, rule, 8).quadratureMatrix(x, 3, 2, false, true);
        assertEquals(0, a.derivatives.get(), "σ' is not needed when only a is trained");
        // and the two parts add up to the matrix with both trained
        double[] both = new InfiniteWidthKernel(new Erf(), rule, 8).quadratureMatrix(x, 3, 2, true, true);
        for (int k = 0; k < 9; k++) {
            assertEquals(both[k], hw[k] + ha[k], 1e-15);
        }
    }
}
