package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The flow clock: k·h exactly for equal steps, a compensated sum otherwise. */
class FlowClockTest {

    @Test
    void equalStepsGiveKTimesHNotTheRoundedSum() {
        FlowClock clock = new FlowClock();
        double naive = 0;
        for (int k = 0; k < 10; k++) {
            clock.advance(0.1);
            naive += 0.1;
        }
        // ten additions of 0.1 round to 0.9999999999999999; 10 · 0.1 is 1.0
        assertEquals(0.9999999999999999, naive, 0.0);
        assertEquals(1.0, clock.time(), 0.0);
        assertEquals(10, clock.steps());
        assertEquals(0.1, clock.lastStep(7), 0.0);
    }

    @Test
    void beforeTheFirstStepTheTimeIsZeroAndTheLastStepTheFallback() {
        FlowClock clock = new FlowClock();
        assertEquals(0, clock.time(), 0.0);
        assertEquals(0, clock.steps());
        assertEquals(0.25, clock.lastStep(0.25), 0.0);
    }

    @Test
    void unequalStepsAreSummedWithoutLosingTheSmallOnes() {
        FlowClock clock = new FlowClock();
        BigDecimal exact = BigDecimal.ZERO;
        double naive = 0;
        double[] steps = new double[1001];
        steps[0] = 1.0;
        java.util.Arrays.fill(steps, 1, steps.length, 1e-17);
        for (double h : steps) {
            clock.advance(h);
            exact = exact.add(new BigDecimal(h));
            naive += h;
        }
        // 1e-17 is below half an ulp of 1 (1.1e-16): a naive sum drops every one of them
        assertEquals(1.0, naive, 0.0);
        double expected = exact.doubleValue();
        // 1 + 1000 · 1e-17 = 1 + 1e-14
        assertEquals(1 + 1e-14, expected, 2 * Math.ulp(1.0));
        assertEquals(expected, clock.time(), Math.ulp(expected));
        assertEquals(1001, clock.steps());
        assertEquals(1e-17, clock.lastStep(0), 0.0);
    }

    @Test
    void oneDifferentStepSwitchesToTheSum() {
        FlowClock clock = new FlowClock();
        clock.advance(0.1);
        clock.advance(0.1);
        clock.advance(0.3);
        // 0.1 + 0.1 + 0.3 = 0.5 (as doubles: 0.2 + 0.3 = 0.5)
        assertEquals(0.5, clock.time(), 0.0);
    }

    @Test
    void theStateSaysWhetherTheStepsWereEqualAndKeepsTheFirstOne() {
        // what a checkpoint keeps: equal steps stay uniform (so a resumed run goes on with k·h) ...
        FlowClock equal = new FlowClock();
        for (int k = 0; k < 3; k++) {
            equal.advance(0.1);
        }
        FlowClock.State state = equal.state();
        assertEquals(3, state.steps());
        assertEquals(0.1, state.firstStep(), 0.0);
        assertTrue(state.uniform(), "three steps of 0.1 are uniform");
        assertEquals(0.1, state.lastStep(), 0.0);
        // ... and the first step stays the first one when a later one differs
        FlowClock unequal = new FlowClock();
        unequal.advance(0.5);
        unequal.advance(0.25);
        unequal.advance(0.125);
        assertEquals(0.5, unequal.state().firstStep(), 0.0);
        assertFalse(unequal.state().uniform());
        assertEquals(0.125, unequal.state().lastStep(), 0.0);
        // 0.5 + 0.25 + 0.125 is exact in binary
        assertEquals(0.875, unequal.state().sum(), 0.0);
    }

    @Test
    void aStateRestoresTheSameClock() {
        FlowClock clock = new FlowClock();
        clock.advance(0.1);
        clock.advance(0.2);
        clock.advance(0.7);
        FlowClock copy = new FlowClock();
        copy.restore(clock.state());
        clock.advance(1e-17);
        copy.advance(1e-17);
        assertEquals(clock.time(), copy.time(), 0.0);
        assertEquals(clock.state(), copy.state());
        FlowClock uniform = new FlowClock();
        uniform.advance(0.1);
        FlowClock uniformCopy = new FlowClock();
        uniformCopy.restore(uniform.state());
        for (int k = 0; k < 9; k++) {
            uniformCopy.advance(0.1);
        }
        assertEquals(1.0, uniformCopy.time(), 0.0, "still k·h after a restore");
    }

    @Test
    void aStepThatDoesNotAdvanceTheTimeIsRefused() {
        FlowClock clock = new FlowClock();
        clock.advance(0.5);
        for (double h : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> clock.advance(h));
            assertEquals("the integrator took a step of length " + h + " at step 2; a step must advance the time by a"
                    + " positive, finite amount", e.getMessage());
        }
        assertEquals(1, clock.steps());
    }
}
