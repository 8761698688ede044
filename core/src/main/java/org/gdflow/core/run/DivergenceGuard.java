package org.gdflow.core.run;

/**
 * Diverged: the loss is not finite, or exceeds diverge_factor · max(L(0), 1). Checked wherever the
 * loss was measured, before the row is recorded (a diverged state's metrics are not computed).
 */
final class DivergenceGuard {
    private final double explode;
    private final String stepName;
    private final double stepSize;

    /**
     * @param divergeFactor stop.diverge_factor
     * @param initialLoss L(0)
     * @param stepName the spec path of the integrator's step (integrator.dt, integrator.lr, ...), for the hint
     * @param stepSize its value
     */
    DivergenceGuard(double divergeFactor, double initialLoss, String stepName, double stepSize) {
        this.explode = divergeFactor * Math.max(initialLoss, 1.0);
        this.stepName = stepName;
        this.stepSize = stepSize;
    }

    /** The stop, if L(θ_k) = {@code loss} means the run diverged; else null. */
    RunStop check(long step, double time, double loss) {
        if (Double.isFinite(loss) && loss <= explode) {
            return null;
        }
        return new RunStop(RunStatus.DIVERGED, "the loss " + (Double.isFinite(loss) ? "exploded to " + loss : "became " + loss)
                + " at step " + step + " (time " + time + "); the step is probably too large for this problem: try a smaller "
                + stepName + " such as " + stepSize / 4);
    }
}
