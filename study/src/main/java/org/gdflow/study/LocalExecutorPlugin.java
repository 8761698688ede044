package org.gdflow.study;

import org.gdflow.api.Parameter;
import org.gdflow.core.Gdflow;

/** The built-in {@code local} executor: a pool of threads in this JVM ({@link LocalExecutor}). */
public final class LocalExecutorPlugin implements ExecutorPlugin<LocalExecutorPlugin.Parameters> {
    /** The executor's name. */
    public static final String NAME = "local";

    /**
     * The local executor's parameters.
     *
     * @param jobs runs at once; 0 picks as many as fit the cores and the heap
     */
    public record Parameters(
            @Parameter(defaultValue = "0", description = "runs at once; 0 = as many as fit the cores and the heap") int jobs) {
        /** Checks that jobs is not negative. */
        public Parameters {
            if (jobs < 0) {
                throw new IllegalArgumentException("jobs must be 0 (automatic) or more, got " + jobs);
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "runs on a pool of threads in this JVM, jobs × BLAS threads ≤ cores";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public StudyExecutor create(Parameters parameters, Gdflow gdflow) {
        return new LocalExecutor(gdflow, parameters.jobs());
    }
}
