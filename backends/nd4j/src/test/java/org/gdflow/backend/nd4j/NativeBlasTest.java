package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The start-up checks of native BLAS. */
class NativeBlasTest {

    @Test
    void nativeBlasOnThisMachinePassesItsSelfCheck() {
        NativeBlas.Status status = NativeBlas.ensureReady();
        assertTrue(status.selfCheckError() < 1e-14, "self-check error " + status.selfCheckError());
        assertTrue(status.threads() >= 1);
        assertEquals(status.coreName(), Nd4jBackend.nativeInfo().get("openblas_core"));
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
        assertThrows(IllegalStateException.class, () -> NativeBlas.checkForcedCoreType("HASWELL", Set.of("sse2", "avx")));
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
