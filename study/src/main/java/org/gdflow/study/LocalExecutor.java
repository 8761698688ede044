package org.gdflow.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gdflow.core.Gdflow;

/**
 * Runs a study's runs on this machine, {@code jobs} at a time. Each run reads its own spec and owns
 * all its state, so the results do not depend on {@code jobs}.
 */
public final class LocalExecutor implements StudyExecutor {
    private final Gdflow gdflow;
    private final int jobs;

    /** An executor running at most {@code jobs} runs at once with the plugins of {@code gdflow}. */
    public LocalExecutor(Gdflow gdflow, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        this.gdflow = gdflow;
        this.jobs = jobs;
    }

    @Override
    public List<RunOutcome> execute(List<PlannedRun> runs, Path studyDir, StudyListener listener) {
        if (runs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, runs.size()));
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (PlannedRun run : runs) {
                futures.add(pool.submit(() -> {
                    RunOutcome outcome = RunWork.run(gdflow, run, studyDir.resolve(run.id()));
                    listener.ended(outcome);
                    return outcome;
                }));
            }
            List<RunOutcome> outcomes = new ArrayList<>();
            for (Future<RunOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the study", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run ended with an error: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
