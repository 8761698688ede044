package org.gdflow.integrators;

/** The classical fourth-order Runge–Kutta method: 4 stages, 3 evaluations beyond the caller's. */
public final class Rk4Integrator extends ExplicitRungeKuttaIntegrator {
    /** The classical tableau: c = (0, ½, ½, 1), a = (½; 0, ½; 0, 0, 1), b = (⅙, ⅓, ⅓, ⅙). */
    public static final ButcherTableau TABLEAU = new ButcherTableau(
            new double[] {0, 1.0 / 2, 1.0 / 2, 1},
            new double[][] {
                {},
                {1.0 / 2},
                {0, 1.0 / 2},
                {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});

    /**
     * Creates the integrator.
     *
     * @param parameters the time step
     */
    public Rk4Integrator(FlowStepParameters parameters) {
        super(TABLEAU, parameters.dt());
    }
}
