package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Least-squares lines beyond StudyTablesTest's hand-worked fits: power laws, degenerate inputs, messages. */
class LineFitTest {
    private static final double TOL = 1e-12;

    @Test
    void logLogFitRecoversTheExponentOfAPowerLaw() {
        // y = 3 x^-1/2 and y = 7 x^2: exact power laws, R² = 1
        LineFit half = LineFit.logLog(new double[] {4, 16, 64}, new double[] {1.5, 0.75, 0.375});
        assertEquals(-0.5, half.slope(), TOL);
        assertEquals(1.0, half.r2(), TOL);
        assertEquals(2.0, LineFit.logLog(new double[] {1, 2, 4}, new double[] {7, 28, 112}).slope(), TOL);
        assertEquals(0.5, LineFit.logLog(new double[] {1, 3, 9, 27}, new double[] {2, 2 * Math.sqrt(3), 6, 6 * Math.sqrt(3)})
                .slope(), TOL);
    }

    @Test
    void fewerThanTwoDistinctXGiveNoLine() {
        LineFit same = LineFit.through(new double[] {2, 2}, new double[] {1, 3});
        assertTrue(Double.isNaN(same.slope()) && Double.isNaN(same.r2()));
        assertTrue(Double.isNaN(LineFit.through(new double[] {2}, new double[] {1}).slope()));
        assertTrue(Double.isNaN(LineFit.through(new double[0], new double[0]).slope()));
        assertTrue(Double.isNaN(LineFit.logLog(new double[0], new double[0]).slope()));
        // x equal but for the last: a line
        assertEquals(2.0, LineFit.through(new double[] {0, 0, 1}, new double[] {0, 0, 2}).slope(), TOL);
    }

    @Test
    void badInputIsRefusedWithTheOffendingPoint() {
        assertEquals("a log–log fit needs positive values; point 1 is (2.0, 0.0)",
                assertThrows(IllegalArgumentException.class,
                        () -> LineFit.logLog(new double[] {1, 2}, new double[] {1, 0})).getMessage());
        assertEquals("a log–log fit needs positive values; point 0 is (-1.0, 1.0)",
                assertThrows(IllegalArgumentException.class,
                        () -> LineFit.logLog(new double[] {-1, 2}, new double[] {1, 1})).getMessage());
        assertEquals("a log–log fit needs positive values; point 0 is (0.0, 1.0)",
                assertThrows(IllegalArgumentException.class,
                        () -> LineFit.logLog(new double[] {0, 2}, new double[] {1, 1})).getMessage());
        assertEquals("a log–log fit needs positive values; point 0 is (NaN, 1.0)",
                assertThrows(IllegalArgumentException.class,
                        () -> LineFit.logLog(new double[] {Double.NaN}, new double[] {1})).getMessage());
        assertEquals("x has 2 values, y has 1", assertThrows(IllegalArgumentException.class,
                () -> LineFit.through(new double[] {1, 2}, new double[] {1})).getMessage());
        assertEquals("x has 1 values, y has 2", assertThrows(IllegalArgumentException.class,
                () -> LineFit.logLog(new double[] {1}, new double[] {1, 2})).getMessage());
    }
}
