package org.gdflow.integrators;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.gdflow.api.Integrator;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;

/**
 * Runs any explicit Runge–Kutta method, given by its {@link ButcherTableau}, with a fixed step dt.
 * An s-stage tableau costs s − 1 evaluations of the field per step: the first stage is the
 * velocity F(θ_k) the caller passes to {@link Stepper#step}.
 *
 * <p>Immutable; {@link #start} allocates the s − 1 stage arrays and one state array, once per run.
 * Zero coefficients of the tableau are skipped.
 */
public class ExplicitRungeKuttaIntegrator implements Integrator {
    private final ButcherTableau tableau;
    private final double dt;

    /**
     * Creates the integrator.
     *
     * @param tableau the method
     * @param dt the time step, positive and finite
     */
    public ExplicitRungeKuttaIntegrator(ButcherTableau tableau, double dt) {
        this.tableau = Objects.requireNonNull(tableau, "tableau");
        this.dt = Checks.timeStep(dt);
    }

    /** The method's tableau. */
    public ButcherTableau tableau() {
        return tableau;
    }

    @Override
    public double stepSize() {
        return dt;
    }

    /** Allocates the stage arrays; {@code random} is not used and may be null. */
    @Override
    public Stepper start(VectorField field, RandomGenerator random) {
        return new RungeKuttaStepper(Objects.requireNonNull(field, "field"), tableau, dt);
    }

    /** The mutable engine of one run: the stages k_2..k_s and the state θ_k + dt Σ a_ij k_j. */
    private static final class RungeKuttaStepper implements Stepper {
        private final VectorField field;
        private final double dt;
        private final int dimension;
        /** For stage i, the indices j &lt; i with a_ij ≠ 0 and their coefficients. */
        private final int[][] couplingIndex;
        private final double[][] couplingValue;
        /** Nonzero weights and the stages they weigh. */
        private final int[] weightIndex;
        private final double[] weightValue;
        /** k[0] is the caller's velocity, set per step; k[1..s−1] are owned. */
        private final double[][] k;
        private final double[] state;

        RungeKuttaStepper(VectorField field, ButcherTableau tableau, double dt) {
            this.field = field;
            this.dt = dt;
            this.dimension = field.dimension();
            int s = tableau.stages();
            double[][] a = tableau.a();
            couplingIndex = new int[s][];
            couplingValue = new double[s][];
            for (int i = 0; i < s; i++) {
                couplingIndex[i] = nonzeroIndices(a[i]);
                couplingValue[i] = valuesAt(a[i], couplingIndex[i]);
            }
            double[] b = tableau.b();
            weightIndex = nonzeroIndices(b);
            weightValue = valuesAt(b, weightIndex);
            k = new double[s][];
            for (int i = 1; i < s; i++) {
                k[i] = new double[dimension];
            }
            state = s > 1 ? new double[dimension] : null;
        }

        /** One step of length dt; {@code remaining} is ignored (a fixed step). */
        @Override
        public double step(double[] theta, double[] velocity, double remaining) {
            Checks.shapes(theta, velocity, dimension);
            k[0] = velocity;
            try {
                for (int i = 1; i < k.length; i++) {
                    // k_i = F(θ + dt Σ_{j<i} a_ij k_j)
                    combine(theta, couplingIndex[i], couplingValue[i], state);
                    field.evaluate(state, k[i]);
                }
                // θ ← θ + dt Σ_i b_i k_i
                combine(theta, weightIndex, weightValue, theta);
            } finally {
                k[0] = null;
            }
            return dt;
        }

        /** out[p] = θ[p] + dt Σ_j coefficient_j k[index_j][p]; out may be θ. */
        private void combine(double[] theta, int[] index, double[] coefficient, double[] out) {
            int terms = index.length;
            if (terms == 1) {
                double[] k0 = k[index[0]];
                double c0 = coefficient[0];
                for (int p = 0; p < dimension; p++) {
                    out[p] = theta[p] + dt * (c0 * k0[p]);
                }
                return;
            }
            for (int p = 0; p < dimension; p++) {
                double sum = 0;
                for (int t = 0; t < terms; t++) {
                    sum += coefficient[t] * k[index[t]][p];
                }
                out[p] = theta[p] + dt * sum;
            }
        }

        private static int[] nonzeroIndices(double[] values) {
            int count = 0;
            for (double v : values) {
                if (v != 0) {
                    count++;
                }
            }
            int[] index = new int[count];
            for (int j = 0, t = 0; j < values.length; j++) {
                if (values[j] != 0) {
                    index[t++] = j;
                }
            }
            return index;
        }

        private static double[] valuesAt(double[] values, int[] index) {
            double[] selected = new double[index.length];
            for (int t = 0; t < index.length; t++) {
                selected[t] = values[index[t]];
            }
            return selected;
        }
    }
}
