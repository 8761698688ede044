package org.gdflow.core.run;

import java.util.Map;
import org.gdflow.core.data.DataSet;
import org.gdflow.core.spec.Spec;

/**
 * The outcome of one run.
 *
 * @param spec the resolved spec that ran
 * @param status how it ended
 * @param message a sentence on how it ended (what to do, when diverged)
 * @param finalLoss the loss at the last step
 * @param steps steps taken
 * @param time flow time reached
 * @param wallSeconds wall-clock seconds
 * @param trajectory the recorded rows
 * @param initialParameters θ(0): W row-major, then a
 * @param finalParameters θ at the last step
 * @param diagnostics summary quantities of the theory (λ0, rate, rate bound, ...), by name
 * @param provenance where the result came from
 * @param data the training data the run used (what {@code output.data} writes), or null when not kept
 * @param testData the held-out data ({@code data.test}), or null
 */
public record RunResult(Spec spec, RunStatus status, String message, double finalLoss, long steps, double time,
                        double wallSeconds, Trajectory trajectory, double[] initialParameters, double[] finalParameters,
                        Map<String, Object> diagnostics, Provenance provenance, DataSet data, DataSet testData) {
    /** A result that keeps no data sets. */
    public RunResult(Spec spec, RunStatus status, String message, double finalLoss, long steps, double time,
                     double wallSeconds, Trajectory trajectory, double[] initialParameters, double[] finalParameters,
                     Map<String, Object> diagnostics, Provenance provenance) {
        this(spec, status, message, finalLoss, steps, time, wallSeconds, trajectory, initialParameters, finalParameters,
                diagnostics, provenance, null, null);
    }

    /** Copies the arrays and the map. */
    public RunResult {
        initialParameters = initialParameters.clone();
        finalParameters = finalParameters.clone();
        diagnostics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(diagnostics));
    }

    /** A copy of θ(0). */
    @Override
    public double[] initialParameters() {
        return initialParameters.clone();
    }

    /** A copy of the final θ. */
    @Override
    public double[] finalParameters() {
        return finalParameters.clone();
    }
}
