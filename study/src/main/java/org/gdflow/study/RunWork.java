package org.gdflow.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gdflow.core.Gdflow;
import java.util.List;
import org.gdflow.core.output.FolderRun;
import org.gdflow.core.run.RunInterrupt;

/**
 * The work of one planned run, a pure function of its spec: {@link #run} into a folder the caller
 * can write (a local executor), or {@link #detached} into a temporary folder whose files come back
 * as {@link RunFiles} (an executor in another JVM, which ships them to the study's machine).
 */
public final class RunWork {
    private RunWork() {
    }

    /** Runs {@code run} into {@code dir}; a failure becomes a {@link RunOutcome#FAILED} outcome. */
    public static RunOutcome run(Gdflow gdflow, PlannedRun run, Path dir) {
        try {
            // a stale summary of an earlier spec must not describe this run if it fails
            Files.deleteIfExists(dir.resolve("summary.json"));
            // the study decided already that this run is to run (FinishedRuns): another spec's files are cleared,
            // a checkpoint of this spec (a killed study) is resumed
            FolderRun.Outcome outcome = gdflow.runInto(gdflow.spec(run.specJson(), Path.of(run.specDir())), dir,
                    new FolderRun.Options(FolderRun.OtherSpec.CLEAR, FolderRun.Finished.RERUN, new RunInterrupt(), List.of(),
                            "a study's run " + run.id()));
            return new RunOutcome(run.id(), outcome.status(), outcome.summary().path("message").asText());
        } catch (IOException | RuntimeException e) {
            return new RunOutcome(run.id(), RunOutcome.FAILED, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Runs {@code run} into a temporary folder, reads back every file it wrote and deletes the
     * folder: what a worker on another machine returns. The worker's {@code gdflow} sees the study's
     * plugins when made with {@code Gdflow.discover(run.pluginPathList())} (once per worker, for
     * every run with that plugin path), the plugin jars being at those paths on the worker too.
     */
    public static RunFiles detached(Gdflow gdflow, PlannedRun run) {
        return detached(gdflow, run, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #detached(Gdflow, PlannedRun)} with its temporary folder made under {@code tmpRoot}. */
    static RunFiles detached(Gdflow gdflow, PlannedRun run, Path tmpRoot) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory(tmpRoot, "gdflow-run-");
        } catch (IOException e) {
            return RunFiles.of(new RunOutcome(run.id(), RunOutcome.FAILED, "cannot create a temporary folder: " + e.getMessage()));
        }
        try {
            RunOutcome outcome = run(gdflow, run, tmp.resolve(run.id()));
            return RunFiles.collect(outcome, tmp.resolve(run.id()));
        } finally {
            RunFiles.delete(tmp);
        }
    }
}
