package org.gdflow.core.run;

import java.util.ArrayList;
import java.util.List;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.SpecReader;
import org.gdflow.core.theory.LinearisedPrediction;

/**
 * Makes the trajectory metrics a spec's {@code observe.metrics} names (formulas in docs/METRICS.md).
 *
 * <p>The metrics of one run share one Gram buffer: H(t) is formed once per recorded row (O(n²md))
 * however many of {@code gram_min_eig}, {@code gram_max_eig} and {@code lin_deviation} ask for it,
 * and its spectrum is solved once per row (O(n³)). Work arrays are allocated at the first
 * measurement (step 0), once per run.
 */
final class Metrics {
    private Metrics() {
    }

    /**
     * The metrics of {@code names}, in that order.
     *
     * @throws GdflowException if a name is unknown, or {@code max_a_change} is asked for while a is not trained
     */
    static List<TrajectoryMetric> create(List<String> names, Spec spec) {
        return create(names, spec, new GramAtStep());
    }

    /** The metrics of {@code names}, sharing {@code gram} (H(t) and its spectrum) with whoever else measures it. */
    static List<TrajectoryMetric> create(List<String> names, Spec spec, GramAtStep gram) {
        List<TrajectoryMetric> metrics = new ArrayList<>(names.size());
        for (String name : names) {
            metrics.add(switch (name) {
                case "gram_min_eig" -> metric(name, state -> gram.eigenvalues(state)[0]);
                case "gram_max_eig" -> metric(name, state -> {
                    double[] eig = gram.eigenvalues(state);
                    return eig[eig.length - 1];
                });
                case "max_weight_change" -> metric(name, Metrics::maxWeightChange);
                case "rel_weight_change" -> metric(name, Metrics::relWeightChange);
                case "max_a_change" -> {
                    if (!spec.model().trainA()) {
                        throw new GdflowException("observe.metrics: 'max_a_change' measures the output weights a, but a is not"
                                + " trained (model.train = " + spec.model().train() + "); remove it from observe.metrics"
                                + " or add \"a\" to model.train");
                    }
                    yield metric(name, Metrics::maxAChange);
                }
                case "lin_deviation" -> new LinDeviation(gram);
                // the fraction of (i, r) with 1{w_r(t)·x_i > 0} ≠ 1{w_r(0)·x_i > 0}, on the backend
                case "pattern_flip_fraction" -> metric(name,
                        state -> state.kernels().patternFlipFraction(state.initialParameters(), state.parameters()));
                default -> throw new GdflowException("observe.metrics: unknown metric '" + name + "'; the metrics are "
                        + String.join(", ", SpecReader.METRICS));
            });
        }
        return List.copyOf(metrics);
    }

    /**
     * {@code test_loss}: ½ Σ_i μ_i (f(x_i) − y_i)² over the held-out points, with the training loss's
     * μ (1/n_test or 1), evaluated by the backend's kernels of the test problem.
     */
    static TrajectoryMetric testLoss(NetworkKernels testKernels) {
        return metric("test_loss", state -> testKernels.loss(state.parameters()));
    }

    private static TrajectoryMetric metric(String name, java.util.function.ToDoubleFunction<RunState> measure) {
        return new TrajectoryMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double measure(RunState state) {
                return measure.applyAsDouble(state);
            }
        };
    }

    /** max_r ‖w_r(t) − w_r(0)‖. */
    static double maxWeightChange(RunState state) {
        NetworkProblem p = state.problem();
        double[] theta = state.parameters();
        double[] theta0 = state.initialParameters();
        int d = p.d();
        double max = 0;
        for (int r = 0; r < p.width(); r++) {
            double sum = 0;
            for (int k = r * d; k < (r + 1) * d; k++) {
                double e = theta[k] - theta0[k];
                sum += e * e;
            }
            max = Math.max(max, sum);
        }
        return Math.sqrt(max);
    }

    /** ‖W(t) − W(0)‖_F / ‖W(0)‖_F. */
    private static double relWeightChange(RunState state) {
        double[] theta = state.parameters();
        double[] theta0 = state.initialParameters();
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < state.problem().offsetA(); k++) {
            double e = theta[k] - theta0[k];
            diff += e * e;
            norm += theta0[k] * theta0[k];
        }
        return Math.sqrt(diff / norm);
    }

    /** max_r |a_r(t) − a_r(0)|. */
    private static double maxAChange(RunState state) {
        double[] theta = state.parameters();
        double[] theta0 = state.initialParameters();
        double max = 0;
        for (int k = state.problem().offsetA(); k < theta.length; k++) {
            max = Math.max(max, Math.abs(theta[k] - theta0[k]));
        }
        return max;
    }

    /**
     * H(t) and its spectrum at the step being recorded, computed at most once per step and shared by
     * the metrics of one run.
     */
    static final class GramAtStep {
        private double[] gram;
        private double[] scratch;
        private double[] eigenvalues;
        private long gramStep = -1;
        private long eigenStep = -1;

        /** H(t) at the state's step, n×n; callers must not modify it. */
        double[] gram(RunState state) {
            return gram(state.kernels(), state.parameters(), state.step());
        }

        /** The eigenvalues of H(t), ascending. */
        double[] eigenvalues(RunState state) {
            return eigenvalues(state.kernels(), state.parameters(), state.step());
        }

        /**
         * λ_min(H(0)) before the first step, kept as step 0's spectrum so that the metrics and stops of row 0
         * reuse it instead of forming H(0) and solving it again.
         */
        double initialMinEigenvalue(NetworkKernels kernels, double[] theta0) {
            return eigenvalues(kernels, theta0, 0)[0];
        }

        private double[] gram(NetworkKernels kernels, double[] theta, long step) {
            if (gram == null) {
                int n = kernels.problem().n();
                gram = new double[n * n];
                scratch = new double[n * n];
            }
            if (gramStep != step) {
                kernels.gram(theta, gram);
                gramStep = step;
            }
            return gram;
        }

        private double[] eigenvalues(NetworkKernels kernels, double[] theta, long step) {
            if (eigenStep != step) {
                double[] h = gram(kernels, theta, step);
                // the solver may overwrite its input: hand it a copy
                System.arraycopy(h, 0, scratch, 0, h.length);
                eigenvalues = kernels.symmetricEigen(scratch, null);
                eigenStep = step;
            }
            return eigenvalues;
        }
    }

    /** ‖u(t) − u_lin(t)‖ / √n, u_lin from the eigen-decomposition of the weighted H(0). */
    private static final class LinDeviation implements TrajectoryMetric {
        private final GramAtStep gram;
        private LinearisedPrediction linear;
        private double[] u;
        private double[] residual;

        LinDeviation(GramAtStep gram) {
            this.gram = gram;
        }

        @Override
        public String name() {
            return "lin_deviation";
        }

        @Override
        public double measure(RunState state) {
            NetworkProblem p = state.problem();
            NetworkKernels kernels = state.kernels();
            int n = p.n();
            if (linear == null) {
                u = new double[n];
                residual = new double[n];
                double[] gram0;
                if (state.step() == 0) {
                    gram0 = gram.gram(state);
                } else {
                    gram0 = new double[n * n];
                    kernels.gram(state.initialParameters(), gram0);
                }
                kernels.predictions(state.initialParameters(), u);
                linear = new LinearisedPrediction(gram0, p.mu(), u, p.y(), kernels::symmetricEigen);
            }
            kernels.predictions(state.parameters(), u);
            linear.residual(state.time(), residual);
            double[] y = p.y();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                // (u_i − y_i) − (u_lin,i − y_i)
                double e = (u[i] - y[i]) - residual[i];
                sum += e * e;
            }
            return Math.sqrt(sum / n);
        }
    }
}
