package org.gdflow.core.run;

/**
 * The run at a step boundary, as stop conditions see it.
 *
 * @param step k, the steps taken
 * @param time t_k
 * @param stepLength the length of the last step (the integrator's step size at step 0)
 * @param loss L(θ_k), or NaN where it was not measured (a mini-batch step that records no row)
 * @param lossMeasured whether {@code loss} is L(θ_k)
 * @param row the trajectory row recorded at this step (step, time, loss, metrics...), or null
 * @param state the whole run at this step, for conditions that measure something themselves
 */
public record StepPoint(long step, double time, double stepLength, double loss, boolean lossMeasured, double[] row,
                        RunState state) {
}
