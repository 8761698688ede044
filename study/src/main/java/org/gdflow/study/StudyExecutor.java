package org.gdflow.study;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs planned runs, each into {@code studyDir/<id>}: the built-in {@link LocalExecutor} on a
 * thread pool, a cluster executor elsewhere. A run that fails is reported, not thrown.
 */
public interface StudyExecutor {
    /** Runs every run of {@code runs}; returns one outcome per run, in the order of {@code runs}. */
    List<RunOutcome> execute(List<PlannedRun> runs, Path studyDir, StudyListener listener);
}
