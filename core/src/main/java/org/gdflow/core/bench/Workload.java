package org.gdflow.core.bench;

import java.util.List;
import java.util.Locale;

/**
 * One fixed benchmark problem: n data points in dimension d, width m (tanh, ntk scaling, W and a
 * trained, seeded random data).
 *
 * @param name the name {@code gdflow bench --workload} takes
 * @param n number of data points
 * @param d input dimension
 * @param width number m of neurons
 */
public record Workload(String name, int n, int d, int width) {
    /** n=256, d=16, m=1024. */
    public static final Workload SMALL = new Workload("small", 256, 16, 1024);
    /**
     * n=1024, d=16, m=8192: medium's n and m at a low input dimension, the shape of a width study on
     * low-dimensional data, where the nd4j backend computes Z in steps (docs/PERFORMANCE.md).
     */
    public static final Workload LOWDIM = new Workload("lowdim", 1024, 16, 8192);
    /** n=1024, d=64, m=8192. */
    public static final Workload MEDIUM = new Workload("medium", 1024, 64, 8192);
    /** n=4096, d=256, m=16384. */
    public static final Workload LARGE = new Workload("large", 4096, 256, 16384);

    /** Checks the sizes. */
    public Workload {
        if (n <= 0 || d <= 0 || width <= 0) {
            throw new IllegalArgumentException("workload '" + name + "' needs positive sizes: n=" + n + " d=" + d + " m=" + width);
        }
    }

    /** The standard workloads, smallest n·m·d first. */
    public static List<Workload> standard() {
        return List.of(SMALL, LOWDIM, MEDIUM, LARGE);
    }

    /**
     * A standard workload by name.
     *
     * @throws IllegalArgumentException naming the known workloads if there is none of that name
     */
    public static Workload named(String name) {
        for (Workload w : standard()) {
            if (w.name.equals(name.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'; the workloads are "
                + String.join(", ", standard().stream().map(Workload::name).toList()));
    }

    /** Floating-point operations of one vector-field evaluation, counted as 4·n·m·d (the two big products). */
    public double flopsPerEvaluation() {
        return 4.0 * n * width * d;
    }

    /** n·m·d, the size that decides between backends. */
    public long size() {
        return (long) n * width * d;
    }
}
