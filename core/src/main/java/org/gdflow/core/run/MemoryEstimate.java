package org.gdflow.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gdflow.core.data.NumericCsv;
import org.gdflow.core.spec.Spec;

/**
 * An upper estimate of the memory one run needs, made from its spec before anything is allocated,
 * so that a study can size its pool and a run that cannot fit is refused before any work
 * ({@link MemoryCheck}). Counts the double arrays of a run (8 bytes each), by part, with
 * P = m·d + m parameters:
 * <ul>
 *   <li>{@code data}: X, y and μ, {@code n·d + 2n}, and a generated target's own weights (a teacher's
 *       {@code k·d + k}, a polynomial's {@code degree·d + degree});
 *   <li>{@code parameters}: θ, θ(0), the velocity and up to {@value #STAGE_VECTORS} integrator stage
 *       vectors, {@code (3 + 8)·P};
 *   <li>{@code kernels}: Z = X Wᵀ (D̃ is written over it, σ(Z) never stored), {@code n·m}; σ(Z) for the Gram
 *       matrix, {@code n·m} more when it is formed; Z(0), {@code n·m} more with {@code pattern_flip_fraction};
 *       X's batch copy and Rᵀ, {@code 2n·d}; Wᵀ and Gᵀ, {@code 2m·d}; a, y and μ of a batch and the pass's
 *       rows, block sums and per-row values, {@code 50m + 5n};
 *   <li>{@code gram}: H(0), its copy and the eigen-solver's work, {@code 3n²}, when the end-of-run Gram
 *       diagnostics run (n ≤ 2048, a Gram metric, or the theory); {@code 2n²} more for the
 *       {@code gram_min_eig}/{@code gram_max_eig} metrics, {@code 4n²} more for {@code lin_deviation}
 *       (H(0) kept, and the linearised solution's eigenvectors and blocks);
 *   <li>{@code theory}: H∞, the inputs' dot products and the eigen-solver's copy, {@code 3n²}.
 * </ul>
 * Those are Java heap. The native backend ({@value #NATIVE_BACKEND}) keeps its work matrices outside
 * the heap: its {@code kernels} part is then on the heap only {@code n·d + 50m + 5n} (R X and the pass), plus
 * {@code 2n·m} with {@code pattern_flip_fraction} (Z(0) and Z compared in Java), and natively {@code n·m} (Z,
 * whole or, where the backend takes Z in steps, for the Gram matrix and the pattern flips only; a step is less),
 * {@code n·m} more for σ(Z) when the Gram matrix is formed, {@code 4n·d + 2m·d + 2m + 2n} (X, X in step
 * order, a batch's X, R X, Wᵀ, Gᵀ), plus {@code 3n²} for H and the eigen-solver when the Gram matrix is formed. Any other
 * backend is counted as pure Java. The JVM itself and the loaded classes are not counted: see
 * {@link #BASELINE_BYTES}.
 *
 * @param bytes the Java heap total, in bytes
 * @param parts the heap bytes of each part, in the order above (parts that are 0 are left out)
 * @param nativeBytes the total outside the heap (0 for a pure-Java backend)
 * @param nativeParts the native bytes of each part
 */
public record MemoryEstimate(long bytes, Map<String, Long> parts, long nativeBytes, Map<String, Long> nativeParts) {
    /** What the JVM, gdflow's classes and a backend's native library take before any run: 64 MiB. */
    public static final long BASELINE_BYTES = 64L << 20;
    /** The integrator stage vectors counted: enough for every built-in method (rk4 keeps 5). */
    static final int STAGE_VECTORS = 8;
    /** The backend whose work matrices live outside the Java heap. */
    static final String NATIVE_BACKEND = "nd4j";
    private static final long DOUBLE = Double.BYTES;

    /** Copies the parts. */
    public MemoryEstimate {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        nativeParts = Collections.unmodifiableMap(new LinkedHashMap<>(nativeParts));
    }

    /** The estimate of {@code spec}'s run on a pure-Java backend (the most heap any backend takes). */
    public static MemoryEstimate of(Spec spec) {
        return of(spec, "ejml");
    }

    /** The estimate of {@code spec}'s run on {@code backend} (the name of the backend that runs it). */
    public static MemoryEstimate of(Spec spec, String backend) {
        return of(spec, spec.model().width(), backend);
    }

    /** The estimate of {@code spec}'s run with width {@code m} on {@code backend}. */
    static MemoryEstimate of(Spec spec, long m, String backend) {
        java.util.List<String> metrics = spec.observe().metrics();
        boolean gramMetric = metrics.contains("gram_min_eig") || metrics.contains("gram_max_eig");
        boolean linDeviation = metrics.contains("lin_deviation");
        boolean theory = spec.theory().enabled();
        boolean flips = metrics.contains("pattern_flip_fraction");
        long n = spec.data().n();
        long d = spec.data().d();
        if (spec.data() instanceof Spec.CsvData csv && !csv.pinned()) {
            // not pinned yet (org.gdflow.core.data.DataFactory#pin): count the rows and columns of x
            NumericCsv.Table x = NumericCsv.read(csv.x(), csv.header(), "data.header");
            n = x.rows();
            d = x.columns();
        }
        boolean gram = n <= Diagnostics.GRAM_LIMIT || gramMetric || linDeviation || theory;
        MemoryEstimate estimate = of(n, d, m, gram, gramMetric, linDeviation, theory, flips, backend.equals(NATIVE_BACKEND));
        long target = targetDoubles(spec, d);
        if (target == 0) {
            return estimate;
        }
        Map<String, Long> parts = new LinkedHashMap<>(estimate.parts());
        parts.merge("data", bytes(target), Math::addExact);
        return new MemoryEstimate(Math.addExact(estimate.bytes(), bytes(target)), parts, estimate.nativeBytes(), estimate.nativeParts());
    }

    /** The doubles a generated target draws: a teacher's k·d + k, a polynomial's degree·d + degree. */
    private static long targetDoubles(Spec spec, long d) {
        if (spec.data() instanceof Spec.GeneratedData g) {
            if (g.target() instanceof Spec.TeacherTarget t) {
                return Math.multiplyExact((long) t.width(), d + 1);
            }
            if (g.target() instanceof Spec.FunctionTarget f && f.function().equals("polynomial")) {
                return Math.multiplyExact((long) f.degree(), d + 1);
            }
        }
        return 0;
    }

    /**
     * The estimate for n points in d dimensions and width m on a pure-Java backend; the flags say which Gram
     * quantities are computed and whether pattern flips are counted.
     */
    static MemoryEstimate of(long n, long d, long m, boolean gram, boolean gramMetric, boolean linDeviation, boolean theory,
                             boolean flips) {
        return of(n, d, m, gram, gramMetric, linDeviation, theory, flips, false);
    }

    /** As above, with the kernels' work matrices outside the heap when {@code nativeKernels}. */
    static MemoryEstimate of(long n, long d, long m, boolean gram, boolean gramMetric, boolean linDeviation, boolean theory,
                             boolean flips, boolean nativeKernels) {
        Map<String, Long> parts = new LinkedHashMap<>();
        Map<String, Long> offHeap = new LinkedHashMap<>();
        // P = m·d + m; every product in 64 bits, overflow refused rather than wrapped
        long p = Math.addExact(Math.multiplyExact(m, d), m);
        long nm = Math.multiplyExact(n, m);
        long nd = Math.multiplyExact(n, d);
        long md = Math.multiplyExact(m, d);
        parts.put("data", bytes(nd + 2 * n));
        parts.put("parameters", bytes(Math.multiplyExact(3L + STAGE_VECTORS, p)));
        // the fixed parts: 50m + 5n (batch a, y, μ; the pass's rows, block sums and per-row values)
        long fixed = Math.addExact(Math.multiplyExact(50, m), 5 * n);
        if (nativeKernels) {
            // heap: R X and the pass, and Z(0) and Z in Java for the pattern flips
            parts.put("kernels", bytes(Math.addExact(Math.addExact(nd, fixed), flips ? Math.multiplyExact(2, nm) : 0)));
            // native: Z, σ(Z) with the Gram matrix, X three ways and R X, Wᵀ and Gᵀ, a, u, r
            long matrices = Math.multiplyExact(gram ? 2 : 1, nm);
            offHeap.put("kernels", bytes(Math.addExact(Math.addExact(matrices, Math.multiplyExact(4, nd)),
                    Math.addExact(Math.multiplyExact(2, md), 2 * m + 2 * n))));
        } else {
            // Z, σ(Z) with the Gram matrix, Z(0) with the pattern flips; X's batch copy, Rᵀ, Wᵀ, Gᵀ
            long matrices = Math.multiplyExact(1 + (gram ? 1 : 0) + (flips ? 1 : 0), nm);
            parts.put("kernels", bytes(Math.addExact(Math.addExact(matrices, Math.multiplyExact(2, nd)),
                    Math.addExact(Math.multiplyExact(2, md), fixed))));
        }
        long nn = Math.multiplyExact(n, n);
        long gramDoubles = (gram ? 3 * nn : 0) + (gramMetric ? 2 * nn : 0) + (linDeviation ? 4 * nn : 0);
        if (gramDoubles > 0) {
            parts.put("gram", bytes(gramDoubles));
            if (nativeKernels) {
                offHeap.put("gram", bytes(3 * nn));
            }
        }
        if (theory) {
            parts.put("theory", bytes(3 * nn));
        }
        return new MemoryEstimate(total(parts), parts, total(offHeap), offHeap);
    }

    private static long bytes(long doubles) {
        return Math.multiplyExact(DOUBLE, doubles);
    }

    private static long total(Map<String, Long> parts) {
        long total = 0;
        for (long b : parts.values()) {
            total = Math.addExact(total, b);
        }
        return total;
    }

    /** {@code 1.2 GB (parameters 0.8 GB, kernels 0.4 GB)}, then {@code + 0.5 GB native (kernels 0.5 GB)} if any. */
    @Override
    public String toString() {
        String heap = human(bytes) + " (" + describe(parts) + ")";
        return nativeBytes == 0 ? heap : heap + " + " + human(nativeBytes) + " native (" + describe(nativeParts) + ")";
    }

    /** {@code data 480 B, parameters 352.0 GB}. */
    static String describe(Map<String, Long> parts) {
        StringBuilder s = new StringBuilder();
        String sep = "";
        for (Map.Entry<String, Long> e : parts.entrySet()) {
            s.append(sep).append(e.getKey()).append(' ').append(human(e.getValue()));
            sep = ", ";
        }
        return s.toString();
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
