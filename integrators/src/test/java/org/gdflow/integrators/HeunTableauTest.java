package org.gdflow.integrators;

import org.gdflow.api.Integrator;

/** A tableau written by a user (Heun's method) runs on the same engine: order 2, R(z) = 1 + z + z²/2. */
class HeunTableauTest extends AbstractFlowIntegratorTest {
    private static final ButcherTableau HEUN = new ButcherTableau(
            new double[] {0, 1},
            new double[][] {{}, {1}},
            new double[] {0.5, 0.5});

    @Override
    protected Integrator createIntegrator(double dt) {
        return new ExplicitRungeKuttaIntegrator(HEUN, dt);
    }

    @Override
    protected double expectedOrder() {
        return 2;
    }

    @Override
    protected double orderTolerance() {
        return 0.15;
    }

    @Override
    protected int evaluationsPerStep() {
        return 1;
    }

    @Override
    protected double stabilityFunction(double z) {
        return 1 + z + z * z / 2;
    }
}
