package org.gdflow.core.run;

/**
 * One extra trajectory column, measured at every recorded step. Made once per run, so it may keep
 * work arrays and what it learned at step 0 (such as the eigen-decomposition of H(0)).
 */
public interface TrajectoryMetric {
    /** The column name in trajectory.csv. */
    String name();

    /** The value at a recorded step; the first call is at step 0. */
    double measure(RunState state);
}
