package org.gdflow.core.run;

/** How a run ended. */
public enum RunStatus {
    /** The loss fell below {@code stop.loss_below}. */
    CONVERGED,
    /** The flow time reached {@code stop.time}. */
    TIME_LIMIT,
    /** {@code stop.max_steps} steps were taken. */
    STEP_LIMIT,
    /** The loss became NaN/Inf or exploded. */
    DIVERGED,
    /**
     * Stopped at a step boundary on request (SIGINT/SIGTERM, or {@link RunInterrupt#request}) before
     * any other condition held; the run can be resumed from the checkpoint taken there.
     */
    INTERRUPTED;

    /** The name written into summary.json. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
