package org.gdflow.core.run;

import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.spec.Spec.StopSpec;

/**
 * The stop conditions of a spec's {@code stop} block. Two kinds, checked in this order at every
 * step boundary: conditions on what was measured there (the loss below a threshold), then limits
 * that hold whatever the loss is (steps, time), after which the loop measures the loss for the
 * last row. A condition of the first kind takes precedence when both hold.
 */
final class StopConditions {
    /** Relative round-off allowed when the time limit is compared with t_k = k·h. */
    static final double TIME_TOLERANCE = 1e-9;

    private final List<StopCondition> measured;
    private final List<StopCondition> limits;

    StopConditions(List<StopCondition> measured, List<StopCondition> limits) {
        this.measured = List.copyOf(measured);
        this.limits = List.copyOf(limits);
    }

    /**
     * The conditions of {@code stop}, and the interrupt: loss_below, max_weight_change_above, then
     * gram_min_eig_below (measured on {@code gram} against {@code reference}, λ0 or λ_min(H(0)) as the
     * spec's {@code of} says; both unused without it); max_steps, time, then the interrupt (a run that
     * reaches a limit at the step it is interrupted has finished).
     */
    static StopConditions of(StopSpec stop, RunInterrupt interrupt, Metrics.GramAtStep gram, double reference) {
        List<StopCondition> measured = new ArrayList<>();
        measured.add(lossBelow(stop.lossBelow()));
        if (Double.isFinite(stop.maxWeightChangeAbove())) {
            measured.add(leftRadius(stop.maxWeightChangeAbove()));
        }
        if (stop.gramMinEigBelow() != null) {
            measured.add(gramBelowBound(gram, stop.gramMinEigBelow(), reference));
        }
        List<StopCondition> limits = new ArrayList<>();
        limits.add(stepLimit(stop.maxSteps()));
        limits.add(timeLimit(stop.time()));
        limits.add(interrupted(interrupt));
        return new StopConditions(measured, limits);
    }

    /** The first limit that holds at this point, or null. */
    RunStop limit(StepPoint point) {
        return first(limits, point);
    }

    /** The first condition on measured values that holds, else {@code limit}. */
    RunStop decide(StepPoint point, RunStop limit) {
        RunStop stop = first(measured, point);
        return stop != null ? stop : limit;
    }

    private static RunStop first(List<StopCondition> conditions, StepPoint point) {
        for (StopCondition condition : conditions) {
            RunStop stop = condition.check(point);
            if (stop != null) {
                return stop;
            }
        }
        return null;
    }

    /** Converged: L(θ_k) ≤ threshold, where the loss was measured. */
    static StopCondition lossBelow(double threshold) {
        return point -> point.lossMeasured() && point.loss() <= threshold
                ? new RunStop(RunStatus.CONVERGED, "the loss fell below " + threshold + " at step " + point.step())
                : null;
    }

    /**
     * Left the radius: max_r ‖w_r(t) − w_r(0)‖ &gt; R at a recorded step (the rows are where the run
     * measures; between them the condition is not checked). Stateless, so a resumed run checks it as
     * the uninterrupted run does.
     */
    static StopCondition leftRadius(double radius) {
        return point -> {
            if (point.row() == null) {
                return null;
            }
            // max_r ‖w_r(t) − w_r(0)‖
            double change = Metrics.maxWeightChange(point.state());
            return change > radius
                    ? new RunStop(RunStatus.LEFT_RADIUS, "max_r ‖w_r(t) − w_r(0)‖ = " + change + " exceeded stop.max_weight_change_above"
                            + " = " + radius + " at step " + point.step() + " (time " + point.time() + "): the condition"
                            + " ‖w_r(t) − w_r(0)‖ ≤ R of Du et al. (2019) Lemma 3.2, under which λ_min(H(t)) ≥ λ0/2, no longer holds")
                    : null;
        };
    }

    /**
     * Below the Gram bound: λ_min(H(t)) &lt; fraction · reference at a recorded step, the reference being λ0
     * or λ_min(H(0)). H(t) and its spectrum come from {@code gram}, shared with the gram metrics of the same
     * row, so observing {@code gram_min_eig} as well costs no second eigen-solve. Stateless, so a resumed run
     * checks it as the uninterrupted run does.
     */
    static StopCondition gramBelowBound(Metrics.GramAtStep gram, org.gdflow.core.spec.Spec.GramBound bound, double reference) {
        // the bound fraction · λ0 (or · λ_min(H(0)))
        double threshold = bound.fraction() * reference;
        String name = bound.of().equals("initial") ? "λ_min(H(0))" : "λ0";
        return point -> {
            if (point.row() == null) {
                return null;
            }
            // λ_min(H(t))
            double smallest = gram.eigenvalues(point.state())[0];
            return smallest < threshold
                    ? new RunStop(RunStatus.GRAM_BELOW_BOUND, "λ_min(H(t)) = " + smallest + " fell below stop.gram_min_eig_below = "
                            + bound.fraction() + " · " + name + " = " + bound.fraction() + " · " + reference + " = " + threshold
                            + " at step " + point.step() + " (time " + point.time() + "): the hypothesis λ_min(H(s)) ≥ λ0/2 of"
                            + " Du et al. (2019) Lemma 3.3, under which ‖y − u(t)‖² ≤ exp(−λ0 t) ‖y − u(0)‖², no longer holds")
                    : null;
        };
    }

    /** k ≥ max_steps. */
    static StopCondition stepLimit(long maxSteps) {
        return point -> point.step() >= maxSteps
                ? new RunStop(RunStatus.STEP_LIMIT, "reached stop.max_steps = " + maxSteps)
                : null;
    }

    /** Interrupted: a stop was requested, whatever the loss. */
    static StopCondition interrupted(RunInterrupt interrupt) {
        return point -> interrupt.requested()
                ? new RunStop(RunStatus.INTERRUPTED, "interrupted by " + interrupt.reason() + " at step " + point.step()
                        + " (time " + point.time() + "); the checkpoint taken there continues the run")
                : null;
    }

    /** t_k ≥ T, up to a round-off of 1e-9 of the last step. */
    static StopCondition timeLimit(double time) {
        return point -> point.time() >= time - TIME_TOLERANCE * point.stepLength()
                ? new RunStop(RunStatus.TIME_LIMIT, "reached stop.time = " + time)
                : null;
    }
}
