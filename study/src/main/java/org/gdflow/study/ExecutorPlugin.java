package org.gdflow.study;

import org.gdflow.core.Gdflow;

/**
 * The {@code executor} plugin kind: where a study's runs are run. The built-in {@code local}
 * executor runs them on a pool of threads in this JVM; a cluster executor ships them elsewhere.
 * Found by {@link java.util.ServiceLoader}: list the implementing class (public, with a public
 * no-argument constructor) in {@code META-INF/services/org.gdflow.study.ExecutorPlugin}.
 *
 * <p>A study spec chooses one with a top-level block, {@code "executor": {"name": "local", "jobs": 2}}
 * (or just {@code "executor": "local"}); the CLI's {@code --executor NAME} and {@code --jobs N}
 * change it. The block's other members are bound to {@link #parametersType()} exactly like the
 * parameters of an activation or an integrator (snake_case keys, defaults from
 * {@link org.gdflow.api.Parameter}). The block is not part of any run's spec: where runs are run
 * never changes their results.
 *
 * <p>Unlike the plugins of {@code gdflow-api}, an executor depends on {@code gdflow-study} (it runs
 * {@link PlannedRun}s, with {@link RunWork}).
 *
 * @param <P> the record of the executor's parameters
 */
public interface ExecutorPlugin<P extends Record> {
    /** The name a spec uses ({@code "local"}); lower case, unique. */
    String name();

    /** One line for {@code gdflow plugins}. */
    String description();

    /** The record class of the parameters ({@link org.gdflow.api.NoParameters} for none). */
    Class<P> parametersType();

    /** Makes the executor of one study from bound parameters, running runs with the plugins of {@code gdflow}. */
    StudyExecutor create(P parameters, Gdflow gdflow);
}
