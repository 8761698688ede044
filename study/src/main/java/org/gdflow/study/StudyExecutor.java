package org.gdflow.study;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs planned runs, each into {@code studyDir/<id>}: the built-in {@link LocalExecutor} on a
 * thread pool, a cluster executor elsewhere. Made by an {@link ExecutorPlugin}. A run that fails
 * is reported as a {@link RunOutcome#FAILED} outcome, not thrown.
 *
 * <p>A {@link PlannedRun} is plain serialisable data (the resolved spec as JSON text); an executor
 * that runs it in another JVM calls {@link RunWork#detached} there and writes the returned
 * {@link RunFiles} into {@code studyDir/<id>} here, which gives the same folder as a local run.
 */
public interface StudyExecutor {
    /**
     * Refuses, with a message a user can act on, runs this executor can never run (a run larger
     * than a machine's memory); called before anything is written. The default accepts all.
     */
    default void check(List<PlannedRun> runs) {
    }

    /** One line on where and how {@code runs} will run, for the command line ({@code local, 2 jobs × 1 thread}). */
    default String describe(List<PlannedRun> runs) {
        return getClass().getSimpleName();
    }

    /**
     * Runs every run of {@code runs}, calling {@code listener} as each ends (from any thread);
     * returns one outcome per run, in the order of {@code runs}.
     */
    List<RunOutcome> execute(List<PlannedRun> runs, Path studyDir, StudyListener listener);
}
