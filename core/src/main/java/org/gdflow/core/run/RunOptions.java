package org.gdflow.core.run;

import java.util.List;

/**
 * How a run is carried out, beyond its spec (which alone decides its numbers).
 *
 * @param observers hear each recorded row and each step boundary
 * @param history where the rows go and are read back from at the end: in memory, or a file
 * @param interrupt a request to stop at the next step boundary ({@link RunStatus#INTERRUPTED})
 */
public record RunOptions(List<RunObserver> observers, RowHistory history, RunInterrupt interrupt) {
    /** Copies the list. */
    public RunOptions {
        observers = List.copyOf(observers);
    }

    /** Rows kept in memory, no interrupt. */
    public static RunOptions inMemory(List<RunObserver> observers) {
        return new RunOptions(observers, new TrajectoryRecorder(), new RunInterrupt());
    }
}
