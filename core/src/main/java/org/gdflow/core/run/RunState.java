package org.gdflow.core.run;

import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;

/**
 * A read-only view of a run at an observed step, for {@link TrajectoryMetric}s. The arrays are
 * the run's own: metrics must not modify them.
 *
 * @param problem the problem being trained
 * @param kernels the backend's kernels of this run
 * @param initialParameters θ(0)
 * @param parameters θ at this step
 * @param step the step number
 * @param time the flow time
 * @param loss L(θ)
 */
public record RunState(NetworkProblem problem, NetworkKernels kernels, double[] initialParameters, double[] parameters,
                       long step, double time, double loss) {
}
