/**
 * The {@code ejml} backend: the kernels of {@link org.gdflow.api.NetworkKernels} on EJML's dense
 * row-major matrices, in pure Java.
 *
 * <p>Symbols follow the design notes: θ is W (m×d, row-major) then a (m); {@code Z = X Wᵀ},
 * {@code S = σ(Z)}, {@code D = σ'(Z)}, {@code u = s S a}, {@code r_i = μ_i (u_i − y_i)}.
 */
package org.gdflow.backend.ejml;
