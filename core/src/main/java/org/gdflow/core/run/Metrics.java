package org.gdflow.core.run;

import java.util.List;
import org.gdflow.core.GdflowException;
import org.gdflow.core.spec.Spec;

/** Makes the trajectory metrics a spec's {@code observe.metrics} names. */
final class Metrics {
    private Metrics() {
    }

    static List<TrajectoryMetric> create(List<String> names, Spec spec) {
        if (!names.isEmpty()) {
            throw new GdflowException("observe.metrics: metrics are not available in this build");
        }
        return List.of();
    }
}
