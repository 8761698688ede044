package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A study's thread limit reaches OpenBLAS and the Java passes of later runs. */
class Nd4jThreadLimitTest {
    @AfterEach
    void restore() {
        NativeBlas.limitThreads(Integer.MAX_VALUE);
    }

    @Test
    void theLimitReachesOpenBlasAndTheJavaPasses() {
        NativeBlas.Status status = NativeBlas.ensureReady();
        new Nd4jBackend().limitThreads(1);
        assertEquals(1, openblas_nolapack.blas_get_num_threads());
        assertEquals(1, NativeBlas.threads(status));
        // a limit above the loaded count leaves the loaded count
        new Nd4jBackend().limitThreads(status.threads() + 5);
        assertEquals(status.threads(), openblas_nolapack.blas_get_num_threads());
        assertEquals(status.threads(), NativeBlas.threads(status));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Nd4jBackend().limitThreads(0));
        assertEquals("threads must be at least 1, got 0", e.getMessage());
    }
}
