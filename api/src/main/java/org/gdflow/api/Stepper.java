package org.gdflow.api;

import java.util.Map;

/**
 * The mutable engine of one run of an {@link Integrator}: holds its work arrays and any state
 * that persists between steps (momentum, a mini-batch permutation, the next trial step of an
 * adaptive method). Made by {@link Integrator#start} once per run.
 *
 * <p>The stepper owns the step size: each {@link #step} returns the flow time it advanced, and the
 * run adds these up (as k·h exactly while every step had the same length h). A fixed-step method
 * returns its h every time; an adaptive method chooses h_k itself, rejecting and retrying trial
 * steps inside one call.
 */
public interface Stepper {
    /**
     * Advances θ in place by one (accepted) step.
     *
     * @param theta modified: θ_k on entry, θ_{k+1} on return.
     * @param velocity F(θ_k), already evaluated by the caller (the first stage comes free) when
     *     {@link #usesVelocity()}. Not modified.
     * @param remaining the flow time left before the run's time limit ({@code +∞} without one), at
     *     least a round-off above 0. An adaptive method takes no step longer than this, so the run
     *     ends at its time limit; a fixed-step method ignores it (the run stops at the first step
     *     that reaches the limit).
     * @return h_k &gt; 0, the flow time this step advanced (dt for a flow method, the learning rate
     *     for gradient descent)
     */
    double step(double[] theta, double[] velocity, double remaining);

    /**
     * Whether {@link #step} reads the caller's {@code velocity}. A stepper that evaluates its own
     * field (a mini-batch method) returns false; the caller then skips the full-batch evaluation
     * between steps and measures the loss only where it records or stops, and passes a velocity
     * array whose content is unspecified.
     */
    default boolean usesVelocity() {
        return true;
    }

    /**
     * Counts this stepper keeps, reported in summary.json under {@code integrator_counts}, by
     * snake_case name (an adaptive method reports {@code "rejected_steps"}). Accepted steps and
     * field evaluations are counted by gdflow itself. Empty by default.
     */
    default Map<String, Long> counts() {
        return Map.of();
    }

    /**
     * The state that persists between steps, for a checkpoint: momentum, a mini-batch permutation
     * and its position, the next trial step. A run resumed with {@link #restoreState} must go on
     * bit for bit as if it had never stopped. Empty (the default) for a method without such state.
     *
     * @return a new array, owned by the caller
     */
    default double[] saveState() {
        return new double[0];
    }

    /**
     * Restores a state that {@link #saveState} of a stepper of the same integrator (same
     * parameters, same problem) returned; called once, right after {@link Integrator#start}.
     *
     * @param state not modified
     * @throws IllegalArgumentException if the state does not fit this stepper
     */
    default void restoreState(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("this stepper keeps no state between steps, but the saved state has "
                    + state.length + " values");
        }
    }
}
