package org.gdflow.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one-line report of a result. */
class BenchResultTest {

    @Test
    void toStringIsOneAlignedLine() {
        BenchResult r = new BenchResult("small", "ejml", "field", 8.45, 8.1, 1.99, 12);
        assertEquals("small   ejml     field      median      8.450 ms  min      8.100 ms     1.99 GFLOP/s  (12 reps)", r.toString());
        BenchResult big = new BenchResult("large", "nd4j", "rk4", 5588.3504, 5501.0, 49.666, 5);
        assertEquals("large   nd4j     rk4        median   5588.350 ms  min   5501.000 ms    49.67 GFLOP/s  (5 reps)", big.toString());
        BenchResult products = new BenchResult("medium", "nd4j", "products", 30.5, 29.25, 70.4, 9);
        assertEquals("medium  nd4j     products   median     30.500 ms  min     29.250 ms    70.40 GFLOP/s  (9 reps)", products.toString());
    }

    @Test
    void theActivationPassIsInNanosecondsPerElement() {
        // 65536 elements in 0.032768 ms: 0.5 ns each; the minimum 0.0262144 ms: 0.4 ns
        BenchResult r = new BenchResult("small", "ejml", "activation", 0.032768, 0.0262144, 0, 200);
        assertEquals(0.5, r.nanosPerElement(), 1e-15);
        assertEquals("small   ejml     activation median   0.500 ns/element  min   0.400 ns/element  (one core, 200 reps)", r.toString());
    }

    @Test
    void anActivationPassTimedInSeveralJvmsGivesTheirCountAndTheRangeOfTheirMedians() {
        java.util.List<Double> medians = new java.util.ArrayList<>(java.util.List.of(0.131072, 0.16384, 0.19661));
        BenchResult r = new BenchResult("medium", "nd4j", "activation", 0.16384, 0.12, 0, 600, medians);
        // 2.5 ns at the median; the JVMs' medians 2.0, 2.5 and 3.0 (0.19661 ms: 2.99997 ns); the fastest 1.831 ns
        assertEquals("medium  nd4j     activation median   2.500 ns/element  min   1.831 ns/element  (one core, 3 JVMs, their medians"
                + " 2.000–3.000, 600 reps)", r.toString());
        medians.clear();
        assertEquals(3, r.jvmMedians().size(), "a copy");
        assertEquals(java.util.List.of(), new BenchResult("small", "ejml", "activation", 1, 1, 0, 5).jvmMedians());
    }

    @Test
    void anActivationPassTimedInOneJvmSaysSoWithoutARange() {
        BenchResult r = new BenchResult("small", "ejml", "activation", 0.032768, 0.0262144, 0, 200, java.util.List.of(0.032768));
        assertEquals("small   ejml     activation median   0.500 ns/element  min   0.400 ns/element  (one core, 1 JVM, 200 reps)",
                r.toString());
    }

    @Test
    void theBytesAllocatedPerRepetitionAreReportedWhenCounted() {
        BenchResult field = new BenchResult("small", "ejml", "field", 8.45, 8.1, 1.99, 12, java.util.List.of(), 17);
        assertEquals("small   ejml     field      median      8.450 ms  min      8.100 ms     1.99 GFLOP/s  (12 reps, 17 B allocated"
                + " per rep)", field.toString());
        BenchResult pass = new BenchResult("small", "ejml", "activation", 0.032768, 0.0262144, 0, 200, java.util.List.of(0.032768),
                201_000_000);
        assertEquals("small   ejml     activation median   0.500 ns/element  min   0.400 ns/element  (one core, 1 JVM, 200 reps,"
                + " 201.0 MB allocated per rep)", pass.toString());
        assertEquals("small   nd4j     products   median     30.500 ms  min     29.250 ms    70.40 GFLOP/s  (9 reps, 0 B allocated"
                + " per rep)", new BenchResult("small", "nd4j", "products", 30.5, 29.25, 70.4, 9, java.util.List.of(), 0).toString());
        assertEquals(-1, new BenchResult("small", "ejml", "field", 1, 1, 1, 5).bytesPerRepetition());
        assertEquals(-1, new BenchResult("small", "ejml", "activation", 1, 1, 0, 5, java.util.List.of(1.0)).bytesPerRepetition());
    }

    @Test
    void kernelNames() {
        assertEquals("field", BenchResult.FIELD);
        assertEquals("rk4", BenchResult.RK4);
        assertEquals("products", BenchResult.PRODUCTS);
        assertEquals("activation", BenchResult.ACTIVATION);
        assertEquals(65536, VectorFieldBenchmark.ACTIVATION_ELEMENTS);
    }
}
