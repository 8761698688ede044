package org.gdflow.api;

/**
 * The width scaling of the model and the time scale of the flow: {@code f(x) = s(m) Σ_r a_r σ(w_r·x)},
 * {@code dθ/dt = −τ(m) ∇_θ L}. With the built-ins, {@code τ s² = 1/m}.
 */
public interface Scaling {
    /** The output scale s(m) for width m. */
    double outputScale(int width);

    /** The time scale τ(m) for width m. */
    double timeScale(int width);
}
