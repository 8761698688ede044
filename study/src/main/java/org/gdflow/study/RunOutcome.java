package org.gdflow.study;

import java.io.Serializable;

/**
 * How one planned run ended.
 *
 * @param id the run's id
 * @param status core's status label ({@code converged}, {@code time_limit}, {@code step_limit},
 *               {@code diverged}), {@link #FAILED} when the run threw, or {@link #SKIPPED} when a
 *               finished run with the same spec was already in the study folder
 * @param message core's sentence on how it ended, or the error
 */
public record RunOutcome(String id, String status, String message) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The status of a run that threw instead of finishing. */
    public static final String FAILED = "failed";
    /** The status of a run found finished in the study folder. */
    public static final String SKIPPED = "skipped";
}
