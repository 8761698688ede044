package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run stopped at a step boundary and resumed from its {@link LoopState} ends bit for bit where
 * the uninterrupted run ends: same θ, same trajectory, same counts. The reference is the same run
 * never stopped.
 */
class LoopResumeTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    /** Keeps the rows it hears, and the state and rows at one step boundary. */
    static final class SnapshotAt implements RunObserver {
        private final long at;
        final List<double[]> rows = new ArrayList<>();
        LoopState state;
        List<double[]> rowsBefore;
        RunStop finished;

        SnapshotAt(long at) {
            this.at = at;
        }

        @Override
        public void recorded(double[] row) {
            rows.add(row);
        }

        @Override
        public void stepped(long step, double time, Supplier<LoopState> snapshot) {
            if (step == at) {
                state = snapshot.get();
                rowsBefore = new ArrayList<>(rows);
                FlowClock clock = new FlowClock();
                clock.restore(state.clock());
                assertEquals(time, clock.time(), 0.0, "the state's clock reads the time of its step");
            }
        }

        @Override
        public void finished(RunStop stop) {
            finished = stop;
        }
    }

    private static Spec spec(String integrator, String backend) {
        Spec spec = GDFLOW.spec(TestSpecs.small(integrator, "{\"max_steps\": 20}"), null);
        spec = GDFLOW.with(spec, "observe.every", "3");
        spec = GDFLOW.with(spec, "observe.metrics", "[\"max_weight_change\", \"gram_min_eig\"]");
        return GDFLOW.with(spec, "backend", backend);
    }

    @ParameterizedTest(name = "{0} on {1}, stopped at step {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"euler\", \"dt\": 0.1}|ejml|7",
        "{\"name\": \"rk4\", \"dt\": 0.2}|ejml|6",
        "{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.9}|ejml|7",
        "{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.5, \"batch_size\": 5}|ejml|7",
        "{\"name\": \"gd\", \"lr\": 0.1, \"batch_size\": 5}|ejml|9",
        "{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.5, \"batch_size\": 5}|nd4j|8",
        "{\"name\": \"rk4\", \"dt\": 0.2}|nd4j|3"})
    void aResumedRunEndsBitForBitWhereTheUninterruptedRunEnds(String integrator, String backend, long at) {
        Spec spec = spec(integrator, backend);
        SnapshotAt straightObserver = new SnapshotAt(at);
        RunResult straight = GDFLOW.runner().run(spec, List.of(straightObserver));
        LoopState state = straightObserver.state;
        assertNotNull(state, "a snapshot at step " + at);
        assertEquals(at, state.step());

        SnapshotAt resumedObserver = new SnapshotAt(-1);
        RunResult resumed = GDFLOW.runner().resume(spec, state, straightObserver.rowsBefore, List.of(resumedObserver));

        assertArrayEquals(straight.finalParameters(), resumed.finalParameters());
        assertArrayEquals(straight.initialParameters(), resumed.initialParameters());
        assertEquals(straight.status(), resumed.status());
        assertEquals(straight.message(), resumed.message());
        assertEquals(straight.steps(), resumed.steps());
        assertEquals(straight.time(), resumed.time(), 0.0);
        assertEquals(straight.finalLoss(), resumed.finalLoss(), 0.0);
        assertEquals(straight.diagnostics(), resumed.diagnostics());
        List<double[]> a = straight.trajectory().rows();
        List<double[]> b = resumed.trajectory().rows();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "row " + i);
        }
        // the observers of the resumed run hear only the rows after the state
        int before = straightObserver.rowsBefore.size();
        assertEquals(a.size() - before, resumedObserver.rows.size());
        for (int i = 0; i < resumedObserver.rows.size(); i++) {
            assertArrayEquals(a.get(before + i), resumedObserver.rows.get(i));
        }
        assertNotNull(straightObserver.finished, "the observers hear the end of the run");
        assertEquals(new RunStop(straight.status(), straight.message()), straightObserver.finished);
        assertEquals(straightObserver.finished, resumedObserver.finished);
    }

    /** Keeps the rows, asks for a stop at one step boundary, and keeps the state the interrupt hands over. */
    static final class InterruptAt implements RunObserver {
        private final long at;
        private final RunInterrupt interrupt;
        final List<double[]> rows = new ArrayList<>();
        final List<Long> boundaries = new ArrayList<>();
        LoopState state;
        int rowsWhenInterrupted = -1;

        InterruptAt(long at, RunInterrupt interrupt) {
            this.at = at;
            this.interrupt = interrupt;
        }

        @Override
        public void recorded(double[] row) {
            rows.add(row);
        }

        @Override
        public void stepped(long step, double time, Supplier<LoopState> snapshot) {
            boundaries.add(step);
            if (step == at) {
                interrupt.request("a test");
            }
        }

        @Override
        public void interrupted(LoopState state) {
            this.state = state;
            rowsWhenInterrupted = rows.size();
        }
    }

    @ParameterizedTest(name = "{0} on {1}, interrupted after step {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"rk4\", \"dt\": 0.2}|ejml|4",
        "{\"name\": \"gd\", \"lr\": 0.1, \"momentum\": 0.5, \"batch_size\": 5}|ejml|7",
        "{\"name\": \"euler\", \"dt\": 0.1}|ejml|0"})
    void anInterruptedRunStopsAtTheNextBoundaryAndItsStateResumesBitForBit(String integrator, String backend, long at) {
        Spec spec = spec(integrator, backend);
        RunResult straight = GDFLOW.runner().run(spec, List.of());
        RunInterrupt interrupt = new RunInterrupt();
        InterruptAt observer = new InterruptAt(at, interrupt);
        RunResult stopped = GDFLOW.runner().run(spec, new RunOptions(List.of(observer), new TrajectoryRecorder(), interrupt));
        assertEquals(RunStatus.INTERRUPTED, stopped.status());
        assertEquals(at + 1, stopped.steps());
        assertEquals("interrupted by a test at step " + (at + 1) + " (time " + stopped.time() + "); the checkpoint taken there"
                + " continues the run", stopped.message());
        // step 0 is a boundary too; the state is handed over before the interrupted run's own last row
        assertEquals(0L, observer.boundaries.get(0));
        assertEquals(at + 1, observer.state.step());
        assertEquals(observer.rowsWhenInterrupted, observer.state.rowsRecorded());
        boolean onGrid = (at + 1) % 3 == 0;
        assertEquals(observer.rowsWhenInterrupted + (onGrid ? 0 : 1), observer.rows.size(), "one extra last row, unless on the grid");
        assertFalse(stopped.diagnostics().containsKey("rate"), "an interrupted run is not summarised");

        RunResult resumed = GDFLOW.runner().resume(spec, observer.state, observer.rows.subList(0, observer.rowsWhenInterrupted), List.of());
        assertArrayEquals(straight.finalParameters(), resumed.finalParameters());
        assertEquals(straight.finalLoss(), resumed.finalLoss(), 0.0);
        assertEquals(straight.diagnostics(), resumed.diagnostics());
        List<double[]> a = straight.trajectory().rows();
        List<double[]> b = resumed.trajectory().rows();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "row " + i);
        }
    }

    @Test
    void aThetaZeroThatDiffersFromTheCheckpointsIsRefused() {
        Spec spec = spec("{\"name\": \"euler\", \"dt\": 0.1}", "ejml");
        SnapshotAt observer = new SnapshotAt(4);
        GDFLOW.runner().run(spec, List.of(observer));
        // another seed draws another θ(0)
        Spec other = GDFLOW.with(spec, "model.init.w", "{\"kind\": \"gaussian\", \"std\": 2}");
        GdflowException e = assertThrows(GdflowException.class,
                () -> GDFLOW.runner().resume(other, observer.state, observer.rowsBefore, List.of()));
        assertTrue(e.getMessage().startsWith("the checkpoint's θ(0) has SHA-256 " + observer.state.theta0Sha256() + ", but the spec"
                + " draws one with "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" now: the data, the initialisation or a plugin changed since the checkpoint; the run"
                + " cannot be continued bit for bit (start it again)"), e.getMessage());
        // against the SHA-256 of θ(0)'s bits computed by the JDK directly
        java.nio.ByteBuffer bits = java.nio.ByteBuffer.allocate(8 * GDFLOW.run(spec).initialParameters().length);
        for (double v : GDFLOW.run(spec).initialParameters()) {
            bits.putLong(Double.doubleToRawLongBits(v));
        }
        assertEquals(sha256(bits.array()), observer.state.theta0Sha256());
    }

    @Test
    void theSha256OfManyValuesHashesThemAll() {
        // more values than one 8 KiB chunk holds (1024): against the JDK's digest of every value's bits
        double[] values = new double[3000];
        java.nio.ByteBuffer bits = java.nio.ByteBuffer.allocate(8 * values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i) * 1e3;
            bits.putLong(Double.doubleToRawLongBits(values[i]));
        }
        assertEquals(sha256(bits.array()), LoopState.sha256(values));
        assertEquals(sha256(new byte[0]), LoopState.sha256(new double[0]));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"name\": \"euler\", \"dt\": 0.1}"})
    void resumingWithTheWrongNumberOfEarlierRowsIsRefused(String integrator) {
        Spec spec = spec(integrator, "ejml");
        SnapshotAt observer = new SnapshotAt(4);
        GDFLOW.runner().run(spec, List.of(observer));
        assertEquals(2, observer.state.rowsRecorded(), "rows at steps 0 and 3");
        GdflowException e = assertThrows(GdflowException.class,
                () -> GDFLOW.runner().resume(spec, observer.state, List.of(), List.of()));
        assertEquals("the checkpoint at step 4 follows 2 trajectory rows, but 0 were given", e.getMessage());
        assertTrue(observer.state.lossMeasured(), "euler measures the loss at every step");
    }
}
