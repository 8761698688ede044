package org.gdflow.core.run;

/**
 * The flow time of a run, from the lengths of the steps its stepper took. While every step had the
 * same length h the time is k·h exactly (no round-off accumulates over a fixed-step run); once a
 * step differs, it is the compensated (Kahan) sum of the steps.
 *
 * <p>Mutable, one per run; {@link #state()} and {@link #restore} carry it through a checkpoint.
 */
public final class FlowClock {
    private long steps;
    /** The length of the first step; NaN before it. */
    private double firstStep = Double.NaN;
    private boolean uniform = true;
    /** Σ h_k and its Kahan compensation. */
    private double sum;
    private double compensation;
    private double lastStep = Double.NaN;

    /**
     * What a checkpoint keeps of the clock.
     *
     * @param steps steps taken
     * @param firstStep the first step's length (NaN before it)
     * @param uniform whether every step had that length
     * @param sum the compensated sum of the step lengths
     * @param compensation its Kahan compensation
     * @param lastStep the last step's length (NaN before the first)
     */
    public record State(long steps, double firstStep, boolean uniform, double sum, double compensation, double lastStep) {
    }

    /** Counts one step of length h. */
    public void advance(double h) {
        if (!(h > 0) || h == Double.POSITIVE_INFINITY) {
            throw new IllegalStateException("the integrator took a step of length " + h + " at step " + (steps + 1)
                    + "; a step must advance the time by a positive, finite amount");
        }
        if (steps == 0) {
            firstStep = h;
        } else if (h != firstStep) {
            uniform = false;
        }
        steps++;
        lastStep = h;
        // Kahan: sum += h, carrying the low-order bits lost in the addition
        double y = h - compensation;
        double t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }

    /** The steps taken. */
    public long steps() {
        return steps;
    }

    /** t_k: k·h while the steps were equal, their compensated sum otherwise; 0 before the first step. */
    public double time() {
        if (steps == 0) {
            return 0;
        }
        return uniform ? steps * firstStep : sum;
    }

    /** The length of the last step, or {@code fallback} before the first. */
    public double lastStep(double fallback) {
        return steps == 0 ? fallback : lastStep;
    }

    public State state() {
        return new State(steps, firstStep, uniform, sum, compensation, lastStep);
    }

    public void restore(State state) {
        steps = state.steps();
        firstStep = state.firstStep();
        uniform = state.uniform();
        sum = state.sum();
        compensation = state.compensation();
        lastStep = state.lastStep();
    }
}
