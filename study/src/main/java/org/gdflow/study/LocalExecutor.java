package org.gdflow.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gdflow.api.Backend;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.InsufficientMemoryException;
import org.gdflow.core.run.MemoryEstimate;

/**
 * Runs a study's runs on this machine, {@code jobs} at a time. Each run reads its own spec and owns
 * all its state, so the results do not depend on {@code jobs}.
 *
 * <p>With {@code jobs = 0} the pool is as large as fits: at most one run per core, and no more runs
 * at once than the heap holds by their {@link MemoryEstimate}s (the largest estimate counted for
 * every slot). A run whose estimate alone exceeds the heap is refused before any run starts. Each
 * run's backend may use {@code max(1, cores / jobs)} threads, so that jobs × threads does not
 * oversubscribe the cores.
 */
public final class LocalExecutor implements StudyExecutor {
    private final Gdflow gdflow;
    private final int jobs;
    private final int cores;
    private final long memory;

    /**
     * An executor running at most {@code jobs} runs at once (0: as many as fit) with the plugins of
     * {@code gdflow}, on this machine's cores and this JVM's heap.
     */
    public LocalExecutor(Gdflow gdflow, int jobs) {
        this(gdflow, jobs, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }

    /** An executor on {@code cores} cores and {@code memory} bytes of heap (for tests). */
    LocalExecutor(Gdflow gdflow, int jobs, int cores, long memory) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be 0 (as many as fit) or more, got " + jobs);
        }
        this.gdflow = gdflow;
        this.jobs = jobs;
        this.cores = cores;
        this.memory = memory;
    }

    /** Refuses, naming it, the first run whose estimate exceeds the heap left after the baseline. */
    @Override
    public void check(List<PlannedRun> runs) {
        long room = room();
        for (PlannedRun run : runs) {
            if (run.memoryBytes() > room) {
                throw new InsufficientMemoryException("refused: run " + run.id() + " needs an estimated " + run.memory() + " but this JVM can give a run "
                        + MemoryEstimate.human(room) + " (the heap's " + MemoryEstimate.human(memory) + " less "
                        + MemoryEstimate.human(MemoryEstimate.BASELINE_BYTES) + " for gdflow itself); give Java more memory"
                        + " (GDFLOW_JAVA_OPTS=-Xmx<size> for ./gdflow) or make the run smaller (model.width, data.n)");
            }
        }
    }

    /** The runs that go at once for {@code runs}: {@code jobs}, or when 0 as many as fit the cores and the heap. */
    int jobsFor(List<PlannedRun> runs) {
        if (runs.isEmpty()) {
            return 1;
        }
        if (jobs > 0) {
            return Math.min(jobs, runs.size());
        }
        long largest = 1;
        for (PlannedRun run : runs) {
            largest = Math.max(largest, run.memoryBytes());
        }
        // jobs = min(cores, runs, ⌊room / largest estimate⌋), at least 1
        long fit = room() / largest;
        return (int) Math.max(1, Math.min(Math.min(cores, runs.size()), fit));
    }

    /** The threads each of {@code jobs} runs may use: {@code max(1, cores / jobs)}. */
    int threadsPerRun(int jobs) {
        return Math.max(1, cores / jobs);
    }

    private long room() {
        return memory - MemoryEstimate.BASELINE_BYTES;
    }

    @Override
    public String describe(List<PlannedRun> runs) {
        int n = jobsFor(runs);
        return String.format(Locale.ROOT, "local, %d job%s × %d thread%s%s", n, n == 1 ? "" : "s", threadsPerRun(n),
                threadsPerRun(n) == 1 ? "" : "s", jobs == 0 ? " (as many as fit " + cores + " cores and "
                        + MemoryEstimate.human(memory) + " of heap)" : "");
    }

    @Override
    public List<RunOutcome> execute(List<PlannedRun> runs, Path studyDir, StudyListener listener) {
        if (runs.isEmpty()) {
            return List.of();
        }
        check(runs);
        int pool = jobsFor(runs);
        limitThreads(runs, threadsPerRun(pool));
        ExecutorService threads = Executors.newFixedThreadPool(pool);
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (PlannedRun run : runs) {
                futures.add(threads.submit(() -> {
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
            threads.shutdownNow();
        }
    }

    /**
     * Limits the threads of every backend the runs name ({@code auto}: every backend found); a
     * backend that cannot start here is left alone, its runs will say why.
     */
    private void limitThreads(List<PlannedRun> runs, int threads) {
        Set<String> names = new LinkedHashSet<>();
        for (PlannedRun run : runs) {
            if (run.backend().equals("auto")) {
                names.addAll(gdflow.catalog().plugins(PluginKind.BACKEND).keySet());
            } else {
                names.add(run.backend());
            }
        }
        for (String name : names) {
            try {
                gdflow.catalog().create(gdflow.catalog().named(PluginKind.BACKEND, name), Backend.class).limitThreads(threads);
            } catch (RuntimeException | LinkageError e) {
                // the runs on this backend fail with core's message, or auto picks another
            }
        }
    }
}
