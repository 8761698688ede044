/**
 * The plugin SPI of gdflow: what a plugin author implements and nothing else.
 *
 * <p>Four kinds of plugin exist ({@link org.gdflow.api.PluginKind}): an {@link org.gdflow.api.Activation}
 * σ, a {@link org.gdflow.api.Scaling} (s(m), τ(m)), an {@link org.gdflow.api.Integrator} that advances the
 * flat parameter vector θ, and a {@link org.gdflow.api.Backend} that evaluates whole kernels (the vector
 * field, the predictions, the Gram matrix). A jar contributes plugins by listing an implementation of
 * {@link org.gdflow.api.PluginRegistration} in {@code META-INF/services/org.gdflow.api.PluginRegistration}.
 *
 * <p>Symbols follow the design notes: {@code f(x) = s(m) Σ_r a_r σ(w_r·x)}, loss
 * {@code L = ½ Σ_i μ_i (f(x_i) − y_i)²}, flow {@code dθ/dt = −τ(m) ∇_θ L}. The state θ is a flat
 * {@code double[]}: W row-major (m×d), then a (m).
 */
package org.gdflow.api;
