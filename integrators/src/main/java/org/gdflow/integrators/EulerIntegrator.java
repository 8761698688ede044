package org.gdflow.integrators;

/** The explicit Euler method θ_{k+1} = θ_k + dt F(θ_k): order 1, no evaluation beyond the caller's. */
public final class EulerIntegrator extends ExplicitRungeKuttaIntegrator {
    /** The 1-stage tableau: c = (0), b = (1). */
    public static final ButcherTableau TABLEAU = new ButcherTableau(
            new double[] {0},
            new double[][] {{}},
            new double[] {1});

    /**
     * Creates the integrator.
     *
     * @param parameters the time step
     */
    public EulerIntegrator(FlowStepParameters parameters) {
        super(TABLEAU, parameters.dt());
    }
}
