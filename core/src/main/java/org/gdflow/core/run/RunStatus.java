package org.gdflow.core.run;

/** How a run ended. */
public enum RunStatus {
    /** The loss fell below {@code stop.loss_below}. */
    CONVERGED,
    /** The flow time reached {@code stop.time}. */
    TIME_LIMIT,
    /** {@code stop.max_steps} steps were taken. */
    STEP_LIMIT,
    /**
     * max_r ‖w_r(t) − w_r(0)‖ exceeded {@code stop.max_weight_change_above} = R at a recorded step: the
     * condition ‖w_r(t) − w_r(0)‖ ≤ R under which Du et al. (2019, Lemma 3.2) keep λ_min(H(t)) ≥ λ0/2.
     */
    LEFT_RADIUS,
    /**
     * λ_min(H(t)) fell below {@code stop.gram_min_eig_below} (a fraction of λ0 or of λ_min(H(0))) at a
     * recorded step: the hypothesis λ_min(H(s)) ≥ λ0/2 under which Du et al. (2019, Lemma 3.3) prove
     * ‖y − u(t)‖² ≤ exp(−λ0 t) ‖y − u(0)‖².
     */
    GRAM_BELOW_BOUND,
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
