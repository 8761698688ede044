package ${package};

import java.util.random.RandomGenerator;
import org.gdflow.api.Integrator;
import org.gdflow.api.Parameter;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;

/**
 * Heun's method for dθ/dt = F(θ): θ̃ = θ + dt F(θ), then θ ← θ + dt/2 (F(θ) + F(θ̃)). Order 2. The
 * integrator is immutable; each run gets its own {@link Stepper}, which holds the run's two work
 * arrays, allocated once in {@link #start}.
 */
public final class HeunIntegrator implements Integrator {
    /**
     * The parameters, bound by gdflow from the spec: {@code {"name": "heun", "dt": 0.1}}.
     *
     * @param dt the time step
     */
    public record Parameters(@Parameter(description = "time step dt > 0") double dt) {
        /** Checks that dt is positive and finite. */
        public Parameters {
            if (!(dt > 0 && dt < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
            }
        }
    }

    private final double dt;

    /** Heun's method with step {@code dt}. */
    public HeunIntegrator(double dt) {
        this.dt = dt;
    }

    @Override
    public double stepSize() {
        return dt;
    }

    @Override
    public Stepper start(VectorField field, RandomGenerator random) {
        double[] predictor = new double[field.dimension()];
        double[] corrector = new double[field.dimension()];
        // a fixed step: the time left before the run's limit is not needed
        return (theta, velocity, remaining) -> {
            // θ̃ = θ + dt F(θ); velocity holds F(θ), evaluated by gdflow
            for (int i = 0; i < theta.length; i++) {
                predictor[i] = theta[i] + dt * velocity[i];
            }
            field.evaluate(predictor, corrector);
            // θ ← θ + dt/2 (F(θ) + F(θ̃))
            for (int i = 0; i < theta.length; i++) {
                theta[i] += 0.5 * dt * (velocity[i] + corrector[i]);
            }
            return dt;
        };
    }
}
