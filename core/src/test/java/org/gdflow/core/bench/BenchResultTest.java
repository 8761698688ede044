package org.gdflow.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one-line report of a result. */
class BenchResultTest {

    @Test
    void toStringIsOneAlignedLine() {
        BenchResult r = new BenchResult("small", "ejml", "field", 8.45, 8.1, 1.99, 12);
        assertEquals("small   ejml     field  median      8.450 ms  min      8.100 ms     1.99 GFLOP/s  (12 reps)", r.toString());
        BenchResult big = new BenchResult("large", "nd4j", "rk4", 5588.3504, 5501.0, 49.666, 5);
        assertEquals("large   nd4j     rk4    median   5588.350 ms  min   5501.000 ms    49.67 GFLOP/s  (5 reps)", big.toString());
    }

    @Test
    void kernelNames() {
        assertEquals("field", BenchResult.FIELD);
        assertEquals("rk4", BenchResult.RK4);
    }
}
