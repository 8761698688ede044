package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up checks of native BLAS. */
class NativeBlasTest {

    @Test
    void nativeBlasOnThisMachinePassesItsSelfCheck() {
        NativeBlas.Status status = NativeBlas.ensureReady();
        assertTrue(status.selfCheckError() < 1e-14, "self-check error " + status.selfCheckError());
        assertTrue(status.threads() >= 1);
        assertEquals(status.coreName(), Nd4jBackend.nativeInfo().get("openblas_core"));
        assertEquals(status.threads(), openblas_nolapack.blas_get_num_threads(), "OpenBLAS runs the reported thread count");
        assertEquals(NativeBlas.describe(status, System.getenv("OPENBLAS_CORETYPE"), NativeBlas.cpuFlags()), NativeBlas.describe());
    }

    /** C = op(A) op(B) by a naive loop, column-major, summing l ascending. */
    private static void javaGemm(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b, double[] c) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += (transA ? a[l + i * k] : a[i + l * m]) * (transB ? b[j + l * n] : b[l + j * k]);
                }
                c[i + j * m] = sum;
            }
        }
    }

    @Test
    void nativeGemmAgreesWithAJavaLoopForEveryTransposition() {
        NativeBlas.ensureReady();
        Random random = new Random(3);
        int m = 3;
        int n = 4;
        int k = 5;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                double[] expected = new double[m * n];
                double[] actual = new double[m * n];
                javaGemm(transA, transB, m, n, k, a, b, expected);
                NativeBlas.nativeGemm(transA, transB, m, n, k, a, b, actual);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-13, "C[" + i + "] transA=" + transA + " transB=" + transB);
                }
            }
        }
    }

    @Test
    void selfCheckRunsThePlainAndTransposedShapesAndMeasuresTheRelativeError() {
        // a right product (a Java loop summing in the same order) has error 0
        List<String> calls = new ArrayList<>();
        NativeBlas.Gemm recording = (transA, transB, m, n, k, a, b, c) -> {
            calls.add(transA + " " + transB + " " + m + "×" + n + "×" + k);
            javaGemm(transA, transB, m, n, k, a, b, c);
        };
        assertEquals(0.0, NativeBlas.selfCheck(recording), 0.0);
        assertEquals(List.of("false false 256×300×200", "true false 200×256×300", "false false 300×200×256"), calls);

        // every entry 2⁻²⁰ too large (relatively): the relative error is 2⁻²⁰ to rounding
        NativeBlas.Gemm scaled = (transA, transB, m, n, k, a, b, c) -> {
            javaGemm(transA, transB, m, n, k, a, b, c);
            for (int i = 0; i < c.length; i++) {
                c[i] *= 1 + 0x1p-20;
            }
        };
        assertEquals(0x1p-20, NativeBlas.selfCheck(scaled), 1e-15);

        // a kernel that ignores the transposition of A is wrong on the second shape
        NativeBlas.Gemm noTranspose = (transA, transB, m, n, k, a, b, c) -> javaGemm(false, transB, m, n, k, a, b, c);
        assertTrue(NativeBlas.selfCheck(noTranspose) > 0.5, "ignoring transA is caught");
    }

    @Test
    void verifyAcceptsErrorsUpToTheToleranceAndWarnsOnSlowKernels() {
        Set<String> avx2 = Set.of("avx", "avx2", "fma");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream warnings = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(new NativeBlas.Status("Haswell", 2, 1e-12),
                NativeBlas.verify("Haswell", 2, NativeBlas.SELF_CHECK_TOLERANCE, "HASWELL", avx2, warnings));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no advice for AVX2 kernels");

        double above = Math.nextUp(NativeBlas.SELF_CHECK_TOLERANCE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NativeBlas.verify("Cooperlake", 2, above, null, avx2, warnings));
        assertEquals(NativeBlas.wrongResultsMessage("Cooperlake", null, above), e.getMessage());
        assertTrue(e.getMessage().contains("relative error 1.00e-12"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> NativeBlas.verify("Haswell", 2, Double.NaN, "HASWELL", avx2, warnings));
        assertTrue(e.getMessage().contains("relative error NaN") && e.getMessage().contains("OPENBLAS_CORETYPE=HASWELL)"), e.getMessage());

        assertEquals(new NativeBlas.Status("Prescott", 4, 0.0), NativeBlas.verify("Prescott", 4, 0.0, null, avx2, warnings));
        assertEquals("gdflow nd4j backend: " + NativeBlas.slowCoreAdvice("Prescott", avx2) + System.lineSeparator(),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void describeListsTheConfigurationInAFixedOrder() {
        Set<String> avx512 = Set.of("avx", "avx2", "fma", "avx512f");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("openblas_core", "Prescott");
        expected.put("openblas_coretype_env", "(unset)");
        expected.put("blas_threads", "4");
        expected.put("self_check_error", "1.23e-16");
        expected.put("advice", "OpenBLAS chose its Prescott kernels on a CPU with AVX2 and FMA: DGEMM runs several times below"
                + " peak; start gdflow with OPENBLAS_CORETYPE=SKYLAKEX");
        Map<String, String> actual = NativeBlas.describe(new NativeBlas.Status("Prescott", 4, 1.234e-16), null, avx512);
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));

        Map<String, String> haswell = new LinkedHashMap<>();
        haswell.put("openblas_core", "Haswell");
        haswell.put("openblas_coretype_env", "HASWELL");
        haswell.put("blas_threads", "2");
        haswell.put("self_check_error", "0.00e+00");
        assertEquals(haswell, NativeBlas.describe(new NativeBlas.Status("Haswell", 2, 0.0), "HASWELL", avx512));
    }

    @Test
    void coreNameIsReadFromTheLoadedLibraryOrUnknown(@TempDir Path dir) throws IOException {
        NativeBlas.ensureReady();
        String core = NativeBlas.coreName();
        assertTrue(!core.isBlank() && !core.equals("unknown") && core.equals(core.trim()), "'" + core + "'");
        if ("HASWELL".equals(System.getenv("OPENBLAS_CORETYPE"))) {
            // the forced kernels, as OpenBLAS names them
            assertEquals("Haswell", core);
        }
        assertEquals("unknown", NativeBlas.coreName(dir.resolve("libopenblas.so.0")), "no such file");
        Path notALibrary = Files.writeString(dir.resolve("libopenblas.so.0"), "not an ELF file");
        assertEquals("unknown", NativeBlas.coreName(notALibrary), "a file that does not load");
    }

    /** The start of an Intel Xeon Gold 6248 (Cascade Lake, AVX-512) /proc/cpuinfo: two processors. */
    private static final String INTEL_AVX512 = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            model\t\t: 85
            model name\t: Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand lahf_lm abm 3dnowprefetch fsgsbase bmi1 hle avx2 smep bmi2 erms invpcid rtm mpx avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd avx512bw avx512vl xsaveopt xsavec avx512_vnni
            vmx flags\t: vnmi preemption_timer posted_intr invvpid ept_x_only
            bugs\t\t: spectre_v1 spectre_v2 spec_store_bypass swapgs taa itlb_multihit

            processor\t: 1
            flags\t\t: fpu
            """;

    /** An Intel Core i7-4770 (Haswell, AVX2). */
    private static final String INTEL_AVX2 = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Core(TM) i7-4770 CPU @ 3.40GHz
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand lahf_lm abm fsgsbase bmi1 avx2 smep bmi2 erms invpcid xsaveopt
            bugs\t\t: cpu_meltdown spectre_v1 spectre_v2
            """;

    /** An AMD EPYC 7302 (Zen 2, AVX2, no AVX-512). */
    private static final String AMD_ZEN2 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 7302 16-Core Processor
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl pni pclmulqdq monitor ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand lahf_lm cmp_legacy svm extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw ibs skinit wdt tce topoext perfctr_core bmi1 avx2 smep bmi2 cqm rdt_a rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves
            """;

    private static Set<String> flagsOf(Path dir, String name, String cpuinfo) throws IOException {
        return NativeBlas.cpuFlags(Files.writeString(dir.resolve(name), cpuinfo));
    }

    @Test
    void cpuFlagsAreTheFirstFlagsLineOfCpuinfo(@TempDir Path dir) throws IOException {
        // sizes: the words of each flags line, counted with wc -w
        Set<String> intel512 = flagsOf(dir, "intel512", INTEL_AVX512);
        assertEquals(76, intel512.size(), "the first processor's flags, not the second's nor the vmx flags");
        assertTrue(intel512.containsAll(Set.of("fpu", "avx2", "fma", "avx512f", "avx512_vnni")), intel512.toString());
        assertTrue(!intel512.contains("vnmi") && !intel512.contains(":") && !intel512.contains("spectre_v1"), intel512.toString());
        Set<String> intel2 = flagsOf(dir, "intel2", INTEL_AVX2);
        assertEquals(58, intel2.size());
        assertTrue(intel2.containsAll(Set.of("fpu", "avx2", "fma", "xsaveopt")) && !intel2.contains("avx512f"), intel2.toString());
        Set<String> amd = flagsOf(dir, "amd", AMD_ZEN2);
        assertEquals(80, amd.size());
        assertTrue(amd.containsAll(Set.of("fpu", "avx2", "fma", "sha_ni", "xsaves")) && !amd.contains("avx512f"), amd.toString());
        assertEquals(Set.of("fpu", "sse2", "avx", "avx2", "fma"), flagsOf(dir, "short", "flags\t\t: fpu sse2 AVX avx2 fma\n"));

        // what the start-up checks make of them
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("SKYLAKEX", intel512));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeBlas.checkForcedCoreType("SKYLAKEX", amd));
        assertTrue(e.getMessage().contains("the CPU features avx512f, which"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> NativeBlas.checkForcedCoreType("SKYLAKEX", intel2));
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("ZEN", amd));
        assertTrue(NativeBlas.slowCoreAdvice("Prescott", intel512).endsWith("OPENBLAS_CORETYPE=SKYLAKEX"));
        assertTrue(NativeBlas.slowCoreAdvice("Prescott", amd).endsWith("OPENBLAS_CORETYPE=HASWELL"));

        // this machine: nd4j's natives are fetched for linux-x86_64 only, and x86-64 has fpu and sse2 by definition
        if (System.getProperty("os.arch").equals("amd64") && Files.isReadable(Path.of("/proc/cpuinfo"))) {
            Set<String> here = NativeBlas.cpuFlags();
            assertTrue(here != null && here.containsAll(Set.of("fpu", "sse2")), "/proc/cpuinfo flags: " + here);
        }

        // no flags line (ARM says "Features"), no file, or a directory: unknown
        assertEquals(null, flagsOf(dir, "arm", "processor\t: 0\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32\n"));
        assertEquals(null, NativeBlas.cpuFlags(dir.resolve("missing")));
        assertEquals(null, NativeBlas.cpuFlags(dir));
    }

    @Test
    void aWrongGemmIsCaught() {
        // the reference triple loop, with one block of the result zeroed as a broken kernel would
        NativeBlas.Gemm wrong = (transA, transB, m, n, k, a, b, c) -> {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    double sum = 0;
                    for (int l = 0; l < k; l++) {
                        sum += (transA ? a[l + i * k] : a[i + l * m]) * b[l + j * k];
                    }
                    c[i + j * m] = i >= 192 && j >= 192 ? 0 : sum;
                }
            }
        };
        double error = NativeBlas.selfCheck(wrong);
        assertTrue(error > 0.1, "error " + error);
        NativeBlas.Gemm nan = (transA, transB, m, n, k, a, b, c) -> java.util.Arrays.fill(c, Double.NaN);
        assertTrue(Double.isNaN(NativeBlas.selfCheck(nan)));
        String message = NativeBlas.wrongResultsMessage("Cooperlake", null, error);
        assertTrue(message.contains("OPENBLAS_CORETYPE=SKYLAKEX") && message.contains("OPENBLAS_CORETYPE=HASWELL"), message);
        assertTrue(message.contains("Cooperlake") && message.contains("OPENBLAS_CORETYPE unset"), message);
    }

    @Test
    void forcedCoreTypesTheCpuCannotRunAreRefused() {
        Set<String> zen3 = Set.of("sse2", "avx", "avx2", "fma");
        Set<String> skylakeX = Set.of("sse2", "avx", "avx2", "fma", "avx512f");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeBlas.checkForcedCoreType("SkylakeX", zen3));
        assertTrue(e.getMessage().contains("OPENBLAS_CORETYPE=SkylakeX") && e.getMessage().contains("avx512f"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> NativeBlas.checkForcedCoreType("HASWELL", Set.of("sse2", "avx")));
        // the message lists exactly the missing flags, sorted
        assertTrue(e.getMessage().contains("need the CPU features avx2, fma, which this CPU lacks"), e.getMessage());
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("SKYLAKEX", skylakeX));
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("HASWELL", zen3));
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("ZEN", zen3));
        // OpenBLAS checks these itself and falls back
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("COOPERLAKE", zen3));
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("SAPPHIRERAPIDS", zen3));
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType(null, zen3));
        assertDoesNotThrow(() -> NativeBlas.checkForcedCoreType("SKYLAKEX", null));
    }

    @Test
    void slowKernelsOnAModernCpuGetAdvice() {
        Set<String> avx2 = Set.of("avx", "avx2", "fma");
        Set<String> avx512 = Set.of("avx", "avx2", "fma", "avx512f");
        assertTrue(NativeBlas.slowCoreAdvice("Prescott", avx512).contains("OPENBLAS_CORETYPE=SKYLAKEX"));
        assertTrue(NativeBlas.slowCoreAdvice("Sandybridge", avx2).contains("OPENBLAS_CORETYPE=HASWELL"));
        assertEquals(null, NativeBlas.slowCoreAdvice("Zen", avx2));
        assertEquals(null, NativeBlas.slowCoreAdvice("Haswell", avx2));
        assertEquals(null, NativeBlas.slowCoreAdvice("Prescott", Set.of("sse3")));
        assertEquals(null, NativeBlas.slowCoreAdvice("Prescott", null));
    }

    @Test
    void threadCountComesFromTheEnvironmentOrTheProcessors() {
        assertEquals(3, NativeBlas.threadCount("3", 16));
        assertEquals(16, NativeBlas.threadCount(null, 16));
        assertEquals(16, NativeBlas.threadCount("zero", 16));
        assertEquals(16, NativeBlas.threadCount("0", 16));
        assertEquals(1, NativeBlas.threadCount(null, 0));
    }
}
