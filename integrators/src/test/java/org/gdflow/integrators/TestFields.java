package org.gdflow.integrators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gdflow.api.Integrator;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;

/** Hand-written vector fields with known solutions, and the caller's loop the engine runs. */
final class TestFields {
    private TestFields() {
    }

    /**
     * The linear flow dθ/dt = −Aθ with A = R diag(1, 3) Rᵀ, R the rotation with cos φ = 0.6,
     * sin φ = 0.8: A = [[2.28, −0.96], [−0.96, 1.72]], eigenvectors (0.6, 0.8) for 1 and (−0.8, 0.6) for 3.
     */
    static final class LinearField implements VectorField {
        static final double C = 0.6;
        static final double S = 0.8;
        static final double LAMBDA1 = 1;
        static final double LAMBDA2 = 3;
        private static final double A11 = 2.28;
        private static final double A12 = -0.96;
        private static final double A22 = 1.72;
        int evaluations;

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int sampleCount() {
            return 1;
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            evaluations++;
            double t0 = theta[0];
            double t1 = theta[1];
            velocity[0] = -(A11 * t0 + A12 * t1);
            velocity[1] = -(A12 * t0 + A22 * t1);
            return loss(theta);
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            throw new UnsupportedOperationException("one sample: the full batch is the only batch");
        }

        @Override
        public double loss(double[] theta) {
            return 0.5 * (A11 * theta[0] * theta[0] + 2 * A12 * theta[0] * theta[1] + A22 * theta[1] * theta[1]);
        }

        /** θ(t) = R diag(e^−t, e^−3t) Rᵀ θ(0). */
        static double[] exact(double[] theta0, double t) {
            double q1 = (C * theta0[0] + S * theta0[1]) * Math.exp(-LAMBDA1 * t);
            double q2 = (-S * theta0[0] + C * theta0[1]) * Math.exp(-LAMBDA2 * t);
            return new double[] {C * q1 - S * q2, S * q1 + C * q2};
        }
    }

    /** The 1-D quadratic L = ½ k θ², F(θ) = −kθ. */
    static final class QuadraticField implements VectorField {
        private final double k;

        QuadraticField(double k) {
            this.k = k;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public int sampleCount() {
            return 1;
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            velocity[0] = -k * theta[0];
            return loss(theta);
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double loss(double[] theta) {
            return 0.5 * k * theta[0] * theta[0];
        }
    }

    /**
     * Least squares L = ½ Σ_i (1/n)(x_i·θ − y_i)² on n fixed points in R^d, recording every
     * mini-batch it is asked for.
     */
    static final class RegressionField implements VectorField {
        final int n;
        final int d;
        final double[][] x;
        final double[] y;
        final List<int[]> batches = new ArrayList<>();
        int fullEvaluations;

        RegressionField(int n, int d) {
            this.n = n;
            this.d = d;
            x = new double[n][d];
            y = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] = Math.sin(1.3 * i + 0.7 * j + 0.1) + (i == j ? 1 : 0);
                }
                y[i] = Math.cos(0.9 * i);
            }
        }

        @Override
        public int dimension() {
            return d;
        }

        @Override
        public int sampleCount() {
            return n;
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            fullEvaluations++;
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return accumulate(theta, all, n, 1.0 / n, velocity);
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            batches.add(Arrays.copyOf(batch, size));
            // (n/|B|) μ_i with μ_i = 1/n
            return accumulate(theta, batch, size, 1.0 / size, velocity);
        }

        /** The mini-batch field computed here, from scratch, for a given batch. */
        double[] batchVelocity(double[] theta, int[] batch) {
            double[] velocity = new double[d];
            accumulate(theta, batch, batch.length, 1.0 / batch.length, velocity);
            return velocity;
        }

        private double accumulate(double[] theta, int[] batch, int size, double weight, double[] velocity) {
            Arrays.fill(velocity, 0);
            double loss = 0;
            for (int t = 0; t < size; t++) {
                int i = batch[t];
                double r = -y[i];
                for (int j = 0; j < d; j++) {
                    r += x[i][j] * theta[j];
                }
                loss += 0.5 * weight * r * r;
                for (int j = 0; j < d; j++) {
                    velocity[j] -= weight * r * x[i][j];
                }
            }
            return loss;
        }

        @Override
        public double loss(double[] theta) {
            return evaluate(theta, new double[d]);
        }
    }

    /** The engine's loop: evaluate F(θ_k), then step; returns θ after the given number of steps. */
    static double[] run(Integrator integrator, VectorField field, double[] theta0, int steps, RandomGenerator random) {
        double[] theta = theta0.clone();
        double[] velocity = new double[theta.length];
        Stepper stepper = integrator.start(field, random);
        for (int k = 0; k < steps; k++) {
            field.evaluate(theta, velocity);
            stepper.step(theta, velocity, Double.POSITIVE_INFINITY);
        }
        return theta;
    }
}
