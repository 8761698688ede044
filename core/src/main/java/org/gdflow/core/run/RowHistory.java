package org.gdflow.core.run;

/**
 * Where a run's recorded rows go and are read back from at its end: kept in memory
 * ({@link TrajectoryRecorder}, for a run made from Java) or streamed to a file as the run goes (a
 * run into an output folder, whose memory does not grow with its length). The end-of-run
 * diagnostics read time and loss back from it.
 */
public interface RowHistory extends RunObserver {
    /** Reads the time and loss of one row. */
    @FunctionalInterface
    interface TimeLossVisitor {
        /** One row's t and L. */
        void visit(double time, double loss);
    }

    /** The rows held so far, a resumed run's earlier rows included. */
    long rows();

    /**
     * The trajectory a {@link RunResult} carries: every row when they are kept in memory; only the
     * columns when they were streamed to a file (read it back with {@link Trajectory#read}).
     */
    Trajectory trajectory();

    /** Visits the time and loss of the rows from index {@code from} (0-based) on, in order; may be called again. */
    void visitTimeLoss(long from, TimeLossVisitor visitor);
}
