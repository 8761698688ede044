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
    DIVERGED;

    /** The name written into summary.json. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
