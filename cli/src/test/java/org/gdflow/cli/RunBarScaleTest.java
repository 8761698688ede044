package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The run bar's position: ⌊1000·t/T⌋ clamped to [0, 1000], worked out by hand. */
class RunBarScaleTest {
    @Test
    void thousandthsOfTheTimeLimit() {
        assertEquals(250, ProgressBars.RunBar.thousandths(0.5, 2.0));
        // ⌊1.5⌋
        assertEquals(1, ProgressBars.RunBar.thousandths(0.0015, 1.0));
        assertEquals(999, ProgressBars.RunBar.thousandths(4.999, 5.0));
        assertEquals(1000, ProgressBars.RunBar.thousandths(3.0, 2.0));
        assertEquals(0, ProgressBars.RunBar.thousandths(-1.0, 2.0));
    }

    @Test
    void noPositionWithoutAPositiveFiniteLimit() {
        assertEquals(0, ProgressBars.RunBar.thousandths(1.0, 0.0));
        assertEquals(0, ProgressBars.RunBar.thousandths(1.0, -2.0));
        assertEquals(0, ProgressBars.RunBar.thousandths(1.0, Double.POSITIVE_INFINITY));
        assertEquals(0, ProgressBars.RunBar.thousandths(1.0, Double.NaN));
    }
}
