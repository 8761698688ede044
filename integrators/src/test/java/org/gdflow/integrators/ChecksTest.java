package org.gdflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Each check returns the value it accepts unchanged, so it can be used inline
 * ({@code this.dt = Checks.timeStep(dt)}); the extremes of each accepted range, by hand.
 * The refusals and their messages are in {@link ParametersTest}.
 */
class ChecksTest {

    @Test
    void acceptedValuesAreReturnedUnchanged() {
        for (double step : new double[] {Double.MIN_VALUE, 0.3, Double.MAX_VALUE}) {
            assertEquals(step, Checks.timeStep(step), 0.0, "dt " + step);
            assertEquals(step, Checks.learningRate(step), 0.0, "lr " + step);
        }
        for (double momentum : new double[] {0.0, 0.9, Math.nextDown(1.0)}) {
            assertEquals(momentum, Checks.momentum(momentum), 0.0, "momentum " + momentum);
        }
        for (int batchSize : new int[] {0, 1, 7, Integer.MAX_VALUE}) {
            assertEquals(batchSize, Checks.batchSize(batchSize), "batch_size " + batchSize);
        }
    }
}
