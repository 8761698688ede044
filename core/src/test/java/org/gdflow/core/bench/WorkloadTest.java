package org.gdflow.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed workloads of docs/PERFORMANCE.md, their validation and their flop count. */
class WorkloadTest {

    @Test
    void standardWorkloadsHaveTheDocumentedSizes() {
        // docs/PERFORMANCE.md: small n=256 d=16 m=1024, lowdim n=1024 d=16 m=8192, medium n=1024 d=64 m=8192,
        // large n=4096 d=256 m=16384
        assertEquals(List.of(new Workload("small", 256, 16, 1024), new Workload("lowdim", 1024, 16, 8192),
                new Workload("medium", 1024, 64, 8192), new Workload("large", 4096, 256, 16384)), Workload.standard());
        assertSame(Workload.SMALL, Workload.standard().get(0));
        assertSame(Workload.LOWDIM, Workload.standard().get(1));
        assertSame(Workload.MEDIUM, Workload.standard().get(2));
        assertSame(Workload.LARGE, Workload.standard().get(3));
    }

    @Test
    void namedFindsAWorkloadIgnoringCase() {
        assertSame(Workload.SMALL, Workload.named("small"));
        assertSame(Workload.MEDIUM, Workload.named("MEDIUM"));
        assertSame(Workload.LARGE, Workload.named("Large"));
        assertSame(Workload.LOWDIM, Workload.named("lowDim"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.named("huge"));
        assertEquals("unknown workload 'huge'; the workloads are small, lowdim, medium, large", e.getMessage());
    }

    @Test
    void sizesMustBePositive() {
        assertEquals("workload 'w' needs positive sizes: n=0 d=1 m=1",
                assertThrows(IllegalArgumentException.class, () -> new Workload("w", 0, 1, 1)).getMessage());
        assertEquals("workload 'w' needs positive sizes: n=1 d=0 m=1",
                assertThrows(IllegalArgumentException.class, () -> new Workload("w", 1, 0, 1)).getMessage());
        assertEquals("workload 'w' needs positive sizes: n=1 d=1 m=0",
                assertThrows(IllegalArgumentException.class, () -> new Workload("w", 1, 1, 0)).getMessage());
        assertEquals("workload 'w' needs positive sizes: n=-3 d=2 m=2",
                assertThrows(IllegalArgumentException.class, () -> new Workload("w", -3, 2, 2)).getMessage());
        // the smallest valid sizes
        Workload one = new Workload("one", 1, 1, 1);
        assertEquals(1, one.n());
        assertEquals(1, one.d());
        assertEquals(1, one.width());
    }

    @Test
    void flopsCountFourNmdPerEvaluation() {
        // 4 · n · m · d = 4 · 2 · 5 · 3
        assertEquals(120.0, new Workload("w", 2, 3, 5).flopsPerEvaluation(), 0.0);
        // small: 4 · 256 · 1024 · 16 = 2^24
        assertEquals(16_777_216.0, Workload.SMALL.flopsPerEvaluation(), 0.0);
    }

    @Test
    void sizeIsNmdWithoutIntOverflow() {
        assertEquals(30L, new Workload("w", 2, 3, 5).size());
        // large: 4096 · 16384 · 256 = 2^34, beyond int
        assertEquals(17_179_869_184L, Workload.LARGE.size());
    }
}
