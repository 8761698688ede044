package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gdflow.core.Gdflow;
import org.gdflow.core.error.InsufficientMemoryException;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;

/**
 * Refusal before work, on a machine of given sizes: sizes multiplied in 64 bits (an m·d that
 * overflows an int is caught, not wrapped), the estimate against the heap and, for the native
 * backend, against the machine beside the heap; every message with the estimate, the limit and
 * what to change, the widths that fit found by hand from the formula of {@link MemoryEstimate}.
 */
class MemoryCheckTest {
    private static final Gdflow GDFLOW = Gdflow.discover();
    private static final long GB = 1_000_000_000L;

    /** n = 32 points on S^15, width m, ejml. */
    private static Spec spec(long width, String backend) {
        return GDFLOW.spec("""
                { "data": {"kind": "sphere", "n": 32, "d": 16, "target": {"kind": "teacher", "width": 4, "activation": "tanh"}},
                  "model": {"width": %d, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "rk4", "dt": 0.2}, "stop": {"time": 1}, "backend": "%s" }
                """.formatted(width, backend), null);
    }

    private static String refusal(Spec spec, String backend, MemoryCheck.Machine machine, boolean nativeInstalled) {
        return assertThrows(InsufficientMemoryException.class, () -> MemoryCheck.require(spec, backend, machine, nativeInstalled))
                .getMessage();
    }

    @Test
    void thisMachineIsReadFromTheJvmAndTheOperatingSystem() throws Exception {
        MemoryCheck.Machine here = MemoryCheck.Machine.here();
        assertEquals(Runtime.getRuntime().maxMemory(), here.maxHeap());
        // the physical memory as the operating system reports it (/proc/meminfo's MemTotal on Linux, in kB)
        java.nio.file.Path meminfo = java.nio.file.Path.of("/proc/meminfo");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(meminfo), "not Linux");
        String total = java.nio.file.Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .orElseThrow();
        long kB = Long.parseLong(total.replaceAll("[^0-9]", ""));
        // a container's limit may be below the machine's memory, never above it
        assertTrue(here.physical() > 0 && here.physical() <= kB * 1024, here.physical() + " bytes against MemTotal " + kB + " kB");
    }

    @Test
    void aWidthWhoseParametersOverflowAnIntIsRefusedNotWrapped() {
        // m·d + m = 17·10⁹ > 2^31 − 9; a heap of 1 TB would hold the doubles, not one Java array
        String message = refusal(spec(1_000_000_000L, "ejml"), "ejml", new MemoryCheck.Machine(1000 * GB, 2000 * GB), false);
        assertTrue(message.startsWith("refused: θ (m·d + m = 1000000000·16 + 1000000000) would hold 17,000,000,000 values, more than a"
                + " Java array can (2,147,483,639); use model.width ≤ "), message);
        // the largest width that fits: m·17 ≤ 2^31 − 9 and n·m = 32·m ≤ 2^31 − 9, so m ≤ 67,108,863 (32·m), and the heap:
        // 8·(11·17 m + 2·32 m + 2·16 m + 50 m) + 9472 + data + gram ≤ 10¹² − 64 MiB gives m ≤ 3.7·10⁸, not the limit here
        assertTrue(message.endsWith("use model.width ≤ 67108863"), message);
    }

    @Test
    void theEstimateAboveTheHeapIsRefusedWithTheFixesThatWouldFit() {
        // per unit of width: parameters 8·11·17 = 1496, kernels 8·(2·32 + 2·16 + 50) = 1168 bytes (Z and σ(Z), Wᵀ and Gᵀ,
        // the pass's rows and sums): 2664 bytes
        Spec spec = spec(4_000_000, "ejml");
        MemoryEstimate estimate = MemoryEstimate.of(spec);
        assertEquals(2664L * 4_000_000 + 8 * (32 * 16 + 64 + 68) + 8 * (2 * 32 * 16 + 5 * 32) + 8 * 3 * 32 * 32, estimate.bytes());
        MemoryCheck.Machine machine = new MemoryCheck.Machine(8_000_000_000L, 25 * GB);
        String message = refusal(spec, "ejml", machine, true);
        // the widest that fits 8·10⁹ − 64 MiB of heap: 2664 m + 39,200 bytes (data 5152 with the teacher's, kernels' 9472, gram 24,576)
        long widest = (8_000_000_000L - (64L << 20) - 39_200) / 2664;
        // nd4j fits: parameters 5.98 GB and on the heap only R X and the pass, 8·(512 + 50 m + 160) = 1.6 GB
        assertEquals("refused: the run needs about 10.7 GB of Java heap (data 5.2 kB, parameters 6.0 GB, kernels 4.7 GB, gram 24.6 kB)"
                + " and 67.1 MB for gdflow itself, but Java may use at most 8.0 GB here (-Xmx); give Java more memory"
                + " (GDFLOW_JAVA_OPTS=-Xmx11g ./gdflow ...; this machine has 25.0 GB), or use model.width ≤ " + widest + ", or use"
                + " \"backend\": \"nd4j\" (its work matrices live outside the heap: it needs 7.6 GB (data 5.2 kB, parameters 6.0 GB,"
                + " kernels 1.6 GB, gram 24.6 kB) + 3.1 GB native (kernels 3.1 GB, gram 24.6 kB))", message);
        // at 6.2 GB nd4j does not fit either, and is not suggested
        assertFalse(refusal(spec, "ejml", new MemoryCheck.Machine(6_200_000_000L, 25 * GB), true).contains("nd4j"));
        // one less than the widest that fits is accepted, one more refused
        MemoryCheck.require(spec(widest, "ejml"), "ejml", machine, true);
        assertThrows(InsufficientMemoryException.class, () -> MemoryCheck.require(spec(widest + 1, "ejml"), "ejml", machine, true));
    }

    @Test
    void moreHeapThanTheMachineHasIsNotSuggestedNorABackendThatDoesNotFitEither() {
        MemoryCheck.Machine machine = new MemoryCheck.Machine(6 * GB, 8 * GB);
        String message = refusal(spec(33_554_432, "ejml"), "ejml", machine, true);
        assertTrue(message.startsWith("refused: the run needs about 89.4 GB of Java heap"), message);
        long widest = (6 * GB - (64L << 20) - 39_200) / 2664;
        assertTrue(message.endsWith("but Java may use at most 6.0 GB here (-Xmx); use model.width ≤ " + widest), message);
        // without the native backend installed it is not suggested
        String without = refusal(spec(4_000_000, "ejml"), "ejml", new MemoryCheck.Machine(6 * GB, 0), false);
        assertTrue(without.contains("this machine has an unknown amount)"), without);
        assertTrue(!without.contains("nd4j"), without);
    }

    @Test
    void theNativeBackendsMatricesAreComparedWithTheMachineBesideTheHeap() {
        // nd4j natively: 8·(2·32 m + 4·512 + 2·16 m + 2 m + 64) = 784 m + 16,896 bytes (Z and σ(Z), X three ways and R X,
        // Wᵀ and Gᵀ, a, u, r), and 3n² for H
        Spec spec = spec(20_000_000, "nd4j");
        MemoryEstimate estimate = MemoryEstimate.of(spec, "nd4j");
        assertEquals(784L * 20_000_000 + 16_896, estimate.nativeParts().get("kernels"));
        // on the heap nd4j keeps R X and the pass's rows and sums: 8·(n·d + 50m + 5n)
        assertEquals(8L * (32 * 16 + 50 * 20_000_000 + 5 * 32), estimate.parts().get("kernels"));
        assertEquals(8L * 3 * 1024, estimate.nativeParts().get("gram"));
        MemoryCheck.Machine machine = new MemoryCheck.Machine(45 * GB, 58 * GB);
        String message = refusal(spec, "nd4j", machine, true);
        assertTrue(message.startsWith("refused: the nd4j backend needs about 15.7 GB outside the Java heap (kernels 15.7 GB, gram 24.6 kB),"
                + " but this machine has 58.0 GB, of which Java's heap may take 45.0 GB; use model.width ≤ "), message);
        // the widest whose native part fits the 13 GB beside the heap: 784 m + 16,896 + 24,576 ≤ 13·10⁹
        assertTrue(message.contains("; use model.width ≤ " + (13 * GB - 16_896 - 24_576) / 784 + ", or "), message);
        // the heap it needs, 37.9 GB and the baseline, with a tenth to spare: 39 GiB, which leaves the machine 16.1 GB > 15.7 GB
        assertTrue(message.endsWith(", or give Java a smaller heap (GDFLOW_JAVA_OPTS=-Xmx39g) to leave the machine more"), message);
        // the boundary: a machine of exactly 39 GiB and the native part still gets the suggestion, one byte less does not
        long exact = (39L << 30) + estimate.nativeBytes();
        assertTrue(refusal(spec, "nd4j", new MemoryCheck.Machine(45 * GB, exact), true).endsWith("(GDFLOW_JAVA_OPTS=-Xmx39g) to leave"
                + " the machine more"));
        assertFalse(refusal(spec, "nd4j", new MemoryCheck.Machine(45 * GB, exact - 1), true).contains("smaller heap"));
        // on 50 GB, a 39 GiB heap would leave 8.1 GB: not suggested
        String tight = refusal(spec, "nd4j", new MemoryCheck.Machine(40 * GB, 50 * GB), true);
        assertTrue(tight.startsWith("refused: the nd4j backend needs about 15.7 GB outside the Java heap"), tight);
        assertFalse(tight.contains("smaller heap"), tight);
        // with an unknown machine size the native part is not refused
        MemoryCheck.require(spec, "nd4j", new MemoryCheck.Machine(40 * GB, 0), true);
    }

    @Test
    void aGramMatrixLongerThanAnArrayIsRefusedWithItsOwnFix() {
        Spec spec = GDFLOW.spec("""
                { "data": {"kind": "sphere", "n": 50000, "d": 2, "target": {"kind": "random"}},
                  "model": {"width": 4, "activation": "tanh", "scaling": "ntk"}, "observe": {"metrics": ["gram_min_eig"]},
                  "integrator": {"name": "rk4", "dt": 0.2}, "stop": {"time": 1}, "backend": "ejml" }
                """, null);
        assertEquals("refused: the n×n Gram matrix (n² = 50000²) would hold 2,500,000,000 values, more than a Java array can"
                + " (2,147,483,639); use data.n ≤ 46340, or drop the Gram metrics and the theory (above n = 2048 the end-of-run Gram"
                + " diagnostics are skipped)", refusal(spec, "ejml", new MemoryCheck.Machine(1000 * GB, 0), false));
    }

    @Test
    void aTeacherWiderThanAnArrayIsRefused() {
        Spec spec = GDFLOW.spec("""
                { "data": {"kind": "sphere", "n": 4, "d": 16, "target": {"kind": "teacher", "width": 200000000, "activation": "tanh"}},
                  "model": {"width": 4, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "rk4", "dt": 0.2}, "stop": {"time": 1}, "backend": "ejml" }
                """, null);
        assertEquals("refused: the teacher's weights (width·d = 200000000·16) would hold 3,200,000,000 values, more than a Java array"
                + " can (2,147,483,639); use data.target.width ≤ 134217727", refusal(spec, "ejml", new MemoryCheck.Machine(1000 * GB, 0), false));
    }

    /** The heap a run needs here: its estimate and the baseline. */
    private static long heapNeed(Spec spec, String backend) {
        return MemoryEstimate.of(spec, backend).bytes() + MemoryEstimate.BASELINE_BYTES;
    }

    @Test
    void aRunThatNeedsExactlyTheHeapOrTheNativeRoomFits() {
        Spec spec = spec(1000, "ejml");
        long need = heapNeed(spec, "ejml");
        MemoryCheck.require(spec, "ejml", new MemoryCheck.Machine(need, 0), false);
        assertThrows(InsufficientMemoryException.class, () -> MemoryCheck.require(spec, "ejml", new MemoryCheck.Machine(need - 1, 0), false));
        // the machine exactly the heap the run needs: -Xmx cannot give more than the machine has, so it is not suggested
        String message = refusal(spec, "ejml", new MemoryCheck.Machine(need - 1, need), false);
        assertFalse(message.contains("GDFLOW_JAVA_OPTS"), message);
        assertTrue(refusal(spec, "ejml", new MemoryCheck.Machine(need - 1, need + 1), false).contains("GDFLOW_JAVA_OPTS=-Xmx1g"));
        // native: exactly the room beside the heap fits
        Spec nd4j = spec(1000, "nd4j");
        long heap = heapNeed(nd4j, "nd4j");
        long native_ = MemoryEstimate.of(nd4j, "nd4j").nativeBytes();
        MemoryCheck.require(nd4j, "nd4j", new MemoryCheck.Machine(heap, heap + native_), true);
        assertThrows(InsufficientMemoryException.class,
                () -> MemoryCheck.require(nd4j, "nd4j", new MemoryCheck.Machine(heap, heap + native_ - 1), true));
    }

    @Test
    void theWidestWidthThatFitsIsFoundExactly() {
        // a heap of exactly 2664·10⁶ + 39,200 bytes and the baseline: a width of 10⁶ fits, and is what is suggested
        MemoryCheck.Machine machine = new MemoryCheck.Machine(2664L * 1_000_000 + 39_200 + (64L << 20), 0);
        MemoryCheck.require(spec(1_000_000, "ejml"), "ejml", machine, false);
        assertTrue(refusal(spec(3_000_000, "ejml"), "ejml", machine, false).endsWith("use model.width ≤ 1000000"));
        // with symmetric pairs an odd width is not a choice: the even one below is named too
        Spec symmetric = GDFLOW.with(spec(3_000_000, "ejml"), "model.init", "{\"symmetric\": true}");
        MemoryCheck.Machine odd = new MemoryCheck.Machine(2664L * 999_999 + 39_200 + (64L << 20), 0);
        assertTrue(refusal(symmetric, "ejml", odd, false).endsWith("use model.width ≤ 999999 (even, for symmetric pairs: 999998)"),
                refusal(symmetric, "ejml", odd, false));
        assertTrue(refusal(spec(3_000_000, "ejml"), "ejml", odd, false).endsWith("use model.width ≤ 999999"));
        // a θ of exactly the longest array fits: d = 6, m = (2^31 − 9)/7 = 306,783,377
        Spec exact = GDFLOW.spec("""
                { "data": {"kind": "sphere", "n": 1, "d": 6, "target": {"kind": "random"}},
                  "model": {"width": 400000000, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "rk4", "dt": 0.2}, "stop": {"time": 1}, "backend": "ejml" }
                """, null);
        MemoryCheck.Machine huge = new MemoryCheck.Machine(Long.MAX_VALUE / 4, 0);
        assertTrue(refusal(exact, "ejml", huge, false).endsWith("use model.width ≤ 306783377"), refusal(exact, "ejml", huge, false));
        MemoryCheck.require(GDFLOW.with(exact, "model.width", "306783377"), "ejml", huge, false);
    }

    @Test
    void theInputsAndAPolynomialLongerThanAnArrayAreRefused() {
        MemoryCheck.Machine huge = new MemoryCheck.Machine(Long.MAX_VALUE / 4, 0);
        Spec inputs = GDFLOW.spec("""
                { "data": {"kind": "sphere", "n": 50000, "d": 50000, "target": {"kind": "random"}},
                  "model": {"width": 1, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "rk4", "dt": 0.2}, "stop": {"time": 1}, "backend": "ejml" }
                """, null);
        assertEquals("refused: the inputs X (n·d = 50000·50000) would hold 2,500,000,000 values, more than a Java array can"
                + " (2,147,483,639); use fewer data points or dimensions", refusal(inputs, "ejml", huge, false));
        Spec polynomial = GDFLOW.spec("""
                { "data": {"kind": "sphere", "n": 4, "d": 3, "target": {"kind": "function", "name": "polynomial", "degree": 1000000000}},
                  "model": {"width": 1, "activation": "tanh", "scaling": "ntk"},
                  "integrator": {"name": "rk4", "dt": 0.2}, "stop": {"time": 1}, "backend": "ejml" }
                """, null);
        assertEquals("refused: the polynomial's directions (degree·d = 1000000000·3) would hold 3,000,000,000 values, more than a Java"
                + " array can (2,147,483,639); use data.target.degree ≤ 715827879", refusal(polynomial, "ejml", huge, false));
        // a sin target draws no weights: no such check, and nothing in the estimate
        Spec sin = GDFLOW.with(polynomial, "data.target", "{\"kind\": \"function\", \"name\": \"sin\"}");
        MemoryCheck.require(sin, "ejml", huge, false);
        assertEquals(8L * (4 * 3 + 2 * 4), MemoryEstimate.of(sin).parts().get("data"));
    }

    @Test
    void aGeneratedTargetsWeightsAreCountedInTheData() {
        // teacher width 4 on d = 16: v is 4×16 and b has 4, so 68 doubles beside X (32×16), y and μ (32 each)
        assertEquals(8L * (32 * 16 + 2 * 32 + 4 * 17), MemoryEstimate.of(spec(8, "ejml")).parts().get("data"));
        Spec polynomial = GDFLOW.with(spec(8, "ejml"), "data.target", "{\"kind\": \"function\", \"name\": \"polynomial\", \"degree\": 5}");
        assertEquals(8L * (32 * 16 + 2 * 32 + 5 * 17), MemoryEstimate.of(polynomial).parts().get("data"));
        assertEquals(MemoryEstimate.of(polynomial).parts().values().stream().mapToLong(Long::longValue).sum(), MemoryEstimate.of(polynomial).bytes());
    }

    @Test
    void theRunnerRefusesBeforeReadingOrDrawingAnything(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // in memory too: a width whose θ no array holds is refused before θ(0) is drawn
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class, () -> GDFLOW.run(spec(1_000_000_000L, "ejml")));
        assertTrue(e.getMessage().startsWith("refused: θ (m·d + m = 1000000000·16 + 1000000000)"), e.getMessage());
        // csv data not pinned yet is read to count its rows: θ of 3m fits, n·m of 4m does not
        java.nio.file.Files.writeString(dir.resolve("x.csv"), "1,0\n0,1\n1,1\n0.5,0.5\n");
        java.nio.file.Files.writeString(dir.resolve("y.csv"), "1\n0\n1\n0\n");
        Spec csv = GDFLOW.with(spec(600_000_000, "ejml"), "data", "{\"kind\": \"csv\", \"x\": \"" + dir.resolve("x.csv")
                + "\", \"y\": \"" + dir.resolve("y.csv") + "\"}");
        e = assertThrows(InsufficientMemoryException.class, () -> GDFLOW.runner().requireFits(csv));
        assertTrue(e.getMessage().startsWith("refused: the n×m work matrices of the ejml backend (n·m = 4·600000000)"), e.getMessage());
    }

    @Test
    void aRunThatFitsPasses() {
        MemoryCheck.require(spec(512, "ejml"), "ejml", MemoryCheck.Machine.here(), true);
        MemoryCheck.Machine here = MemoryCheck.Machine.here();
        assertEquals(Runtime.getRuntime().maxMemory(), here.maxHeap());
        assertTrue(here.physical() >= 0);
    }
}
