package org.gdflow.api;

import java.util.random.RandomGenerator;

/**
 * A time stepper for dθ/dt = F(θ), pure Java over {@code double[]}; it knows nothing of backends.
 * Immutable; {@link #start} makes the mutable {@link Stepper} of one run.
 */
public interface Integrator {
    /**
     * The time one step advances (dt for a flow integrator, the learning rate for gradient descent);
     * for an adaptive method, its first trial step. Named in messages ("try a smaller dt such as
     * h/4"); the time a step actually advances is what {@link Stepper#step} returns.
     */
    double stepSize();

    /**
     * Makes the stepper of one run; work arrays are allocated here, once.
     *
     * @param field the vector field, evaluated as often as the method needs
     * @param random the run's integrator stream (seeded from the spec), for stochastic methods
     */
    Stepper start(VectorField field, RandomGenerator random);
}
