package org.gdflow.core.bench;

import java.util.Locale;

/**
 * The timing of one kernel of one backend on one workload.
 *
 * @param workload the workload's name
 * @param backend the backend's name
 * @param kernel {@code "field"} (one vector-field evaluation) or {@code "rk4"} (one classical
 *     Runge–Kutta step: four evaluations and the axpys)
 * @param medianMillis the median wall time of the timed repetitions, in milliseconds
 * @param minMillis the fastest repetition, in milliseconds
 * @param gflops GFLOP/s at the median, counting 4·n·m·d flops per evaluation
 * @param repetitions the number of timed repetitions
 */
public record BenchResult(String workload, String backend, String kernel, double medianMillis, double minMillis,
        double gflops, int repetitions) {

    /** Kernel name of one vector-field evaluation. */
    public static final String FIELD = "field";
    /** Kernel name of one rk4 step. */
    public static final String RK4 = "rk4";

    /** One line: workload, backend, kernel, median and min ms, GFLOP/s, repetitions. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-7s %-8s %-6s median %10.3f ms  min %10.3f ms  %7.2f GFLOP/s  (%d reps)",
                workload, backend, kernel, medianMillis, minMillis, gflops, repetitions);
    }
}
