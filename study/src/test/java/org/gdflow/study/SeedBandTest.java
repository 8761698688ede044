package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Means, minima and maxima over seeds, against values worked out by hand. */
class SeedBandTest {
    private static final double TOL = 1e-15;

    @Test
    void curvesOnOneTimeGridGiveTheirStatisticsAtEachTime() {
        SeedBand band = SeedBand.overTime(List.of(new double[] {0, 1, 2}, new double[] {0, 1, 2}, new double[] {0, 1, 2}),
                List.of(new double[] {3, 2, 1}, new double[] {6, 1, 4}, new double[] {0, 3, 1}));
        assertArrayEquals(new double[] {0, 1, 2}, band.x());
        assertArrayEquals(new double[] {3, 2, 2}, band.mean(), TOL);
        assertArrayEquals(new double[] {0, 1, 1}, band.min());
        assertArrayEquals(new double[] {6, 3, 4}, band.max());
        assertArrayEquals(new int[] {3, 3, 3}, band.count());
        assertTrue(band.spread());
    }

    @Test
    void aCurveStopsContributingAfterItsLastRowAndIsInterpolatedBetweenItsRows() {
        // curve A: t = 0, 2, 4 (values 8, 4, 0); curve B: t = 0, 1, 3 (values 2, 6, 10), it converged at t = 3
        SeedBand band = SeedBand.overTime(List.of(new double[] {0, 2, 4}, new double[] {0, 1, 3}),
                List.of(new double[] {8, 4, 0}, new double[] {2, 6, 10}));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, band.x());
        // t = 1: A between (0, 8) and (2, 4) gives 6; B has 6.  t = 2: A 4, B between (1, 6) and (3, 10) gives 8.
        // t = 3: A between (2, 4) and (4, 0) gives 2; B 10.  t = 4: A alone, 0.
        assertArrayEquals(new double[] {5, 6, 6, 6, 0}, band.mean(), TOL);
        assertArrayEquals(new double[] {2, 6, 4, 2, 0}, band.min(), TOL);
        assertArrayEquals(new double[] {8, 6, 8, 10, 0}, band.max(), TOL);
        assertArrayEquals(new int[] {2, 2, 2, 2, 1}, band.count());
    }

    @Test
    void nonFiniteRowsAreLeftOutOfTheirCurve() {
        // A's row at t = NaN and B's NaN value at t = 1 are dropped, so no curve has a row at t = 1;
        // C's row at t = 1 brings it back, where A and B are interpolated: A (0, 1)–(2, 3) gives 2, B (0, 2)–(2, 6) gives 4
        SeedBand band = SeedBand.overTime(List.of(new double[] {0, Double.NaN, 2}, new double[] {0, 1, 2}),
                List.of(new double[] {1, 5, 3}, new double[] {2, Double.NaN, 6}));
        assertArrayEquals(new double[] {0, 2}, band.x());
        assertArrayEquals(new double[] {1.5, 4.5}, band.mean(), TOL);
        SeedBand three = SeedBand.overTime(List.of(new double[] {0, Double.NaN, 2}, new double[] {0, 1, 2}, new double[] {1}),
                List.of(new double[] {1, 5, 3}, new double[] {2, Double.NaN, 6}, new double[] {9}));
        assertArrayEquals(new double[] {0, 1, 2}, three.x());
        assertArrayEquals(new double[] {1.5, 5, 4.5}, three.mean(), TOL);
        assertArrayEquals(new int[] {2, 3, 2}, three.count());
        // a single curve: no band to draw
        SeedBand one = SeedBand.overTime(List.of(new double[] {0, 1}), List.of(new double[] {1, Double.POSITIVE_INFINITY}));
        assertArrayEquals(new double[] {0}, one.x());
        assertFalse(one.spread());
        assertEquals(0, SeedBand.overTime(List.of(), List.of()).x().length);
    }

    @Test
    void interpolationIsExactAtRowsLinearBetweenAndUndefinedOutside() {
        double[] t = {1, 2, 4};
        double[] v = {10, 20, 0};
        assertEquals(10, SeedBand.interpolate(t, v, 1));
        assertEquals(20, SeedBand.interpolate(t, v, 2));
        assertEquals(0, SeedBand.interpolate(t, v, 4));
        assertEquals(15, SeedBand.interpolate(t, v, 1.5));
        assertEquals(5, SeedBand.interpolate(t, v, 3.5));
        assertTrue(Double.isNaN(SeedBand.interpolate(t, v, 0.5)));
        assertTrue(Double.isNaN(SeedBand.interpolate(t, v, 4.5)));
        assertTrue(Double.isNaN(SeedBand.interpolate(new double[0], new double[0], 0)));
    }

    @Test
    void pointsAreGroupedByXInIncreasingOrder() {
        // x = 4 twice (values 1 and 3), x = 2 once (5), x = 8 with a NaN only, x = NaN dropped
        SeedBand band = SeedBand.atPoints(new double[] {4, 2, 4, 8, Double.NaN}, new double[] {1, 5, 3, Double.NaN, 7});
        assertArrayEquals(new double[] {2, 4}, band.x());
        assertArrayEquals(new double[] {5, 2}, band.mean());
        assertArrayEquals(new double[] {5, 1}, band.min());
        assertArrayEquals(new double[] {5, 3}, band.max());
        assertArrayEquals(new int[] {1, 2}, band.count());
        assertTrue(band.spread());
        assertFalse(SeedBand.atPoints(new double[] {1, 2}, new double[] {1, 1}).spread());
    }
}
