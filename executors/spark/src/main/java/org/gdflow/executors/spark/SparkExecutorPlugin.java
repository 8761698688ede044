package org.gdflow.executors.spark;

import org.gdflow.api.Parameter;
import org.gdflow.core.Gdflow;
import org.gdflow.study.ExecutorPlugin;
import org.gdflow.study.StudyExecutor;

/**
 * The {@code spark} executor plugin: {@code "executor": {"name": "spark", "master": "spark://host:7077"}}
 * in a study spec, or {@code --executor spark --master URL} on the command line.
 */
public final class SparkExecutorPlugin implements ExecutorPlugin<SparkExecutorPlugin.Parameters> {
    /** The executor's name. */
    public static final String NAME = "spark";

    /**
     * The spark executor's parameters.
     *
     * @param master the Spark master URL ({@code local[N]}, {@code spark://host:port}, {@code yarn},
     *     {@code k8s://...}); empty keeps the one of a running SparkContext or of {@code spark-submit}
     * @param taskCpus cores per task ({@code spark.task.cpus}): the BLAS and Java threads of each run
     * @param appName the application's name in Spark's UI
     */
    public record Parameters(
            @Parameter(defaultValue = "\"\"", description = "Spark master URL (local[N], spark://host:port, yarn, k8s://...); empty: spark-submit's") String master,
            @Parameter(defaultValue = "1", description = "spark.task.cpus: cores of one task, the threads of one run") int taskCpus,
            @Parameter(defaultValue = "\"gdflow study\"", description = "the application's name in Spark's UI") String appName) {
        /** Checks that a task has at least one core. */
        public Parameters {
            if (taskCpus < 1) {
                throw new IllegalArgumentException("task_cpus must be 1 or more, got " + taskCpus);
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "runs each run as one Apache Spark task (any master: local[N], spark://, yarn, k8s://)";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public StudyExecutor create(Parameters parameters, Gdflow gdflow) {
        return new SparkExecutor(parameters);
    }
}
