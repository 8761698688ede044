package org.gdflow.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.error.RunFailedException;
import org.gdflow.core.run.FlowClock;
import org.gdflow.core.run.LoopState;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When checkpoints are written, on a fake clock: at step 0 of a new run, every every_steps steps,
 * every every_seconds seconds, whichever comes first, at an interrupt; a resumed run writes none
 * at its first step. Each test counts the snapshots taken and reads back the step of the file.
 */
public class CheckpointWriterTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    @TempDir
    Path dir;

    private final long[] now = {0};
    private final List<Long> snapshots = new ArrayList<>();

    private static Spec spec(String checkpoint) {
        return GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 100}")
                .replace("\"backend\": \"ejml\"", "\"backend\": \"ejml\", \"checkpoint\": " + checkpoint), null);
    }

    private CheckpointWriter writer(String checkpoint, long fromStep) {
        CheckpointWriter writer = new CheckpointWriter(dir.resolve(Checkpoint.FILE_NAME), spec(checkpoint), GDFLOW.catalog(), fromStep,
                () -> now[0]);
        writer.opened("ejml");
        return writer;
    }

    private LoopState state(long step) {
        snapshots.add(step);
        return new LoopState(step, new double[] {step}, 1, true, new double[0], 0, step, new FlowClock().state(), step, 2, "00");
    }

    private void step(CheckpointWriter writer, long step, double seconds) {
        now[0] = (long) (seconds * 1e9);
        writer.stepped(step, step * 0.1, () -> state(step));
    }

    private long savedStep() {
        return Checkpoint.read(dir.resolve(Checkpoint.FILE_NAME)).state().step();
    }

    @Test
    void aNewRunIsSavedAtStepZeroThenEveryNSteps() throws Exception {
        CheckpointWriter writer = writer("{\"every_steps\": 3}", -1);
        for (long k = 0; k <= 7; k++) {
            step(writer, k, 1000.0 * k);
        }
        // steps 0, 3, 6; the hours of wall time between them do not count without every_seconds
        assertEquals(List.of(0L, 3L, 6L), snapshots);
        assertEquals(3, writer.written());
        assertEquals(6, savedStep());
        Checkpoint c = Checkpoint.read(dir.resolve(Checkpoint.FILE_NAME));
        assertEquals("ejml", c.backend());
        assertEquals("ejml", c.spec().at("/backend/name").asText());
        // the teacher's and the model's tanh are one entry; classes outside a jar are "dev"
        assertEquals(List.of("gdflow", "activation/tanh", "scaling/ntk", "integrator/euler", "backend/ejml"),
                new ArrayList<>(c.versions().keySet()));
        assertEquals(expectedVersion("org.gdflow.integrators.BuiltInIntegrators"), c.versions().get("integrator/euler"));
        assertEquals(expectedVersion("org.gdflow.backend.ejml.EjmlBackendRegistration"), c.versions().get("backend/ejml"));
    }

    /**
     * A plugin's version as the checkpoint should record it, found here from its class's jar:
     * "dev" for classes outside a jar (a test of this module alone), else the jar's version and the
     * first 16 digits of its SHA-256, computed by the JDK's MessageDigest.
     */
    public static String expectedVersion(String pluginClass) throws Exception {
        Class<?> type = Class.forName(pluginClass);
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        String declared = type.getPackage().getImplementationVersion();
        if (!Files.isRegularFile(location)) {
            return declared == null ? "dev" : declared;
        }
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(location));
        return (declared == null ? "dev" : declared) + " sha256:" + java.util.HexFormat.of().formatHex(digest).substring(0, 16);
    }

    @Test
    void everySecondsCountsWallTimeSinceTheLastCheckpoint() {
        CheckpointWriter writer = writer("{\"every_seconds\": 2}", -1);
        double[] seconds = {0, 0.5, 1.9, 2.0, 2.1, 3.9, 4.1, 4.2};
        for (int k = 0; k < seconds.length; k++) {
            step(writer, k, seconds[k]);
        }
        // step 0 at 0 s; 2.0 s after it (step 3); 2.0 s after that (step 6, at 4.1 s)
        assertEquals(List.of(0L, 3L, 6L), snapshots);
    }

    @Test
    void whicheverComesFirst() {
        CheckpointWriter writer = writer("{\"every_steps\": 4, \"every_seconds\": 10}", -1);
        double[] seconds = {0, 1, 2, 3, 4, 15, 16, 17, 18, 19};
        for (int k = 0; k < seconds.length; k++) {
            step(writer, k, seconds[k]);
        }
        // 0; 4 (steps); 5 (10 s after step 4's checkpoint at 4 s... 15 − 4 = 11 ≥ 10); 9 (4 steps after 5)
        assertEquals(List.of(0L, 4L, 5L, 9L), snapshots);
    }

    @Test
    void withoutPeriodicCheckpointsOnlyStepZeroAndTheInterruptAreSaved() {
        CheckpointWriter writer = writer("false", -1);
        for (long k = 0; k < 50; k++) {
            step(writer, k, 100.0 * k);
        }
        assertEquals(List.of(0L), snapshots);
        writer.interrupted(state(49));
        assertEquals(49, savedStep());
        assertEquals(2, writer.written());
    }

    @Test
    void aResumedRunWritesNoneAtItsFirstStepAndCountsFromItsCheckpoint() {
        CheckpointWriter writer = writer("{\"every_steps\": 5}", 12);
        for (long k = 13; k <= 22; k++) {
            step(writer, k, 0);
        }
        assertEquals(List.of(17L, 22L), snapshots);
        // resumed from the checkpoint of step 0: not pending either
        snapshots.clear();
        CheckpointWriter fromZero = writer("{\"every_steps\": 5}", 0);
        for (long k = 1; k <= 6; k++) {
            step(fromZero, k, 0);
        }
        assertEquals(List.of(5L), snapshots);
        assertFalse(Files.exists(dir.resolve("nothing")));
    }

    @Test
    void aCheckpointThatCannotBeWrittenFailsTheRunSayingTheOneBeforeIsIntact() {
        CheckpointWriter writer = new CheckpointWriter(dir.resolve("gone/" + Checkpoint.FILE_NAME), spec("false"), GDFLOW.catalog(), -1,
                () -> 0);
        writer.opened("ejml");
        RunFailedException e = assertThrows(RunFailedException.class, () -> writer.stepped(0, 0, () -> state(0)));
        assertEquals("cannot write the checkpoint " + dir.resolve("gone/" + Checkpoint.FILE_NAME) + " at step 0: No such file or directory;"
                + " the one before it is intact: make room, then resume the run (gdflow resume " + dir.resolve("gone") + ")", e.getMessage());
        assertTrue(e.getCause() instanceof java.io.IOException);
    }
}
