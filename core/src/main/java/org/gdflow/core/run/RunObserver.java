package org.gdflow.core.run;

import java.util.List;
import java.util.function.Supplier;

/**
 * Hears a run as it goes: each recorded trajectory row, and every step boundary. The trajectory
 * file written as the run goes, the progress display and the checkpoint writer are observers, so
 * nothing has to wait for the end of the run. Called on the run's own thread.
 */
public interface RunObserver {
    /** Before anything else: the backend that runs (the one {@code "auto"} chose). */
    default void opened(String backend) {
    }

    /** Before the first row: the trajectory's columns (step, time, loss, then the metrics). */
    default void started(List<String> columns) {
    }

    /** A recorded row, in column order; the array is the observer's to keep. */
    default void recorded(double[] row) {
    }

    /**
     * At every step boundary where the run goes on: after step 0's row, then after every step. A checkpoint writer calls {@code snapshot.get()} when
     * it is due (it copies θ and the stepper's state, so it is not free).
     */
    default void stepped(long step, double time, Supplier<LoopState> snapshot) {
    }

    /**
     * The run stops at an interrupt ({@link RunStatus#INTERRUPTED}): the state at that step boundary,
     * to resume from. Called before the run's last row is recorded, so the state counts only the rows
     * an uninterrupted run records too.
     */
    default void interrupted(LoopState state) {
    }

    /** After the last row. */
    default void finished(RunStop stop) {
    }

    /** An observer that tells {@code listener} of each recorded row. */
    static RunObserver of(ProgressListener listener) {
        return new RunObserver() {
            @Override
            public void recorded(double[] row) {
                listener.recorded((long) row[0], row[1], row[2]);
            }
        };
    }
}
