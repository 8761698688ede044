/**
 * The built-in width scalings of gdflow, {@code ntk}, {@code mean-field} and {@code power},
 * registered by {@link org.gdflow.scalings.BuiltInScalings}. Each pairs the output scale s(m) of
 * {@code f(x) = s(m) Σ_r a_r σ(w_r·x)} with the time scale τ(m) of {@code dθ/dt = −τ(m) ∇L} so
 * that {@code τ s² = 1/m}.
 */
package org.gdflow.scalings;
