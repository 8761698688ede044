package org.gdflow.integrators;

import org.gdflow.api.Integrator;

/** Explicit Euler: order 1, R(z) = 1 + z. */
class EulerIntegratorTest extends AbstractFlowIntegratorTest {
    @Override
    protected Integrator createIntegrator(double dt) {
        return new EulerIntegrator(new FlowStepParameters(dt));
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
}
