package org.gdflow.backend.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J and its bundled OpenBLAS once per JVM, sets the BLAS thread count, and checks that
 * native DGEMM gives right answers before any kernel uses it.
 *
 * <p>Why: OpenBLAS 0.3.19 (the build ND4J 1.0.0-M2.1 bundles) picks its kernels from the CPU it
 * finds, or from {@code OPENBLAS_CORETYPE}. Some choices are wrong or fatal: its Cooperlake DGEMM
 * kernels return wrong results (OpenBLAS issue #3505, fixed in 0.3.20), a forced {@code SKYLAKEX}
 * on a CPU without AVX-512 dies with SIGILL, and a misidentified core falls back to slow SSE3
 * (Prescott) kernels. {@code OPENBLAS_CORETYPE} is read when the library loads, so only the
 * launcher can set it; this class refuses to run when it names kernels the CPU cannot execute, and
 * when DGEMM on 200–300-sized matrices disagrees with a Java loop.
 */
final class NativeBlas {
    /** Relative error above which native DGEMM is declared wrong (a right one is near 1e-15). */
    static final double SELF_CHECK_TOLERANCE = 1e-12;

    /**
     * Forced core types that OpenBLAS 0.3.19 runs without checking the CPU, and the CPU flags their
     * kernels need. (A forced COOPERLAKE, or a name 0.3.19 does not know such as SAPPHIRERAPIDS, is
     * checked by OpenBLAS itself: on an AVX2-only CPU it fell back to Haswell kernels, measured.)
     */
    private static final Map<String, Set<String>> FORCED_CORE_NEEDS = Map.of(
            "SKYLAKEX", Set.of("avx512f", "avx2", "fma"),
            "HASWELL", Set.of("avx2", "fma"),
            "ZEN", Set.of("avx2", "fma"));

    /** OpenBLAS core names (lower case) whose kernels predate AVX2. */
    private static final Set<String> SLOW_CORES = Set.of("prescott", "core2", "penryn", "dunnington", "nehalem",
            "atom", "sandybridge", "barcelona", "opteron", "opteron_sse3", "bobcat", "bulldozer", "piledriver", "steamroller");

    private static volatile Status status;
    /** The most threads a run may use, set by a study ({@link #limitThreads}). */
    private static volatile int threadLimit = Integer.MAX_VALUE;
    /** The refusal of the first {@link #ensureReady}, repeated to later callers without loading again. */
    private static IllegalStateException failure;

    private NativeBlas() {
    }

    /** What {@link #ensureReady} found: the OpenBLAS core in use, its thread count and the self-check error. */
    record Status(String coreName, int threads, double selfCheckError) {
    }

    /** A DGEMM in column-major layout, as the self-check calls it. */
    @FunctionalInterface
    interface Gemm {
        /** {@code C = op(A) op(B)}, op = transpose where asked; all column-major, m×n result, inner size k. */
        void gemm(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b, double[] c);
    }

    /**
     * Loads the natives once (in double precision), sets the BLAS threads and runs the self-check.
     *
     * @return what was found
     * @throws IllegalStateException if {@code OPENBLAS_CORETYPE} names kernels this CPU cannot run, or
     *     native DGEMM gives wrong results
     */
    static Status ensureReady() {
        Status s = status;
        if (s == null) {
            synchronized (NativeBlas.class) {
                s = status;
                if (s == null) {
                    if (failure != null) {
                        throw new IllegalStateException(failure.getMessage(), failure);
                    }
                    try {
                        s = load();
                    } catch (IllegalStateException e) {
                        failure = e;
                        throw e;
                    }
                    status = s;
                }
            }
        }
        return s;
    }

    /**
     * Limits OpenBLAS to {@code min(threads, the loaded count)} threads and every later run's Java
     * passes likewise; loads the natives first.
     */
    static void limitThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Status s = ensureReady();
        threadLimit = threads;
        openblas_nolapack.blas_set_num_threads(threads(s));
    }

    /** The threads a run uses: the loaded count, or fewer after {@link #limitThreads}. */
    static int threads(Status s) {
        return Math.min(s.threads(), threadLimit);
    }

    private static Status load() {
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        Set<String> flags = cpuFlags();
        checkForcedCoreType(coreType, flags);
        try {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            Loader.load(openblas_nolapack.class);
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException("ND4J's natives did not load on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (the build fetches them for linux-x86_64 only): " + e
                    + "; use backend 'ejml'", e);
        }
        int threads = threadCount(System.getenv("OPENBLAS_NUM_THREADS"), Runtime.getRuntime().availableProcessors());
        // one thread count for BLAS and for the Java passes (ND4J sets the processor count itself; a quiet A/B of
        // 2000² DGEMM showed no difference, so this only makes OPENBLAS_NUM_THREADS and the Java passes agree)
        openblas_nolapack.blas_set_num_threads(threads);
        return verify(coreName(), threads, selfCheck(NativeBlas::nativeGemm), coreType, flags, System.err);
    }

    /**
     * What {@link #load} concludes from the loaded natives: warns on slow kernels, refuses wrong results.
     *
     * @param core the OpenBLAS core name in use
     * @param threads the BLAS thread count
     * @param error the self-check's relative DGEMM error (NaN if a result was NaN)
     * @param coreTypeEnv the value of OPENBLAS_CORETYPE, or null
     * @param flags the CPU flags, or null if unknown
     * @param warnings where the slow-kernel advice is printed
     * @return the status
     * @throws IllegalStateException if the error is above {@link #SELF_CHECK_TOLERANCE} or NaN
     */
    static Status verify(String core, int threads, double error, String coreTypeEnv, Set<String> flags, PrintStream warnings) {
        String advice = slowCoreAdvice(core, flags);
        if (advice != null) {
            // a performance cliff, not an error: say so once, where a user running gdflow sees it
            warnings.println("gdflow nd4j backend: " + advice);
        }
        if (!(error <= SELF_CHECK_TOLERANCE)) {
            throw new IllegalStateException(wrongResultsMessage(core, coreTypeEnv, error));
        }
        return new Status(core, threads, error);
    }

    /** The BLAS thread count: OPENBLAS_NUM_THREADS if it is a positive integer, else all processors. */
    static int threadCount(String env, int processors) {
        if (env != null) {
            try {
                int t = Integer.parseInt(env.trim());
                if (t > 0) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the processor count
            }
        }
        return Math.max(1, processors);
    }

    /**
     * Refuses a forced core type whose kernels this CPU cannot execute: OpenBLAS 0.3.19 runs them
     * unchecked and the process dies with SIGILL (measured for SKYLAKEX on an AVX2-only AMD EPYC).
     * Does nothing when the CPU flags are unknown (not Linux).
     *
     * @param coreType the value of OPENBLAS_CORETYPE, or null
     * @param flags the CPU's feature flags in lower case (from /proc/cpuinfo), or null if unknown
     * @throws IllegalStateException if a needed flag is missing
     */
    static void checkForcedCoreType(String coreType, Set<String> flags) {
        if (coreType == null || coreType.isBlank() || flags == null) {
            return;
        }
        Set<String> needs = FORCED_CORE_NEEDS.get(coreType.trim().toUpperCase(Locale.ROOT));
        if (needs == null || flags.containsAll(needs)) {
            return;
        }
        String missing = needs.stream().filter(f -> !flags.contains(f)).sorted().collect(Collectors.joining(", "));
        throw new IllegalStateException("OPENBLAS_CORETYPE=" + coreType + " selects OpenBLAS kernels that need the CPU"
                + " features " + missing + ", which this CPU lacks; OpenBLAS 0.3.19 would run them anyway and crash with"
                + " SIGILL. Unset OPENBLAS_CORETYPE (or set HASWELL on AVX2 CPUs), or use backend 'ejml'.");
    }

    /** The CPU flags from /proc/cpuinfo, lower case; null where there is no such file. */
    static Set<String> cpuFlags() {
        return cpuFlags(Path.of("/proc/cpuinfo"));
    }

    /**
     * The CPU flags of a cpuinfo file: the first {@code flags} line, lower case.
     *
     * @param cpuinfo the file (/proc/cpuinfo)
     * @return the flags, or null if the file is unreadable or has no flags line (e.g. ARM's "Features")
     */
    static Set<String> cpuFlags(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) {
            return null;
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT).split("\\s+")))
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The message of a failed self-check, naming the environment variable that fixes it. */
    static String wrongResultsMessage(String core, String coreTypeEnv, double error) {
        return String.format(Locale.ROOT,
                "native BLAS gives wrong results: OpenBLAS 0.3.19 (core type %s%s) computed 200-300-sized DGEMMs with"
                        + " relative error %.3g (a right result is near 1e-15). Its Cooperlake/Sapphire Rapids kernels are"
                        + " known to be wrong (OpenBLAS issue #3505). Start gdflow with OPENBLAS_CORETYPE=SKYLAKEX on"
                        + " Intel CPUs with AVX-512, OPENBLAS_CORETYPE=HASWELL on other AVX2 CPUs, or use backend 'ejml'.",
                core, coreTypeEnv == null ? ", OPENBLAS_CORETYPE unset" : ", OPENBLAS_CORETYPE=" + coreTypeEnv, error);
    }

    /**
     * Runs a few DGEMMs of the shapes the kernels use (plain and transposed A, sizes 200–300) and
     * compares them with a Java triple loop.
     *
     * @param gemm the DGEMM under test
     * @return the largest relative error, max |C − C_ref| / max |C_ref| over the products; NaN if a result is NaN
     */
    static double selfCheck(Gemm gemm) {
        Random random = new Random(20_190_101L);
        int[][] shapes = {{256, 300, 200}, {200, 256, 300}, {300, 200, 256}};
        double worst = 0;
        for (int t = 0; t < shapes.length; t++) {
            int m = shapes[t][0];
            int n = shapes[t][1];
            int k = shapes[t][2];
            boolean transA = t == 1;
            double[] a = gaussian(random, m * k);
            double[] b = gaussian(random, k * n);
            double[] c = new double[m * n];
            gemm.gemm(transA, false, m, n, k, a, b, c);
            double maxError = 0;
            double maxRef = 0;
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    // C_ref(i, j) = Σ_l op(A)(i, l) B(l, j), column-major; op(A)(i, l) = A(l, i) when transposed
                    double sum = 0;
                    for (int l = 0; l < k; l++) {
                        double ail = transA ? a[l + i * k] : a[i + l * m];
                        sum += ail * b[l + j * k];
                    }
                    double diff = Math.abs(c[i + j * m] - sum);
                    if (Double.isNaN(diff)) {
                        return Double.NaN;
                    }
                    maxError = Math.max(maxError, diff);
                    maxRef = Math.max(maxRef, Math.abs(sum));
                }
            }
            worst = Math.max(worst, maxError / maxRef);
        }
        return worst;
    }

    private static double[] gaussian(Random random, int length) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /** The bundled OpenBLAS's cblas_dgemm on copies of the arrays in native memory. */
    static void nativeGemm(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b, double[] c) {
        try (DoublePointer pa = new DoublePointer(a); DoublePointer pb = new DoublePointer(b);
                DoublePointer pc = new DoublePointer(c.length)) {
            // C = op(A) op(B), column-major
            openblas_nolapack.cblas_dgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    m, n, k, 1.0, pa, transA ? k : m, pb, transB ? n : k, 0.0, pc, m);
            pc.get(c);
        }
    }

    /**
     * The name of the OpenBLAS core in use ({@code openblas_get_corename}, e.g. "Haswell", "Zen",
     * "SkylakeX"), or "unknown". The JavaCPP preset does not map that function, so it is called
     * through JNA (on the class path through ND4J) when JNA is there.
     */
    static String coreName() {
        // the natives are loaded (by load()) before this is called: Loader.load returns their path
        return coreName(Path.of(Loader.load(openblas_nolapack.class)).resolveSibling("libopenblas.so.0"));
    }

    /**
     * The core name that the OpenBLAS library at {@code lib} reports, or "unknown" if there is no such
     * library, it has no {@code openblas_get_corename}, or JNA is missing.
     */
    static String coreName(Path lib) {
        if (!Files.exists(lib)) {
            return "unknown";
        }
        try {
            Class<?> nativeLibrary = Class.forName("com.sun.jna.NativeLibrary");
            Object library = nativeLibrary.getMethod("getInstance", String.class).invoke(null, lib.toString());
            Object function = nativeLibrary.getMethod("getFunction", String.class).invoke(library, "openblas_get_corename");
            Object name = function.getClass().getMethod("invokeString", Object[].class, boolean.class)
                    .invoke(function, new Object[0], false);
            return name == null ? "unknown" : name.toString().trim();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return "unknown";
        }
    }

    /** For messages and the benchmark header: the native configuration as key/value pairs, in a fixed order. */
    static Map<String, String> describe() {
        return describe(ensureReady(), System.getenv("OPENBLAS_CORETYPE"), cpuFlags());
    }

    /**
     * The description of {@link #describe()} from its parts.
     *
     * @param s the status of the loaded natives
     * @param env the value of OPENBLAS_CORETYPE, or null
     * @param flags the CPU flags, or null if unknown
     */
    static Map<String, String> describe(Status s, String env, Set<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("openblas_core", s.coreName());
        out.put("openblas_coretype_env", env == null ? "(unset)" : env);
        out.put("blas_threads", Integer.toString(s.threads()));
        out.put("self_check_error", String.format(Locale.ROOT, "%.2e", s.selfCheckError()));
        String advice = slowCoreAdvice(s.coreName(), flags);
        if (advice != null) {
            out.put("advice", advice);
        }
        return out;
    }

    /**
     * A hint when OpenBLAS picked pre-AVX2 kernels on a CPU that has AVX2 and FMA (what 0.3.19 does
     * on CPUs newer than it, e.g. Sapphire Rapids: Prescott kernels, 5–8 times slower); null otherwise.
     *
     * @param core the core name OpenBLAS reports
     * @param flags the CPU flags, or null if unknown
     */
    static String slowCoreAdvice(String core, Set<String> flags) {
        if (flags == null || !flags.contains("avx2") || !flags.contains("fma")) {
            return null;
        }
        String c = core.toLowerCase(Locale.ROOT);
        if (SLOW_CORES.contains(c)) {
            return "OpenBLAS chose its " + core + " kernels on a CPU with AVX2 and FMA: DGEMM runs several times below"
                    + " peak; start gdflow with OPENBLAS_CORETYPE=" + (flags.contains("avx512f") ? "SKYLAKEX" : "HASWELL");
        }
        return null;
    }
}
