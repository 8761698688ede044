package org.gdflow.api;

/**
 * The mutable engine of one run of an {@link Integrator}: holds its work arrays and any state
 * that persists between steps (momentum). Made by {@link Integrator#start} once per run.
 */
public interface Stepper {
    /**
     * Advances θ in place by one step of length {@link Integrator#stepSize()}.
     *
     * @param theta modified: θ_k on entry, θ_{k+1} on return.
     * @param velocity F(θ_k), already evaluated by the caller (the first stage comes free) when
     *     {@link #usesVelocity()}. Not modified.
     */
    void step(double[] theta, double[] velocity);

    /**
     * Whether {@link #step} reads the caller's {@code velocity}. A stepper that evaluates its own
     * field (a mini-batch method) returns false; the caller then skips the full-batch evaluation
     * between steps and measures the loss only where it records or stops, and passes a velocity
     * array whose content is unspecified.
     */
    default boolean usesVelocity() {
        return true;
    }
}
