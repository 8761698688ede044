package org.gdflow.core.run;

/**
 * Everything a run needs to go on from a step boundary as if it had never stopped, apart from what
 * its spec recreates (data, θ(0), the plugins): the value a checkpoint stores.
 *
 * @param step k
 * @param theta θ_k
 * @param loss L(θ_k) where it was measured; otherwise the last loss measured before
 * @param lossMeasured whether {@code loss} is L(θ_k)
 * @param stepperState what {@link org.gdflow.api.Stepper#saveState()} returned
 * @param randomDraws how far the integrator's random stream has moved
 * @param fieldEvaluations the field evaluations so far
 * @param clock the flow clock
 * @param rowsRecorded the trajectory rows recorded so far
 * @param initialLoss L(0), which the divergence threshold is measured against
 */
public record LoopState(long step, double[] theta, double loss, boolean lossMeasured, double[] stepperState, long randomDraws,
                        long fieldEvaluations, FlowClock.State clock, long rowsRecorded, double initialLoss) {
    /** Copies the arrays. */
    public LoopState {
        theta = theta.clone();
        stepperState = stepperState.clone();
    }

    /** A copy of θ_k. */
    @Override
    public double[] theta() {
        return theta.clone();
    }

    /** A copy of the stepper's state. */
    @Override
    public double[] stepperState() {
        return stepperState.clone();
    }
}
