package org.example.gdflow;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.gdflow.api.Integrator;
import org.gdflow.api.Parameter;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;

/**
 * Dormand–Prince 5(4) with adaptive steps (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4 and
 * II.5): seven stages, the 5th-order solution is kept (local extrapolation), and the difference
 * with the embedded 4th-order solution estimates the local error. A trial step is accepted when
 * <pre>
 *   err = √( (1/N) Σ_i ( e_i / (atol + rtol · max(|θ_i|, |θ̃_i|)) )² ) ≤ 1
 * </pre>
 * and the next trial step is h · min(5, max(0.2, 0.9 · err^(−1/5))) (no growth right after a
 * rejection), capped by {@code max_step} and by the time left before the run's time limit, so the
 * run ends exactly on it.
 *
 * <p>Immutable; {@link #start} allocates the seven stage arrays and two state arrays once per run.
 * Each trial step costs six evaluations of the field (the first stage is the velocity gdflow
 * passes in); gdflow evaluates the field once more at each accepted θ.
 */
public final class Dopri5Integrator implements Integrator {
    /** The safety factor on the optimal step. */
    static final double SAFETY = 0.9;
    /** Bounds on the factor a step may change by. */
    static final double MIN_FACTOR = 0.2;
    static final double MAX_FACTOR = 5.0;
    /** Trial steps in a row that may be rejected before the method gives up. */
    static final int MAX_REJECTIONS = 60;

    // the Butcher tableau of Dormand–Prince 5(4)
    static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
    static final double[][] A = {
        {},
        {1.0 / 5},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
        {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
    /** e = b − b̂: the 5th-order weights (the last row of A) minus the embedded 4th-order ones. */
    static final double[] E = {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40};

    /**
     * The parameters of dopri5.
     *
     * @param rtol relative tolerance of the local error
     * @param atol absolute tolerance of the local error
     * @param initialStep the first trial step; 0 chooses it from the field at θ(0) (Hairer's II.4 rule)
     * @param maxStep the longest step; 0 for no limit
     */
    public record Parameters(
            @Parameter(description = "relative tolerance of the local error", defaultValue = "1e-6") double rtol,
            @Parameter(description = "absolute tolerance of the local error", defaultValue = "1e-9") double atol,
            @Parameter(description = "first trial step (0: chosen from the field at θ(0))", defaultValue = "0") double initialStep,
            @Parameter(description = "the longest step (0: no limit)", defaultValue = "0") double maxStep) {
        /** Checks the tolerances and steps. */
        public Parameters {
            if (!(rtol >= 0) || !(atol >= 0) || rtol + atol == 0 || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
                throw new IllegalArgumentException("rtol and atol must be finite and at least 0, and not both 0; got rtol = "
                        + rtol + ", atol = " + atol);
            }
            if (!(initialStep >= 0) || Double.isInfinite(initialStep)) {
                throw new IllegalArgumentException("initial_step must be 0 (automatic) or a positive, finite time; got " + initialStep);
            }
            if (!(maxStep >= 0)) {
                throw new IllegalArgumentException("max_step must be 0 (no limit) or positive; got " + maxStep);
            }
        }

        /** The longest step: max_step, or +∞ when it is 0. */
        double longestStep() {
            return maxStep == 0 ? Double.POSITIVE_INFINITY : maxStep;
        }
    }

    private final Parameters parameters;

    /** Creates the integrator. */
    public Dopri5Integrator(Parameters parameters) {
        this.parameters = parameters;
    }

    /** The first trial step, or 0 when it is chosen at the start of the run. */
    @Override
    public double stepSize() {
        return parameters.initialStep();
    }

    @Override
    public Stepper start(VectorField field, RandomGenerator random) {
        return new Dopri5Stepper(field, parameters);
    }

    /** The engine of one run: stages, the trial state, the next trial step and the rejection count. */
    static final class Dopri5Stepper implements Stepper {
        private final VectorField field;
        private final Parameters parameters;
        private final int dimension;
        /** k[0] is the caller's velocity during a step; k[1..6] are owned. */
        private final double[][] k = new double[7][];
        private final double[] stage;
        private final double[] trial;
        /** The next trial step; NaN until the first step chooses it. */
        private double next;
        private long rejected;

        Dopri5Stepper(VectorField field, Parameters parameters) {
            this.field = field;
            this.parameters = parameters;
            this.dimension = field.dimension();
            for (int s = 1; s < 7; s++) {
                k[s] = new double[dimension];
            }
            stage = new double[dimension];
            trial = new double[dimension];
            next = parameters.initialStep() > 0 ? parameters.initialStep() : Double.NaN;
        }

        @Override
        public double step(double[] theta, double[] velocity, double remaining) {
            if (Double.isNaN(next)) {
                next = initialStep(theta, velocity);
            }
            k[0] = velocity;
            try {
                boolean rejectedBefore = false;
                for (int attempt = 0; attempt <= MAX_REJECTIONS; attempt++) {
                    double h = Math.min(Math.min(next, parameters.longestStep()), remaining);
                    double err = trialStep(theta, h);
                    if (err <= 1) {
                        // h_next = h · min(5, max(0.2, 0.9 err^(−1/5))), no growth right after a rejection
                        double factor = err == 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * Math.pow(err, -0.2)));
                        if (rejectedBefore) {
                            factor = Math.min(factor, 1);
                        }
                        next = h * factor;
                        System.arraycopy(trial, 0, theta, 0, dimension);
                        return h;
                    }
                    rejected++;
                    rejectedBefore = true;
                    // err NaN (the trial state overflowed): shrink as much as allowed
                    double factor = Double.isNaN(err) ? MIN_FACTOR : Math.max(MIN_FACTOR, SAFETY * Math.pow(err, -0.2));
                    next = h * factor;
                }
                throw new IllegalStateException("dopri5: " + (MAX_REJECTIONS + 1) + " trial steps in a row were rejected (the last"
                        + " was " + next / MIN_FACTOR + "); the field is probably not finite here: lower the tolerances' demands"
                        + " or check the problem");
            } finally {
                k[0] = null;
            }
        }

        /** One trial step of length h from θ into {@code trial}; returns the scaled error norm. */
        private double trialStep(double[] theta, double h) {
            for (int s = 1; s < 7; s++) {
                // stage = θ + h Σ_{j<s} a_sj k_j; k_s = F(stage)
                double[] a = A[s];
                for (int p = 0; p < dimension; p++) {
                    double sum = 0;
                    for (int j = 0; j < s; j++) {
                        sum += a[j] * k[j][p];
                    }
                    stage[p] = theta[p] + h * sum;
                }
                field.evaluate(stage, k[s]);
                if (s == 6) {
                    // the 5th-order solution is the last stage's state (the FSAL property)
                    System.arraycopy(stage, 0, trial, 0, dimension);
                }
            }
            // err² = (1/N) Σ_i (h Σ_s e_s k_s,i / (atol + rtol max(|θ_i|, |θ̃_i|)))²
            double sum = 0;
            for (int p = 0; p < dimension; p++) {
                double e = 0;
                for (int s = 0; s < 7; s++) {
                    e += E[s] * k[s][p];
                }
                double scale = parameters.atol() + parameters.rtol() * Math.max(Math.abs(theta[p]), Math.abs(trial[p]));
                double ratio = h * e / scale;
                sum += ratio * ratio;
            }
            return Math.sqrt(sum / dimension);
        }

        /**
         * Hairer's starting step (II.4): h0 = 0.01 ‖θ‖/‖F(θ)‖ in the error norm, one Euler step to
         * estimate the second derivative, then h = min(100 h0, (0.01 / max(‖F‖, ‖F'‖ h0-estimate))^(1/5)).
         */
        private double initialStep(double[] theta, double[] velocity) {
            double d0 = 0;
            double d1 = 0;
            for (int p = 0; p < dimension; p++) {
                double scale = parameters.atol() + parameters.rtol() * Math.abs(theta[p]);
                d0 += (theta[p] / scale) * (theta[p] / scale);
                d1 += (velocity[p] / scale) * (velocity[p] / scale);
            }
            d0 = Math.sqrt(d0 / dimension);
            d1 = Math.sqrt(d1 / dimension);
            double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
            h0 = Math.min(h0, parameters.longestStep());
            for (int p = 0; p < dimension; p++) {
                stage[p] = theta[p] + h0 * velocity[p];
            }
            field.evaluate(stage, k[1]);
            double d2 = 0;
            for (int p = 0; p < dimension; p++) {
                double scale = parameters.atol() + parameters.rtol() * Math.abs(theta[p]);
                double diff = (k[1][p] - velocity[p]) / scale;
                d2 += diff * diff;
            }
            d2 = Math.sqrt(d2 / dimension) / h0;
            double h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / Math.max(d1, d2), 0.2);
            return Math.min(Math.min(100 * h0, h1), parameters.longestStep());
        }

        @Override
        public Map<String, Long> counts() {
            return Map.of("rejected_steps", rejected);
        }

        /** The next trial step (NaN before the first step) and the rejections so far. */
        @Override
        public double[] saveState() {
            return new double[] {next, rejected};
        }

        @Override
        public void restoreState(double[] state) {
            if (state.length != 2) {
                throw new IllegalArgumentException("a dopri5 state holds 2 values (the next trial step, the rejections), got "
                        + state.length);
            }
            next = state[0];
            rejected = (long) state[1];
        }
    }
}
