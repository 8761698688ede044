package org.gdflow.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gdflow.core.data.NumericCsv;
import org.gdflow.core.spec.Spec;

/**
 * An upper estimate of the memory one run needs, made from its spec before anything is allocated,
 * so that a study can size its pool and a run that cannot fit is refused before any work. Counts
 * the double arrays of a run (8 bytes each), by part, with P = m·d + m parameters:
 * <ul>
 *   <li>{@code data}: X, y and μ, {@code n·d + 2n};
 *   <li>{@code parameters}: θ, θ(0), the velocity and up to {@value #STAGE_VECTORS} integrator stage
 *       vectors, {@code (3 + 8)·P};
 *   <li>{@code kernels}: Z = X Wᵀ, σ(Z), σ'(Z) over all n rows and the m×d gradient, {@code 3·n·m + m·d + 4n};
 *   <li>{@code gram}: H(0), its copy and the eigen-solver's work, {@code 3n²}, when the end-of-run Gram
 *       diagnostics run (n ≤ 2048, a Gram metric, or the theory); {@code 2n²} more for the
 *       {@code gram_min_eig}/{@code gram_max_eig} metrics, {@code 4n²} more for {@code lin_deviation}
 *       (H(0) kept, and the linearised solution's eigenvectors and blocks);
 *   <li>{@code theory}: H∞, the inputs' dot products and the eigen-solver's copy, {@code 3n²}.
 * </ul>
 * The JVM itself and the loaded classes are not counted: see {@link #BASELINE_BYTES}.
 *
 * @param bytes the total, in bytes
 * @param parts the bytes of each part, in the order above (parts that are 0 are left out)
 */
public record MemoryEstimate(long bytes, Map<String, Long> parts) {
    /** What the JVM, gdflow's classes and a backend's native library take before any run: 64 MiB. */
    public static final long BASELINE_BYTES = 64L << 20;
    /** The integrator stage vectors counted: enough for every built-in method (rk4 keeps 5). */
    static final int STAGE_VECTORS = 8;
    private static final long DOUBLE = Double.BYTES;

    /** Copies the parts. */
    public MemoryEstimate {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** The estimate of {@code spec}'s run; a csv data set is read to count its rows and columns. */
    public static MemoryEstimate of(Spec spec) {
        int n;
        int d;
        if (spec.data() instanceof Spec.GeneratedData g) {
            n = g.n();
            d = g.d();
        } else {
            NumericCsv.Table x = NumericCsv.read(((Spec.CsvData) spec.data()).x());
            n = x.rows();
            d = x.columns();
        }
        java.util.List<String> metrics = spec.observe().metrics();
        boolean gramMetric = metrics.contains("gram_min_eig") || metrics.contains("gram_max_eig");
        boolean linDeviation = metrics.contains("lin_deviation");
        boolean theory = spec.theory().enabled();
        boolean gram = n <= Diagnostics.GRAM_LIMIT || gramMetric || linDeviation || theory;
        return of(n, d, spec.model().width(), gram, gramMetric, linDeviation, theory);
    }

    /** The estimate for n points in d dimensions and width m; the flags say which Gram quantities are computed. */
    static MemoryEstimate of(long n, long d, long m, boolean gram, boolean gramMetric, boolean linDeviation, boolean theory) {
        Map<String, Long> parts = new LinkedHashMap<>();
        // P = m·d + m
        long p = m * d + m;
        parts.put("data", DOUBLE * (n * d + 2 * n));
        parts.put("parameters", DOUBLE * (3 + STAGE_VECTORS) * p);
        parts.put("kernels", DOUBLE * (3 * n * m + m * d + 4 * n));
        long nn = n * n;
        long gramDoubles = (gram ? 3 * nn : 0) + (gramMetric ? 2 * nn : 0) + (linDeviation ? 4 * nn : 0);
        if (gramDoubles > 0) {
            parts.put("gram", DOUBLE * gramDoubles);
        }
        if (theory) {
            parts.put("theory", DOUBLE * 3 * nn);
        }
        long total = 0;
        for (long b : parts.values()) {
            total = Math.addExact(total, b);
        }
        return new MemoryEstimate(total, parts);
    }

    /** {@code 1.2 GB (parameters 0.8 GB, kernels 0.4 GB)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(human(bytes)).append(" (");
        String sep = "";
        for (Map.Entry<String, Long> e : parts.entrySet()) {
            s.append(sep).append(e.getKey()).append(' ').append(human(e.getValue()));
            sep = ", ";
        }
        return s.append(')').toString();
    }

    /** Bytes in the largest unit that keeps the number at least 1: {@code 512 B}, {@code 3.1 MB}, {@code 15.6 GB} (powers of 1000). */
    public static String human(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
