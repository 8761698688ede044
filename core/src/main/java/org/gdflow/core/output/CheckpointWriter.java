package org.gdflow.core.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gdflow.core.error.RunFailedException;
import org.gdflow.core.run.LoopState;
import org.gdflow.core.run.RunObserver;
import org.gdflow.core.run.PluginVersions;
import org.gdflow.core.run.RunWriter;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.Spec.CheckpointSpec;
import org.gdflow.core.spec.SpecJson;

/**
 * Saves the run's state ({@link Checkpoint}) at step boundaries: at step 0 of a new run (so the
 * folder names its spec from the start), then every {@code every_steps} steps or
 * {@code every_seconds} seconds, whichever comes first, and where the run is interrupted. Each
 * write replaces the last one atomically, so a kill at any moment leaves a whole checkpoint.
 */
final class CheckpointWriter implements RunObserver {
    private final Path file;
    private final Spec spec;
    private final PluginCatalog catalog;
    private final CheckpointSpec every;
    private final LongSupplier nanoClock;
    private ObjectNode specJson;
    private String backend;
    private Map<String, String> versions;
    private long lastStep;
    private long lastNanos;
    private boolean pending;
    private long written;

    /**
     * @param spec the run's spec (its checkpoint policy and what the checkpoint records)
     * @param catalog the plugins, whose versions the checkpoint records
     * @param fromStep the step of the checkpoint a resumed run starts from, or -1 for a new run (saved at step 0)
     * @param nanoClock the wall clock, in nanoseconds ({@link System#nanoTime})
     */
    CheckpointWriter(Path file, Spec spec, PluginCatalog catalog, long fromStep, LongSupplier nanoClock) {
        this.file = file;
        this.spec = spec;
        this.catalog = catalog;
        this.every = spec.checkpoint();
        this.nanoClock = nanoClock;
        this.pending = fromStep < 0;
        this.lastStep = Math.max(fromStep, 0);
        this.lastNanos = nanoClock.getAsLong();
    }

    /** The spec and versions are recorded with the backend that runs. */
    @Override
    public void opened(String backend) {
        this.backend = backend;
        this.specJson = SpecJson.write(spec, backend);
        this.versions = PluginVersions.of(spec, backend, catalog);
    }

    @Override
    public void stepped(long step, double time, Supplier<LoopState> snapshot) {
        if (pending || due(step)) {
            save(snapshot.get());
        }
    }

    private boolean due(long step) {
        if (every.everySteps() > 0 && step - lastStep >= every.everySteps()) {
            return true;
        }
        // every_seconds · 10⁹ ns since the last checkpoint
        return every.everySeconds() > 0 && nanoClock.getAsLong() - lastNanos >= every.everySeconds() * 1e9;
    }

    @Override
    public void interrupted(LoopState state) {
        save(state);
    }

    private void save(LoopState state) {
        try {
            new Checkpoint(specJson, backend, versions, state).write(file);
        } catch (IOException e) {
            throw new RunFailedException("cannot write the checkpoint " + file + " at step " + state.step() + ": "
                    + RunWriter.reason(e) + "; the one before it is intact: make room, then resume the run (gdflow resume "
                    + file.getParent() + ")", e);
        }
        pending = false;
        lastStep = state.step();
        lastNanos = nanoClock.getAsLong();
        written++;
    }

    /** Checkpoints written so far. */
    long written() {
        return written;
    }
}
