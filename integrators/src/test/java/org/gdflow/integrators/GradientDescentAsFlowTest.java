package org.gdflow.integrators;

import org.gdflow.api.Integrator;

/** Full-batch gd without momentum is explicit Euler with dt = lr, so it passes Euler's contract. */
class GradientDescentAsFlowTest extends AbstractFlowIntegratorTest {
    @Override
    protected Integrator createIntegrator(double dt) {
        return new GradientDescentIntegrator(new GradientDescentParameters(dt, 0, 0));
    }

    @Override
    protected double expectedOrder() {
        return 1;
    }

    @Override
    protected double orderTolerance() {
        return 0.15;
    }

    @Override
    protected int evaluationsPerStep() {
        return 0;
    }

    @Override
    protected double stabilityFunction(double z) {
        return 1 + z;
    }

    @Override
    protected String badStepMessage() {
        return "lr must be positive and finite, got -0.1; use a learning rate such as 0.1";
    }
}
