package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
