package org.gdflow.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gdflow.core.Gdflow;
import org.gdflow.core.run.ProgressListener;
import org.gdflow.core.run.RunResult;

/** Runs one planned run into its folder with core; a pure function of the run's spec. */
final class RunWork {
    private RunWork() {
    }

    /** Runs {@code run} into {@code dir}; a failure becomes a {@link RunOutcome#FAILED} outcome. */
    static RunOutcome run(Gdflow gdflow, PlannedRun run, Path dir) {
        try {
            // a stale summary of an earlier spec must not describe this run if it fails
            Files.deleteIfExists(dir.resolve("summary.json"));
            RunResult result = gdflow.run(gdflow.spec(run.specJson(), Path.of(run.specDir())), dir, ProgressListener.NONE);
            return new RunOutcome(run.id(), result.status().label(), result.message());
        } catch (IOException | RuntimeException e) {
            return new RunOutcome(run.id(), RunOutcome.FAILED, String.valueOf(e.getMessage()));
        }
    }
}
