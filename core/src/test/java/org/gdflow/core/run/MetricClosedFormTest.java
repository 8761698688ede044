package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gdflow.api.Backend;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;

/**
 * Each trajectory metric on a constructed state whose value is worked out by hand: θ and θ(0)
 * chosen so the movements are 3-4-5 triangles, and a Gram matrix built as Q diag(1, 2, 5) Qᵀ with
 * a known rotation Q, so its extreme eigenvalues are 1 and 5.
 */
class MetricClosedFormTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final Spec SPEC = GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 1}"), null);

    /** n = 3 points in d = 2, m = 2 neurons; the data only matters for the Gram and lin metrics. */
    private static NetworkProblem problem() {
        return new NetworkProblem(new double[] {1, 0, 0, 1, 0.6, 0.8}, new double[] {0.5, -0.5, 1}, new double[] {1, 1, 1},
                3, 2, 2, new org.gdflow.activations.Tanh(), 1 / Math.sqrt(2), 1, true, true);
    }

    // θ(0) = (W(0) = [[1, 2], [2, 0]], a(0) = (1, −1)); θ = θ(0) + (ΔW = [[3, 4], [2, 1]], Δa = (−0.5, 6))
    private static final double[] THETA0 = {1, 2, 2, 0, 1, -1};
    private static final double[] THETA = {4, 6, 4, 1, 0.5, 5};

    private static double measure(String name, NetworkKernels kernels) {
        TrajectoryMetric metric = Metrics.create(List.of(name), SPEC).get(0);
        assertEquals(name, metric.name());
        return metric.measure(new RunState(problem(), kernels, THETA0, THETA, 3, 0.3, 0.1));
    }

    private static NetworkKernels ejml() {
        return GDFLOW.catalog().create(GDFLOW.catalog().named(org.gdflow.api.PluginKind.BACKEND, "ejml"), Backend.class)
                .open(problem());
    }

    @Test
    void maxWeightChangeIsTheLargestNeuronDistance() {
        try (NetworkKernels k = ejml()) {
            // ‖Δw_1‖ = √(3² + 4²) = 5, ‖Δw_2‖ = √(2² + 1²) = √5; a sum running into the next neuron's
            // entries or into Δa (√(0.25 + 36) > 5) would give another maximum
            assertEquals(5.0, measure("max_weight_change", k), 1e-15);
        }
    }

    @Test
    void relWeightChangeIsTheFrobeniusRatio() {
        try (NetworkKernels k = ejml()) {
            // ‖ΔW‖_F = √(9 + 16 + 4 + 1) = √30, ‖W(0)‖_F = √(1 + 4 + 4 + 0) = 3
            assertEquals(Math.sqrt(30) / 3, measure("rel_weight_change", k), 1e-15);
        }
    }

    @Test
    void maxAChangeIsTheLargestOutputWeightMove() {
        try (NetworkKernels k = ejml()) {
            // |Δa| = (0.5, 6)
            assertEquals(6.0, measure("max_a_change", k), 1e-15);
        }
    }

    @Test
    void gramEigenvaluesAreTheSmallestAndLargestOfAKnownSpectrum() {
        try (NetworkKernels k = new KnownGram(ejml())) {
            assertEquals(1.0, measure("gram_min_eig", k), 1e-13);
            assertEquals(5.0, measure("gram_max_eig", k), 1e-13);
        }
    }

    @Test
    void metricsSharingTheGramFormItOncePerStep() {
        try (KnownGram k = new KnownGram(ejml())) {
            List<TrajectoryMetric> metrics = Metrics.create(List.of("gram_min_eig", "gram_max_eig"), SPEC);
            RunState state = new RunState(problem(), k, THETA0, THETA, 3, 0.3, 0.1);
            assertEquals(1.0, metrics.get(0).measure(state), 1e-13);
            assertEquals(5.0, metrics.get(1).measure(state), 1e-13);
            assertEquals(1, k.grams);
            RunState next = new RunState(problem(), k, THETA0, THETA, 4, 0.4, 0.1);
            metrics.get(1).measure(next);
            assertEquals(2, k.grams, "a new step forms H(t) again");
        }
    }

    @Test
    void theInitialSpectrumTakenBeforeTheRunIsReusedByRowZero() {
        try (KnownGram k = new KnownGram(ejml())) {
            Metrics.GramAtStep gram = new Metrics.GramAtStep();
            // λ_min(Q diag(1, 2, 5) Qᵀ) = 1, the reference of stop.gram_min_eig_below {of: initial}
            assertEquals(1.0, gram.initialMinEigenvalue(k, THETA0), 1e-13);
            assertEquals(1, k.grams);
            assertEquals(1, k.eigens);
            TrajectoryMetric smallest = Metrics.create(List.of("gram_min_eig"), SPEC, gram).get(0);
            assertEquals(1.0, smallest.measure(new RunState(problem(), k, THETA0, THETA0, 0, 0.0, 0.1)), 1e-13);
            assertEquals(1, k.grams, "row 0 takes H(0) from the solve before the run");
            assertEquals(1, k.eigens, "row 0 takes λ_min(H(0)) from the solve before the run");
            assertEquals(1.0, smallest.measure(new RunState(problem(), k, THETA0, THETA, 4, 0.4, 0.1)), 1e-13);
            assertEquals(2, k.grams, "a later step forms H(t) again");
            assertEquals(2, k.eigens, "a later step solves H(t) again");
        }
    }

    @Test
    void linDeviationFirstMeasuredAfterStepZeroStillLinearisesAtTheInitialState() {
        // reference: the same metric measured at step 0 first, which takes H(0) from the shared buffer
        try (NetworkKernels k = ejml()) {
            TrajectoryMetric fromStart = Metrics.create(List.of("lin_deviation"), SPEC).get(0);
            assertEquals(0.0, fromStart.measure(new RunState(problem(), k, THETA0, THETA0, 0, 0.0, 0.1)), 1e-15);
            double expected = fromStart.measure(new RunState(problem(), k, THETA0, THETA, 3, 0.3, 0.1));
            TrajectoryMetric late = Metrics.create(List.of("lin_deviation"), SPEC).get(0);
            double measured = late.measure(new RunState(problem(), k, THETA0, THETA, 3, 0.3, 0.1));
            assertEquals(expected, measured, 1e-14 * expected);
            assertTrue(expected > 0.1, "θ has moved far from θ(0): " + expected);
        }
    }

    @Test
    void anUnknownMetricIsRefusedWithTheListOfMetrics() {
        GdflowException e = assertThrows(GdflowException.class, () -> Metrics.create(List.of("loss_slope"), SPEC));
        assertEquals("observe.metrics: unknown metric 'loss_slope'; the metrics are gram_min_eig, gram_max_eig,"
                + " max_weight_change, rel_weight_change, max_a_change, lin_deviation, pattern_flip_fraction", e.getMessage());
    }

    @Test
    void maxAChangeIsRefusedWhenAIsNotTrained() {
        Spec wOnly = GDFLOW.with(SPEC, "model.train", "[\"w\"]");
        GdflowException e = assertThrows(GdflowException.class, () -> Metrics.create(List.of("max_a_change"), wOnly));
        assertEquals("observe.metrics: 'max_a_change' measures the output weights a, but a is not trained"
                + " (model.train = [w]); remove it from observe.metrics or add \"a\" to model.train", e.getMessage());
    }

    /** Kernels whose Gram matrix is Q diag(1, 2, 5) Qᵀ for a fixed rotation Q, whatever θ; the rest is ejml's. */
    private static final class KnownGram implements NetworkKernels {
        private final NetworkKernels inner;
        int grams;
        int eigens;

        KnownGram(NetworkKernels inner) {
            this.inner = inner;
        }

        @Override
        public void gram(double[] theta, double[] gram) {
            grams++;
            // Q: a rotation by 0.3 in the (0, 1) plane followed by one by 0.7 in the (1, 2) plane
            double c1 = Math.cos(0.3);
            double s1 = Math.sin(0.3);
            double c2 = Math.cos(0.7);
            double s2 = Math.sin(0.7);
            double[][] q = {{c1, -s1, 0}, {c2 * s1, c2 * c1, -s2}, {s2 * s1, s2 * c1, c2}};
            double[] lambda = {2, 5, 1};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double sum = 0;
                    for (int k = 0; k < 3; k++) {
                        sum += q[i][k] * lambda[k] * q[j][k];
                    }
                    gram[i * 3 + j] = sum;
                }
            }
        }

        @Override
        public NetworkProblem problem() {
            return inner.problem();
        }

        @Override
        public void predictions(double[] theta, double[] u) {
            inner.predictions(theta, u);
        }

        @Override
        public double[] symmetricEigen(double[] symmetric, double[] eigenvectors) {
            eigens++;
            return inner.symmetricEigen(symmetric, eigenvectors);
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            return inner.evaluate(theta, velocity);
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            return inner.evaluateBatch(theta, batch, size, velocity);
        }

        @Override
        public double loss(double[] theta) {
            return inner.loss(theta);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
