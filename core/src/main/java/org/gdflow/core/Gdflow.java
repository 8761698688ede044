package org.gdflow.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.plugin.PluginDiscovery;
import org.gdflow.core.output.FolderRun;
import org.gdflow.core.run.FlowRun;
import org.gdflow.core.run.RunInterrupt;
import org.gdflow.core.run.RunObserver;
import org.gdflow.core.run.ProgressListener;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.run.RunWriter;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.SpecLocations;
import org.gdflow.core.spec.SpecReader;

/**
 * gdflow from Java: read or build a spec, run it, get the result (and optionally its files).
 *
 * <pre>{@code
 * Gdflow gdflow = Gdflow.discover();
 * Spec spec = gdflow.spec(Path.of("examples/specs/quickstart.json"));
 * Spec wide = gdflow.with(spec, "model.width", "4096");
 * RunResult result = gdflow.run(wide);
 * }</pre>
 */
public final class Gdflow {
    private final PluginCatalog catalog;
    private final List<Path> pluginPath;
    private final SpecReader reader;
    private final FlowRun runner;
    private final FolderRun folders;

    private Gdflow(PluginCatalog catalog, List<Path> pluginPath) {
        this.catalog = catalog;
        this.pluginPath = List.copyOf(pluginPath);
        this.reader = new SpecReader(catalog);
        this.runner = new FlowRun(catalog);
        this.folders = new FolderRun(runner, reader, catalog);
    }

    /** gdflow with the plugins found on the class path. */
    public static Gdflow discover() {
        return discover(List.of());
    }

    /**
     * gdflow with the plugins found on the class path and in the folders (or jars) of the plugin
     * path, each jar in a class loader of its own ({@link org.gdflow.core.plugin.PluginPath}).
     * Discovery's warnings are in {@code catalog().warnings()}.
     *
     * @throws org.gdflow.core.error.GdflowException naming the jar, if a jar is broken or was built
     *     against an incompatible gdflow api
     */
    public static Gdflow discover(List<Path> pluginPath) {
        List<Path> absolute = pluginPath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        return new Gdflow(PluginDiscovery.discover(absolute), absolute);
    }

    /** gdflow with the given plugins. */
    public static Gdflow withCatalog(PluginCatalog catalog) {
        return new Gdflow(catalog, List.of());
    }

    /** The plugins this instance knows. */
    public PluginCatalog catalog() {
        return catalog;
    }

    /**
     * The plugin path this instance was discovered with, as absolute paths: what a worker in another
     * JVM passes to {@link #discover(List)} to see the same plugins.
     */
    public List<Path> pluginPath() {
        return pluginPath;
    }

    /** Reads a spec file. */
    public Spec spec(Path file, String... overrides) {
        return reader.read(file, List.of(overrides));
    }

    /** Reads a spec from JSON text; relative paths are resolved against {@code baseDir}. */
    public Spec spec(String json, Path baseDir) {
        return reader.read(json, "spec", baseDir, List.of());
    }

    /** Reads a spec built as a Jackson tree in Java. */
    public Spec spec(ObjectNode json, Path baseDir) {
        return reader.read(json.deepCopy(), SpecLocations.none("spec"), baseDir);
    }

    /** A copy of {@code spec} with one path changed, e.g. {@code with(spec, "model.scaling", "mean-field")}. */
    public Spec with(Spec spec, String path, String value) {
        return reader.with(spec, path, value);
    }

    /** Runs a spec in memory; writes nothing. */
    public RunResult run(Spec spec) {
        return runner.run(spec, ProgressListener.NONE);
    }

    /** Runs a spec, reporting progress. */
    public RunResult run(Spec spec, ProgressListener listener) {
        return runner.run(spec, listener);
    }

    /**
     * Runs a spec into {@code outDir}, as {@code gdflow run} does: trajectory.csv grows as the run
     * goes (the result's trajectory holds only its columns: read the rows with
     * {@link org.gdflow.core.run.Trajectory#read}), a checkpoint is kept, and the folder is refused if
     * it holds another spec's results; a checkpoint of the same spec there is resumed, and finished
     * results of the same spec are replaced.
     */
    public RunResult run(Spec spec, Path outDir, ProgressListener listener) {
        return runInto(spec, outDir, new FolderRun.Options(FolderRun.OtherSpec.REFUSE, FolderRun.Finished.RERUN,
                new RunInterrupt(), List.of(RunObserver.of(listener)), "Gdflow.run of " + spec.name())).result();
    }

    /** Runs a spec into {@code outDir} with the folder handled as {@code options} say ({@link FolderRun}). */
    public FolderRun.Outcome runInto(Spec spec, Path outDir, FolderRun.Options options) {
        return folders.run(spec, outDir, options);
    }

    /** Goes on with the run in {@code dir} from its checkpoint ({@code gdflow resume}). */
    public FolderRun.Outcome resume(Path dir, FolderRun.Options options) {
        return folders.resume(dir, options);
    }

    /** Writes the files of a run made in memory into {@code outDir} (trajectory, parameters, summary). */
    public void write(RunResult result, Path outDir) {
        RunWriter.write(result, outDir);
    }

    /**
     * What holds at t = 0 for {@code spec} without taking a step: H(0)'s spectrum, the rate bound, λ0
     * and the width thresholds (with the spec's theory on), the memory of a run ({@code gdflow inspect}).
     */
    public org.gdflow.core.run.Inspection inspect(Spec spec) {
        return runner.inspect(spec);
    }

    /**
     * {@link #inspect(Spec)}, then writes inspect.json into {@code outDir} (and all eigenvalues of H(0)
     * to eigenvalues.csv when {@code eigenvalues}).
     */
    public org.gdflow.core.run.Inspection inspect(Spec spec, Path outDir, boolean eigenvalues) {
        org.gdflow.core.run.Inspection inspection = runner.inspect(spec);
        inspection.write(outDir, eigenvalues);
        return inspection;
    }

    /** The runner, for tools that need the data or problem of a spec without running it. */
    public FlowRun runner() {
        return runner;
    }
}
