package org.gdflow.integrators;

import org.gdflow.api.Parameter;

/**
 * The parameters of the fixed-step flow integrators {@code euler} and {@code rk4} (JSON key {@code dt}).
 *
 * @param dt the time step, positive and finite
 */
public record FlowStepParameters(@Parameter(description = "time step dt > 0") double dt) {

    /** Checks that dt is positive and finite. */
    public FlowStepParameters {
        Checks.timeStep(dt);
    }
}
