package org.gdflow.core.run;

import java.util.Map;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.core.spec.Spec;

/** The summary quantities of the convergence theory for a finished run. */
final class Diagnostics {
    private Diagnostics() {
    }

    static Map<String, Object> summarise(Spec spec, NetworkProblem problem, NetworkKernels kernels, double[] theta0,
                                         Trajectory trajectory) {
        return Map.of();
    }
}
