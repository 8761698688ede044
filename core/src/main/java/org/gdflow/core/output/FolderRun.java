package org.gdflow.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.api.Integrator;
import org.gdflow.core.data.DataFactory;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.run.FlowRun;
import org.gdflow.core.run.RunInterrupt;
import org.gdflow.core.run.RunObserver;
import org.gdflow.core.run.RunOptions;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.run.RunStatus;
import org.gdflow.core.run.PluginVersions;
import org.gdflow.core.run.RunWriter;
import org.gdflow.core.spec.JsonDifferences;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.SpecJson;
import org.gdflow.core.spec.SpecLocations;
import org.gdflow.core.spec.SpecReader;

/**
 * A run into an output folder, so that a long run loses nothing: the spec's input files are read
 * and its size checked before anything is written; the folder is locked and probed; a folder of
 * another spec is refused (or cleared, when asked); a folder with a checkpoint of the same spec is
 * resumed, one with its finished results reported. While it runs, trajectory.csv grows row by row
 * and a {@link Checkpoint} is saved at step 0 and then periodically; at the end the parameters
 * and summary.json are written atomically, summary last, and the checkpoint is removed. An
 * interrupted run keeps its checkpoint and writes a summary with status {@code interrupted}.
 */
public final class FolderRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FlowRun runner;
    private final SpecReader reader;
    private final PluginCatalog catalog;

    /** What to do with a folder that holds another spec's results. */
    public enum OtherSpec {
        /** Refuse, naming the differences. */
        REFUSE,
        /** Remove that spec's run files first. */
        CLEAR,
        /** Remove every run file first, this spec's checkpoint and results too, and start afresh ({@code --force}). */
        CLEAR_ALL
    }

    /** What to do with a folder that holds this spec's finished results. */
    public enum Finished {
        /** Report them, run nothing. */
        REPORT,
        /** Run again, replacing them. */
        RERUN
    }

    /**
     * How to run into a folder.
     *
     * @param otherSpec what to do with another spec's results
     * @param finished what to do with this spec's finished results
     * @param interrupt a request to stop at the next step boundary
     * @param observers hear each row and step boundary (progress)
     * @param command what this process is doing, for the lock file
     * @param log hears, as it happens, what is done to the folder before the run (files cleared, a checkpoint resumed)
     */
    public record Options(OtherSpec otherSpec, Finished finished, RunInterrupt interrupt, List<RunObserver> observers,
                          String command, java.util.function.Consumer<String> log) {
        /** Copies the list. */
        public Options {
            observers = List.copyOf(observers);
        }

        /** Options that log nothing. */
        public Options(OtherSpec otherSpec, Finished finished, RunInterrupt interrupt, List<RunObserver> observers, String command) {
            this(otherSpec, finished, interrupt, observers, command, line -> { });
        }
    }

    /** What happened in the folder. */
    public enum Kind {
        /** The run ran from step 0. */
        RAN,
        /** The run went on from the checkpoint in the folder. */
        RESUMED,
        /** The folder held this run finished already; nothing ran. */
        ALREADY_FINISHED
    }

    /**
     * What a run into a folder did.
     *
     * @param kind ran, resumed or already finished
     * @param result the result (null when already finished)
     * @param summary summary.json's content
     * @param dir the folder
     * @param resumedFromStep the checkpoint's step when resumed, else -1
     * @param notes what was done to the folder beforehand (files cleared), one sentence each
     */
    public record Outcome(Kind kind, RunResult result, JsonNode summary, Path dir, long resumedFromStep, List<String> notes) {
        /** Copies the notes. */
        public Outcome {
            notes = List.copyOf(notes);
        }

        /** How the run ended, as summary.json names it. */
        public String status() {
            return summary.path("status").asText();
        }
    }

    public FolderRun(FlowRun runner, SpecReader reader, PluginCatalog catalog) {
        this.runner = runner;
        this.reader = reader;
        this.catalog = catalog;
    }

    /** Runs {@code spec} into {@code dir}: from the start, from the folder's checkpoint of the same spec, or not at all if it finished there. */
    public Outcome run(Spec spec, Path dir, Options options) {
        Spec pinned = DataFactory.pin(spec);
        runner.requireFits(pinned);
        try (OutputFolder folder = OutputFolder.open(dir, outputBytes(pinned), options.command())) {
            return runIn(folder, spec, pinned, options);
        }
    }

    /** {@link #run} in a folder this process holds; {@code pinned} is {@code spec} with its input files pinned. */
    private Outcome runIn(OutputFolder folder, Spec spec, Spec pinned, Options options) {
        Path dir = folder.dir();
        ObjectNode identity = identity(SpecJson.write(pinned, pinned.backend().name()));
        Notes notes = new Notes(options.log());
        if (options.otherSpec() == OtherSpec.CLEAR_ALL && folder.holdsRunFiles()) {
            notes.add("cleared " + dir + " first (" + String.join(", ", folder.clear()) + ")");
        }
        JsonNode summary = summary(folder);
        if (summary != null) {
            List<String> differences = differences(identity, summary.path("spec"));
            boolean interrupted = summary.path("status").asText().equals(RunStatus.INTERRUPTED.label());
            if (!differences.isEmpty()) {
                otherSpec(folder, options, differences, notes);
            } else if (!interrupted && options.finished() == Finished.REPORT) {
                return new Outcome(Kind.ALREADY_FINISHED, null, summary, dir, -1, notes.list());
            } else if (!interrupted) {
                notes.add("replaced the finished results of the same spec (" + String.join(", ", folder.clear()) + ")");
            }
        }
        Path checkpointFile = folder.file(Checkpoint.FILE_NAME);
        if (Files.exists(checkpointFile)) {
            Checkpoint checkpoint = Checkpoint.read(checkpointFile);
            List<String> differences = differences(identity, checkpoint.spec());
            if (differences.isEmpty()) {
                Spec onBackend = onBackend(spec, checkpoint.backend());
                requireSameVersions(checkpoint, onBackend, folder);
                return resume(folder, onBackend, checkpoint, options, notes);
            }
            otherSpec(folder, options, differences, notes);
        } else if (folder.holdsRunFiles()) {
            // files without a summary or checkpoint: a run killed before its first checkpoint left nothing to resume
            notes.add("removed what a run stopped before its first checkpoint left (" + String.join(", ", folder.clear()) + ")");
        }
        return fresh(folder, pinned, options, notes);
    }

    /**
     * Goes on with the run in {@code dir} from its checkpoint (or reports it finished), with the
     * spec the checkpoint holds; refused, with the differences named, if that spec now resolves
     * differently or the plugins are not the versions the checkpoint was made with.
     */
    public Outcome resume(Path dir, Options options) {
        if (!Files.isDirectory(dir)) {
            throw new GdflowException(dir + " is not a folder; resume takes the output folder of a run (its --out)");
        }
        // the folder is held from the start: a run still writing it is named, not read half way
        try (OutputFolder folder = OutputFolder.open(dir, 0, options.command())) {
            Checkpoint checkpoint = null;
            Path checkpointFile = dir.resolve(Checkpoint.FILE_NAME);
            if (Files.exists(checkpointFile)) {
                checkpoint = Checkpoint.read(checkpointFile);
            }
            JsonNode stored = checkpoint != null ? checkpoint.spec() : readSummary(dir.resolve("summary.json"));
            if (stored == null) {
                throw new GdflowException(dir + " holds no checkpoint to resume from" + (Files.exists(dir.resolve("trajectory.csv"))
                        ? " (the run was stopped before its first one)" : " and no run") + "; run the spec again: gdflow run SPEC --out " + dir);
            }
            JsonNode storedSpec = checkpoint != null ? stored : stored.path("spec");
            Spec spec;
            try {
                spec = reader.read(((ObjectNode) storedSpec).deepCopy(), SpecLocations.none("the spec in " + dir), null);
            } catch (GdflowException | ClassCastException e) {
                throw new GdflowException("cannot resume " + dir + ": the spec it holds does not read with this gdflow: " + e.getMessage());
            }
            Spec pinned = DataFactory.pin(spec);
            List<String> changed = JsonDifferences.described(identity(SpecJson.write(pinned, pinned.backend().name())),
                    identity((ObjectNode) storedSpec), "now", "in the folder");
            if (!changed.isEmpty()) {
                throw new GdflowException("cannot resume " + dir + ": its spec reads differently with this gdflow ("
                        + String.join("; ", changed) + "), so the run would not continue as it began; run it again with --force");
            }
            // the runner refuses a run that cannot fit before it draws anything
            return runIn(folder, spec, pinned, options);
        }
    }

    private Outcome fresh(OutputFolder folder, Spec spec, Options options, Notes notes) {
        try (TrajectoryFile trajectory = TrajectoryFile.fresh(folder.file("trajectory.csv"))) {
            CheckpointWriter checkpoints = new CheckpointWriter(folder.file(Checkpoint.FILE_NAME), spec, catalog, -1, System::nanoTime);
            RunResult result = runner.run(spec, new RunOptions(observers(checkpoints, options), trajectory, options.interrupt()));
            return finish(folder, result, Kind.RAN, -1, notes);
        }
    }

    private Outcome resume(OutputFolder folder, Spec spec, Checkpoint checkpoint, Options options, Notes notes) {
        // a summary of the interrupted run must not outlive the run going on
        deleteSummary(folder);
        long from = checkpoint.state().step();
        notes.add("resuming from the checkpoint at step " + from);
        try (TrajectoryFile trajectory = TrajectoryFile.resumed(folder.file("trajectory.csv"), checkpoint.state().rowsRecorded())) {
            CheckpointWriter checkpoints = new CheckpointWriter(folder.file(Checkpoint.FILE_NAME), spec, catalog, from, System::nanoTime);
            RunResult result = runner.resume(spec, checkpoint.state(),
                    new RunOptions(observers(checkpoints, options), trajectory, options.interrupt()));
            // the summary says where this process took the run up (its wall_seconds count from there)
            java.util.Map<String, Object> diagnostics = new java.util.LinkedHashMap<>(result.diagnostics());
            diagnostics.put("resumed_from_step", from);
            RunResult resumed = new RunResult(result.spec(), result.status(), result.message(), result.finalLoss(), result.steps(),
                    result.time(), result.wallSeconds(), result.trajectory(), result.initialParameters(), result.finalParameters(),
                    diagnostics, result.provenance(), result.data(), result.testData());
            return finish(folder, resumed, Kind.RESUMED, from, notes);
        }
    }

    private static List<RunObserver> observers(CheckpointWriter checkpoints, Options options) {
        List<RunObserver> all = new ArrayList<>();
        all.add(checkpoints);
        all.addAll(options.observers());
        return all;
    }

    /** Parameters, then summary.json (last), then the checkpoint removed, unless the run was interrupted. */
    private static Outcome finish(OutputFolder folder, RunResult result, Kind kind, long from, Notes notes) {
        boolean interrupted = result.status() == RunStatus.INTERRUPTED;
        if (interrupted) {
            RunWriter.writeSummary(result, folder.dir());
        } else {
            RunWriter.writeResults(result, folder.dir());
            try {
                Files.deleteIfExists(folder.file(Checkpoint.FILE_NAME));
            } catch (IOException e) {
                // a checkpoint beside a finished summary is never resumed from: the summary wins
            }
        }
        return new Outcome(kind, result, RunWriter.summary(result), folder.dir(), from, notes.list());
    }

    private static void deleteSummary(OutputFolder folder) {
        try {
            Files.deleteIfExists(folder.file("summary.json"));
        } catch (IOException e) {
            throw RunWriter.cannotWrite(folder.dir(), e);
        }
    }

    private static void otherSpec(OutputFolder folder, Options options, List<String> differences, Notes notes) {
        if (options.otherSpec() == OtherSpec.REFUSE) {
            throw new GdflowException(folder.dir() + " holds the results of another spec (" + String.join("; ", differences)
                    + "); choose another folder with --out, or add --force to clear it first");
        }
        notes.add("cleared the results of another spec (" + String.join(", ", folder.clear()) + ")");
    }

    private void requireSameVersions(Checkpoint checkpoint, Spec spec, OutputFolder folder) {
        List<String> differences = PluginVersions.differences(checkpoint.versions(), PluginVersions.of(spec, checkpoint.backend(), catalog));
        if (!differences.isEmpty()) {
            throw new GdflowException("cannot resume " + folder.dir() + ": its checkpoint was made by other code ("
                    + String.join("; ", differences) + "), so the run would not continue bit for bit; put those versions back,"
                    + " or run it again with --force");
        }
    }

    /** {@code spec} on the backend a checkpoint ran on (the same numbers need the same backend). */
    private Spec onBackend(Spec spec, String backend) {
        if (spec.backend().name().equals(backend)) {
            return spec;
        }
        return reader.with(spec, "backend.name", backend);
    }

    /** A resolved spec as the folder's identity: what decides the numbers, so without the checkpoint policy. */
    private static ObjectNode identity(ObjectNode resolved) {
        ObjectNode copy = resolved.deepCopy();
        copy.remove("checkpoint");
        return copy;
    }

    /** The differences of this spec from one stored in the folder; "auto" matches the backend it chose there. */
    private static List<String> differences(ObjectNode identity, JsonNode stored) {
        if (!stored.isObject()) {
            return List.of("the folder's spec cannot be read");
        }
        ObjectNode here = identity.deepCopy();
        ObjectNode there = identity((ObjectNode) stored);
        if (here.path("backend").path("name").asText().equals("auto") && there.has("backend")) {
            here.set("backend", there.get("backend"));
        }
        return JsonDifferences.described(here, there, "here", "there");
    }

    private static JsonNode summary(OutputFolder folder) {
        return readSummary(folder.file("summary.json"));
    }

    /** summary.json, or null if there is none; a summary that does not parse is not gdflow's (written atomically, it is whole). */
    private static JsonNode readSummary(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode summary = MAPPER.readTree(file.toFile());
            return summary != null && summary.isObject() ? summary : MAPPER.createObjectNode();
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    /**
     * About how many bytes a run writes: its checkpoint twice (the new one beside the old while it is
     * written) with θ and a stepper state as long, the parameter files, and trajectory.csv's rows
     * (about 25 bytes a value) when the run's length is known.
     */
    long outputBytes(Spec spec) {
        double p = (double) spec.model().width() * spec.data().d() + spec.model().width();
        double bytes = 2 * 8 * 2 * p + 64 * 1024;
        if (spec.output().parameters()) {
            bytes += 4 * 25 * p;
        }
        if (spec.output().data()) {
            // x and y of the training set, and of a generated test set (a csv one is about as large as its files)
            int nTest = spec.test().orElse(null) instanceof Spec.GeneratedTestData g ? g.n() : 0;
            bytes += 25.0 * ((double) spec.data().n() + nTest) * (spec.data().d() + 1);
        }
        double steps = spec.stop().maxSteps();
        try {
            double h = catalog.create(spec.integrator(), Integrator.class).stepSize();
            if (h > 0) {
                steps = Math.min(steps, Math.ceil(spec.stop().time() / h));
            }
        } catch (RuntimeException e) {
            // a step size the integrator does not know in advance: count max_steps only
        }
        if (steps < 1e15) {
            bytes += (steps / spec.observe().every() + 2) * (3 + spec.observe().metrics().size()) * 25;
        }
        return (long) Math.min(bytes, Long.MAX_VALUE / 2);
    }

    /** What was done to a folder before its run, told to the log as it is done. */
    private static final class Notes {
        private final java.util.function.Consumer<String> log;
        private final List<String> taken = new ArrayList<>();

        Notes(java.util.function.Consumer<String> log) {
            this.log = log;
        }

        void add(String note) {
            log.accept(note);
            taken.add(note);
        }

        List<String> list() {
            return List.copyOf(taken);
        }
    }

}
