/**
 * The built-in integrators of gdflow, registered by {@link org.gdflow.integrators.BuiltInIntegrators}:
 * {@code euler} and {@code rk4} for the gradient flow dθ/dt = F(θ) = −τ∇L(θ), and {@code gd}
 * (gradient descent with optional heavy-ball momentum and mini-batches).
 *
 * <p>As in Hipparchus, one engine ({@link org.gdflow.integrators.ExplicitRungeKuttaIntegrator}) runs
 * any explicit Butcher tableau ({@link org.gdflow.integrators.ButcherTableau}); {@code euler} and
 * {@code rk4} are just their tableaus. Every stepper allocates its work arrays once in
 * {@link org.gdflow.api.Integrator#start} and takes F(θ_k) from the caller as its first stage.
 */
package org.gdflow.integrators;
