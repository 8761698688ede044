package org.gdflow.integrators;

import org.gdflow.api.Integrator;

/** Classical Runge–Kutta: order 4, R(z) = 1 + z + z²/2 + z³/6 + z⁴/24. */
class Rk4IntegratorTest extends AbstractFlowIntegratorTest {
    @Override
    protected Integrator createIntegrator(double dt) {
        return new Rk4Integrator(new FlowStepParameters(dt));
    }

    @Override
    protected double expectedOrder() {
        return 4;
    }

    @Override
    protected double orderTolerance() {
        return 0.3;
    }

    @Override
    protected int evaluationsPerStep() {
        return 3;
    }

    @Override
    protected double stabilityFunction(double z) {
        return 1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24;
    }
}
