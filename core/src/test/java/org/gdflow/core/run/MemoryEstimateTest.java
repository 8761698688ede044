package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory estimate of a run, against the array sizes counted by hand (8 bytes a double). */
class MemoryEstimateTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    private static Spec small(String... sets) {
        Spec spec = GDFLOW.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 2}"), null);
        for (int i = 0; i < sets.length; i += 2) {
            spec = GDFLOW.with(spec, sets[i], sets[i + 1]);
        }
        return spec;
    }

    private static Map<String, Long> parts(long... kv) {
        String[] names = {"data", "parameters", "kernels", "gram", "theory"};
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i++) {
            if (kv[i] >= 0) {
                out.put(names[i], kv[i]);
            }
        }
        return out;
    }

    @Test
    void theSmallProblemCountedByHand() {
        // n = 12, d = 3, m = 16, P = 16·3 + 16 = 64
        MemoryEstimate e = MemoryEstimate.of(small());
        // data 8·(12·3 + 2·12) and the teacher's 3×3 weights and 3 signs 8·12, parameters 8·11·64,
        // kernels 8·(2·12·16 + 2·12·3 + 2·16·3 + 50·16 + 5·12): Z and σ(Z) (the end-of-run Gram matrix, n ≤ 2048),
        // X's batch copy and Rᵀ, Wᵀ and Gᵀ, the fixed 50m + 5n; gram 8·3·12²
        assertEquals(parts(480 + 96, 5632, 11296, 3456), e.parts());
        assertEquals(480 + 96 + 5632 + 11296 + 3456, e.bytes());
    }

    @Test
    void gramMetricsLinearisedSolutionAndTheoryEachAddTheirMatrices() {
        MemoryEstimate gramMetric = MemoryEstimate.of(small("observe.metrics", "[\"gram_min_eig\"]"));
        assertEquals(8L * 5 * 144, gramMetric.parts().get("gram"));
        MemoryEstimate maxEig = MemoryEstimate.of(small("observe.metrics", "[\"gram_max_eig\"]"));
        assertEquals(8L * 5 * 144, maxEig.parts().get("gram"));
        MemoryEstimate lin = MemoryEstimate.of(small("observe.metrics", "[\"lin_deviation\"]"));
        assertEquals(8L * 7 * 144, lin.parts().get("gram"));
        MemoryEstimate theory = MemoryEstimate.of(small("theory", "true"));
        assertEquals(parts(480 + 96, 5632, 11296, 3456, 3456), theory.parts());
        assertEquals(480 + 96 + 5632 + 11296 + 2 * 3456, theory.bytes());
    }

    @Test
    void patternFlipsAddZAtTheStartAndTheNativeBackendCountsItsOwnMatrices() {
        // n = 12, d = 3, m = 16: Z(0) is one more n×m matrix on ejml, 8·192 bytes
        MemoryEstimate flips = MemoryEstimate.of(small("observe.metrics", "[\"pattern_flip_fraction\"]"));
        assertEquals(11296 + 8 * 192, flips.parts().get("kernels"));
        assertEquals(0, flips.nativeBytes());
        // nd4j, heap: R X (n·d) and 50m + 5n; native: Z and σ(Z), X three ways and R X, Wᵀ and Gᵀ, a, u, r, and the Gram's 3n²
        MemoryEstimate nd4j = MemoryEstimate.of(small(), "nd4j");
        assertEquals(8L * (36 + 50 * 16 + 5 * 12), nd4j.parts().get("kernels"));
        assertEquals(Map.of("kernels", 8L * (2 * 192 + 4 * 36 + 2 * 48 + 2 * 16 + 2 * 12), "gram", 8L * 3 * 144), nd4j.nativeParts());
        // with the flips, Z(0) and Z are compared in Java: 2n·m more on the heap
        MemoryEstimate nd4jFlips = MemoryEstimate.of(small("observe.metrics", "[\"pattern_flip_fraction\"]"), "nd4j");
        assertEquals(8L * (36 + 50 * 16 + 5 * 12 + 2 * 192), nd4jFlips.parts().get("kernels"));
        assertEquals(nd4j.nativeParts(), nd4jFlips.nativeParts());
        // n = 3000 > 2048: no Gram matrix, so Z alone natively
        MemoryEstimate nd4jBig = MemoryEstimate.of(small("data.n", "3000"), "nd4j");
        assertEquals(Map.of("kernels", 8L * (3000 * 16 + 4 * 3000 * 3 + 2 * 48 + 2 * 16 + 2 * 3000)), nd4jBig.nativeParts());
    }

    @Test
    void aLargeDataSetSkipsTheGramUnlessAskedFor() {
        // n = 3000 > 2048: no end-of-run Gram diagnostics, so no n² part
        MemoryEstimate big = MemoryEstimate.of(small("data.n", "3000"));
        // kernels: Z alone (no σ(Z) without the Gram matrix), 2n·d, 2m·d, 50m + 5n
        assertEquals(parts(8L * (3000 * 3 + 2 * 3000) + 96, 5632, 8L * (3000 * 16 + 2 * 3000 * 3 + 2 * 16 * 3 + 50 * 16 + 5 * 3000)),
                big.parts());
        assertEquals(8L * 3 * 3000 * 3000, MemoryEstimate.of(small("data.n", "3000", "theory", "true")).parts().get("gram"));
        assertEquals(8L * 7 * 3000 * 3000,
                MemoryEstimate.of(small("data.n", "3000", "observe.metrics", "[\"lin_deviation\"]")).parts().get("gram"));
        assertEquals(8L * 5 * 3000 * 3000,
                MemoryEstimate.of(small("data.n", "3000", "observe.metrics", "[\"gram_max_eig\"]")).parts().get("gram"));
        // the boundary: n = 2048 still computes them
        assertEquals(8L * 3 * 2048 * 2048, MemoryEstimate.of(small("data.n", "2048")).parts().get("gram"));
    }

    @Test
    void aCsvDataSetIsCountedFromItsFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.csv"), "1,2\n3,4\n5,6\n7,8\n9,10\n");
        Files.writeString(dir.resolve("y.csv"), "1\n2\n3\n4\n5\n");
        Spec spec = GDFLOW.with(small(), "data", "{\"kind\": \"csv\", \"x\": \"" + dir.resolve("x.csv") + "\", \"y\": \""
                + dir.resolve("y.csv") + "\"}");
        // n = 5, d = 2, m = 16, P = 48
        assertEquals(parts(8 * (10 + 10), 8 * 11 * 48, 8 * (2 * 5 * 16 + 2 * 5 * 2 + 2 * 16 * 2 + 50 * 16 + 5 * 5), 8 * 3 * 25),
                MemoryEstimate.of(spec).parts());
    }

    @Test
    void aWidthOfAThousandMillionIsCountedWithoutOverflow() {
        MemoryEstimate e = MemoryEstimate.of(12, 3, 1_000_000_000L, true, false, false, false, false);
        assertEquals(8L * 11 * 4_000_000_000L, e.parts().get("parameters"));
        // kernels 8·(2·12·10⁹ + 2·36 + 2·3·10⁹ + 50·10⁹ + 60) = 8·(80·10⁹ + 132); total 480 + 352·10⁹ + 640·10⁹ + 1056 + 3456
        assertEquals(992_000_004_992L, e.bytes());
        assertEquals("992.0 GB (data 480 B, parameters 352.0 GB, kernels 640.0 GB, gram 3.5 kB)", e.toString());
    }

    @Test
    void bytesAreWrittenInTheLargestUnitThatKeepsOneOrMore() {
        assertEquals("0 B", MemoryEstimate.human(0));
        assertEquals("999 B", MemoryEstimate.human(999));
        assertEquals("1.0 kB", MemoryEstimate.human(1000));
        assertEquals("3.1 MB", MemoryEstimate.human(3_140_000));
        assertEquals("15.6 GB", MemoryEstimate.human(15_600_000_000L));
        assertEquals("2.0 PB", MemoryEstimate.human(2_000_000_000_000_000L));
        assertEquals("2000.0 PB", MemoryEstimate.human(2_000_000_000_000_000_000L));
    }
}
