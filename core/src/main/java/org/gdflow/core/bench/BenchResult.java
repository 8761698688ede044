package org.gdflow.core.bench;

import java.util.List;
import java.util.Locale;
import org.gdflow.core.run.MemoryEstimate;

/**
 * The timing of one kernel of one backend on one workload.
 *
 * @param workload the workload's name
 * @param backend the backend's name
 * @param kernel {@code "field"} (one vector-field evaluation), {@code "rk4"} (one classical
 *     Runge–Kutta step: four evaluations and the axpys), {@code "products"} (the two matrix products
 *     of one evaluation alone, {@link org.gdflow.api.NetworkKernels#products}) or {@code "activation"}
 *     (the activation's σ and σ' over {@link VectorFieldBenchmark#ACTIVATION_ELEMENTS} pre-activations
 *     of the workload, row by row, on one core)
 * @param medianMillis the median wall time of the timed repetitions, in milliseconds; timed in several JVMs,
 *     the median of their medians
 * @param minMillis the fastest repetition, in milliseconds (of all JVMs)
 * @param gflops GFLOP/s at the median, counting 4·n·m·d flops per evaluation (and per products run); 0 for the activation pass
 * @param repetitions the number of timed repetitions (of all JVMs)
 * @param jvmMedians the median of each JVM the kernel was timed in ({@link ActivationForks}), ascending, in
 *     milliseconds; empty if it was timed in this JVM
 * @param bytesPerRepetition the bytes the JVM's threads allocated on the heap per timed repetition (their total
 *     over the repetitions, divided by their number, rounded down), or −1 if not counted (timed in other JVMs, or a
 *     JVM that does not count them). A warm evaluation of gdflow's backends allocates nothing; more than
 *     {@link VectorFieldBenchmark#WARM_BYTES} means Vector API code that C2 had not compiled yet or left boxed
 *     (docs/PERFORMANCE.md, "Allocation per repetition")
 */
public record BenchResult(String workload, String backend, String kernel, double medianMillis, double minMillis,
        double gflops, int repetitions, List<Double> jvmMedians, long bytesPerRepetition) {

    /** Kernel name of one vector-field evaluation. */
    public static final String FIELD = "field";
    /** Kernel name of one rk4 step. */
    public static final String RK4 = "rk4";
    /** Kernel name of the two products of one evaluation alone. */
    public static final String PRODUCTS = "products";
    /** Kernel name of the activation pass on one core. */
    public static final String ACTIVATION = "activation";

    /** Copies the JVM medians. */
    public BenchResult {
        jvmMedians = List.copyOf(jvmMedians);
    }

    /** A result timed in this JVM, its allocation not counted. */
    public BenchResult(String workload, String backend, String kernel, double medianMillis, double minMillis, double gflops,
            int repetitions) {
        this(workload, backend, kernel, medianMillis, minMillis, gflops, repetitions, List.of(), -1);
    }

    /** A result timed in the JVMs whose medians are given, its allocation not counted. */
    public BenchResult(String workload, String backend, String kernel, double medianMillis, double minMillis, double gflops,
            int repetitions, List<Double> jvmMedians) {
        this(workload, backend, kernel, medianMillis, minMillis, gflops, repetitions, jvmMedians, -1);
    }

    /** Nanoseconds per element of an activation pass over {@link VectorFieldBenchmark#ACTIVATION_ELEMENTS} elements, at the median. */
    public double nanosPerElement() {
        return nanosPerElement(medianMillis);
    }

    private static double nanosPerElement(double millis) {
        return millis * 1e6 / VectorFieldBenchmark.ACTIVATION_ELEMENTS;
    }

    /**
     * One line: workload, backend, kernel, median and min ms, GFLOP/s, repetitions and, if counted, the bytes
     * allocated per repetition; for the activation pass, ns per element at the median and the minimum instead
     * of ms and GFLOP/s, and, timed in several JVMs, their number and the range of their medians.
     */
    @Override
    public String toString() {
        if (kernel.equals(ACTIVATION)) {
            String where = jvmMedians.isEmpty() ? "" : jvmMedians.size() == 1
                    ? String.format(Locale.ROOT, "1 JVM, ")
                    : String.format(Locale.ROOT, "%d JVMs, their medians %.3f–%.3f, ", jvmMedians.size(),
                            nanosPerElement(jvmMedians.get(0)), nanosPerElement(jvmMedians.get(jvmMedians.size() - 1)));
            return String.format(Locale.ROOT, "%-7s %-8s %-10s median %7.3f ns/element  min %7.3f ns/element  (one core, %s%d reps%s)",
                    workload, backend, kernel, nanosPerElement(), nanosPerElement(minMillis), where, repetitions, allocated());
        }
        return String.format(Locale.ROOT, "%-7s %-8s %-10s median %10.3f ms  min %10.3f ms  %7.2f GFLOP/s  (%d reps%s)",
                workload, backend, kernel, medianMillis, minMillis, gflops, repetitions, allocated());
    }

    /** ", N B allocated per rep" (in the unit {@link MemoryEstimate#human} picks), or nothing if not counted. */
    private String allocated() {
        if (bytesPerRepetition < 0) {
            return "";
        }
        return ", " + MemoryEstimate.human(bytesPerRepetition) + " allocated per rep";
    }
}
