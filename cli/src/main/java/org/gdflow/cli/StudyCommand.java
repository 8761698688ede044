package org.gdflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.study.ExecutorCatalog;
import org.gdflow.study.IndexRow;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.Study;
import org.gdflow.study.StudyExecutor;
import org.gdflow.study.StudyListener;
import org.gdflow.study.StudyReport;

/**
 * {@code gdflow run} of a spec with a {@code "sweep"} (or {@code "executor"}) block: plans every
 * variant (all checked before the first run), runs them with the spec's executor into one
 * sub-folder each and writes {@code index.csv}, the tables, the plots and the report. On a terminal a progress bar shows runs done and
 * the time left; otherwise one plain line per run as it ends.
 */
final class StudyCommand {
    private StudyCommand() {
    }

    /** Whether {@code specFile} is a JSON object with a top-level {@code sweep} or {@code executor}; anything unreadable is left to the spec reader. */
    static boolean isStudy(Path specFile) {
        try {
            JsonNode root = new ObjectMapper().readTree(specFile.toFile());
            return root != null && root.isObject() && (root.has("sweep") || root.has("executor"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The name a spec gives itself ({@code "run"} when it gives none, as for a single run). */
    static String name(Path specFile) {
        try {
            return new ObjectMapper().readTree(specFile.toFile()).path("name").asText("run");
        } catch (IOException e) {
            throw new GdflowException("cannot read spec file " + specFile + ": " + e.getMessage());
        }
    }

    /**
     * What the command line says about the executor: its name, the local executor's jobs and the
     * spark executor's master URL; any may be null.
     */
    record ExecutorChoice(String name, Integer jobs, String master) {
        /** A choice of name and jobs only. */
        ExecutorChoice(String name, Integer jobs) {
            this(name, jobs, null);
        }
    }

    /**
     * Runs the study; returns 0 when every run ended (converged, a limit, or diverged: all are
     * results), 1 when a run failed with an error.
     */
    static int run(Gdflow gdflow, Path specFile, Path outDir, ExecutorChoice choice, boolean force, boolean terminal,
                   PrintStream out, PrintStream err) {
        Study study = Study.read(gdflow, specFile);
        // executors on gdflow's class path and in the plugin path's bundles (the spark executor's folder)
        StudyExecutor executor = study.executor(ExecutorCatalog.discover(gdflow.pluginPath()), choice.name(), choice.jobs(),
                choice.master() == null ? java.util.Map.of() : java.util.Map.of("master", choice.master()));
        List<PlannedRun> plan = study.plan();
        Path dir = outDir != null ? outDir : Path.of("results", name(specFile));
        out.printf(Locale.ROOT, "gdflow run %s: a study of %d run%s (%s) -> %s%n", specFile.getFileName(), plan.size(),
                plan.size() == 1 ? "" : "s", executor.describe(plan), dir);
        List<RunOutcome> failures = new ArrayList<>();
        List<IndexRow> rows;
        try (Progress progress = terminal ? new Bar(out, plan.size()) : new Lines(out, plan.size())) {
            rows = study.run(dir, executor, outcome -> {
                if (outcome.status().equals(RunOutcome.FAILED)) {
                    synchronized (failures) {
                        failures.add(outcome);
                    }
                }
                progress.ended(outcome);
            }, force);
        }
        // the plots, report.md and report.html, from the files the study wrote
        StudyReport.write(dir);
        out.println("wrote " + dir.resolve("index.csv") + " (" + rows.size() + " rows) and " + dir.resolve("report.html"));
        if (!failures.isEmpty()) {
            if (terminal) {
                // the bar showed only counts: name each failure now
                for (RunOutcome f : failures) {
                    err.println("gdflow: run " + f.id() + " failed: " + f.message());
                }
            }
            err.println("gdflow: " + failures.size() + " of " + plan.size() + " runs failed" + (terminal ? "" : "; see the lines above"));
            return 1;
        }
        return 0;
    }

    /** Hears each run's end and shows it; closed when the study ends. */
    private interface Progress extends StudyListener, AutoCloseable {
        @Override
        void close();
    }

    /** One line per run as it ends, numbered {@code [k/N]}: for a pipe, a file or CI. */
    static final class Lines implements Progress {
        private final PrintStream out;
        private final int total;
        private final AtomicInteger ended = new AtomicInteger();

        Lines(PrintStream out, int total) {
            this.out = out;
            this.total = total;
        }

        @Override
        public void ended(RunOutcome outcome) {
            // runs end on several threads: number and print each line under one lock, so [k/N] lines come in order
            synchronized (this) {
                out.printf(Locale.ROOT, "  [%d/%d] %s: %s (%s)%n", ended.incrementAndGet(), total, outcome.id(),
                        outcome.status(), outcome.message());
            }
        }

        @Override
        public void close() {
            // every line is out already
        }
    }

    /** A live bar on a terminal: runs done of N, elapsed and time left, and the last run that ended. */
    static final class Bar implements Progress {
        private final me.tongfei.progressbar.ProgressBar bar;

        Bar(PrintStream out, int total) {
            this.bar = ProgressBars.builder(out, "study", total).build();
        }

        @Override
        public synchronized void ended(RunOutcome outcome) {
            bar.step();
            bar.setExtraMessage(outcome.id() + ": " + outcome.status());
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
