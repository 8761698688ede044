package org.gdflow.core.run;

/**
 * One reason a run may stop (a limit, a loss threshold, a condition of a convergence proof that
 * no longer holds). Checked at every step boundary, step 0 included; the first condition that
 * answers ends the run with its status and message.
 */
@FunctionalInterface
public interface StopCondition {
    /** Why the run stops at this point, or null to go on. */
    RunStop check(StepPoint point);
}
