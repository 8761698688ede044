package org.gdflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.study.IndexRow;
import org.gdflow.study.LocalExecutor;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.Study;

/**
 * {@code gdflow run} of a spec with a {@code "sweep"} block: plans every variant (all checked
 * before the first run), runs them on {@code --jobs} threads into one sub-folder each, prints one
 * line per run as it ends and writes {@code index.csv}.
 */
final class StudyCommand {
    private StudyCommand() {
    }

    /** Whether {@code specFile} is a JSON object with a top-level {@code sweep}; anything unreadable is left to the spec reader. */
    static boolean isStudy(Path specFile) {
        try {
            JsonNode root = new ObjectMapper().readTree(specFile.toFile());
            return root != null && root.isObject() && root.has("sweep");
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
     * Runs the study; returns 0 when every run ended (converged, a limit, or diverged: all are
     * results), 1 when a run failed with an error.
     */
    static int run(Gdflow gdflow, Path specFile, Path outDir, int jobs, boolean force, PrintStream out, PrintStream err) {
        Study study = Study.read(gdflow, specFile);
        List<PlannedRun> plan = study.plan();
        Path dir = outDir != null ? outDir : Path.of("results", name(specFile));
        out.printf(Locale.ROOT, "gdflow run %s: a study of %d runs on %d job%s -> %s%n", specFile.getFileName(), plan.size(),
                jobs, jobs == 1 ? "" : "s", dir);
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Object lines = new Object();
        List<IndexRow> rows = study.run(dir, new LocalExecutor(gdflow, jobs), outcome -> {
            if (outcome.status().equals(RunOutcome.FAILED)) {
                failed.incrementAndGet();
            }
            // runs end on several threads: number and print each line under one lock, so [k/N] lines come in order
            synchronized (lines) {
                out.printf(Locale.ROOT, "  [%d/%d] %s: %s (%s)%n", ended.incrementAndGet(), plan.size(), outcome.id(),
                        outcome.status(), outcome.message());
            }
        }, force);
        out.println("wrote " + dir.resolve("index.csv") + " (" + rows.size() + " rows)");
        if (failed.get() > 0) {
            err.println("gdflow: " + failed.get() + " of " + plan.size() + " runs failed; see the lines above");
            return 1;
        }
        return 0;
    }
}
