package org.gdflow.integrators;

/** The parameter checks of the built-in integrators; every message names the parameter, the value and a remedy. */
final class Checks {
    private Checks() {
    }

    /** Checks a time step dt. */
    static double timeStep(double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt must be positive and finite, got " + dt + "; use a step such as 0.01");
        }
        return dt;
    }

    /** Checks a learning rate lr. */
    static double learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be positive and finite, got " + lr + "; use a learning rate such as 0.1");
        }
        return lr;
    }

    /** Checks a heavy-ball momentum. */
    static double momentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum
                    + "; use 0 for plain gradient descent or a value such as 0.9 for heavy ball");
        }
        return momentum;
    }

    /** Checks a mini-batch size. */
    static int batchSize(int batchSize) {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch_size must be >= 0, got " + batchSize
                    + "; use 0 for the full batch or a mini-batch size between 1 and n");
        }
        return batchSize;
    }

    /** Checks that θ and F(θ) have the field's dimension. */
    static void shapes(double[] theta, double[] velocity, int dimension) {
        if (theta.length != dimension || velocity.length != dimension) {
            throw new IllegalArgumentException("Inconsistent shapes: theta has " + theta.length + " values, velocity has "
                    + velocity.length + ", the field's dimension is " + dimension);
        }
    }
}
