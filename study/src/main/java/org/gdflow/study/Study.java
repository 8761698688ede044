package org.gdflow.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.RunWriter;
import org.gdflow.core.spec.SpecLocations;
import org.gdflow.core.spec.SpecNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Many runs from one spec: its {@code "sweep"} block is expanded into variants, every variant is
 * checked by core before any run starts, and the runs go into one sub-folder each of a study folder
 * with {@code study.json} (the spec as written), {@code index.csv} and the tables beside them;
 * {@link StudyReport#write} then draws the plots and writes the report from those files (as
 * {@code gdflow run} does at the end). Running again into the same folder skips finished runs.
 *
 * <pre>{@code
 * Study study = Study.read(Path.of("widths.json"));
 * List<IndexRow> rows = study.run(Path.of("out/widths"), 2, StudyListener.NONE);
 * StudyReport.write(Path.of("out/widths"));    // plots, report.md, report.html
 * }</pre>
 * A spec without a sweep is a study of one run.
 */
public final class Study {
    private final Gdflow gdflow;
    private final List<PlannedRun> runs;
    private final SpecNode executor;
    /** The spec as written, sweep and executor included: study.json of the study folder. */
    private final ObjectNode document;

    private Study(Gdflow gdflow, List<PlannedRun> runs, SpecNode executor, ObjectNode document) {
        this.gdflow = gdflow;
        this.runs = List.copyOf(runs);
        this.executor = executor;
        this.document = document;
    }

    /** Reads and plans a study spec with the plugins found on the class path. */
    public static Study read(Path specFile) {
        return read(Gdflow.discover(), specFile);
    }

    /** Reads and plans a study spec with the plugins of {@code gdflow}. */
    public static Study read(Gdflow gdflow, Path specFile) {
        return of(gdflow, StudyFile.read(specFile));
    }

    /** Plans a study from JSON text; relative paths are resolved against {@code baseDir}. */
    public static Study parse(Gdflow gdflow, String json, Path baseDir) {
        return of(gdflow, StudyFile.parse(json, "spec", baseDir));
    }

    private static Study of(Gdflow gdflow, StudyFile file) {
        return new Study(gdflow, new StudyPlanner(gdflow).plan(file),
                SpecNode.root(file.root(), file.locations()).get("executor"), file.root().deepCopy());
    }

    /**
     * The executor the spec's {@code "executor"} block names ({@code local} with as many jobs as fit
     * when it has none), found in {@code executors}.
     *
     * @param name replaces the block's name, when not null ({@code --executor})
     * @param jobs sets the block's {@code jobs}, when not null ({@code --jobs})
     */
    public StudyExecutor executor(ExecutorCatalog executors, String name, Integer jobs) {
        return executor(executors, name, jobs, java.util.Map.of());
    }

    /**
     * {@link #executor(ExecutorCatalog, String, Integer)} with more members of the executor block set
     * from the command line ({@code --master URL} sets {@code "master"}); each is bound to the chosen
     * executor's parameters, so one it does not take is refused naming its parameters.
     */
    public StudyExecutor executor(ExecutorCatalog executors, String name, Integer jobs, java.util.Map<String, String> members) {
        SpecNode node = executor;
        if (name != null || jobs != null || !members.isEmpty()) {
            ObjectNode block = node.json().isObject() ? (ObjectNode) node.json().deepCopy() : JsonNodeFactory.instance.objectNode();
            if (node.json().isTextual()) {
                block.put("name", node.json().textValue());
            }
            if (name != null) {
                block.put("name", name);
            }
            if (jobs != null) {
                block.put("jobs", jobs);
            }
            members.forEach(block::put);
            node = SpecNode.root(JsonNodeFactory.instance.objectNode().set("executor", block),
                    SpecLocations.none("the command line")).get("executor");
        }
        return executors.create(node, gdflow);
    }

    /** The planned runs, in the sweep's order (first swept path slowest). */
    public List<PlannedRun> plan() {
        return runs;
    }

    /** Runs the study into {@code outDir} on {@code jobs} local threads (0: as many as fit), skipping finished runs. */
    public List<IndexRow> run(Path outDir, int jobs, StudyListener listener) {
        return run(outDir, new LocalExecutor(gdflow, jobs), listener, false);
    }

    /**
     * Runs the study into {@code outDir} with {@code executor}; a run found finished with the same
     * spec is skipped, one finished with another spec is refused unless {@code force}. Writes and
     * returns the index rows.
     */
    public List<IndexRow> run(Path outDir, StudyExecutor executor, StudyListener listener, boolean force) {
        executor.check(runs);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new GdflowException("cannot create the study folder " + outDir + ": " + e.getMessage());
        }
        Set<String> finished = FinishedRuns.of(runs, outDir, force);
        write(outDir.resolve("study.json"), document.toPrettyString() + "\n");
        List<PlannedRun> todo = new ArrayList<>();
        for (PlannedRun run : runs) {
            if (finished.contains(run.id())) {
                listener.ended(new RunOutcome(run.id(), RunOutcome.SKIPPED, "finished with the same spec"));
            } else {
                todo.add(run);
            }
        }
        Set<String> failed = new HashSet<>();
        for (RunOutcome outcome : executor.execute(todo, outDir, listener)) {
            if (outcome.status().equals(RunOutcome.FAILED)) {
                failed.add(outcome.id());
            }
        }
        List<IndexRow> rows = StudyIndex.rows(runs, failed, outDir);
        write(outDir.resolve("index.csv"), IndexCsv.format(rows));
        // aggregate.csv over seeds and slopes.csv over numeric axes, where the sweep has them
        StudyTables.write(outDir, runs, rows);
        return rows;
    }

    private static void write(Path file, String text) {
        try {
            RunWriter.writeAtomically(file, text);
        } catch (IOException e) {
            throw new GdflowException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
