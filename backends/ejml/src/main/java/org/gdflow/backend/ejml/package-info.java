/**
 * The {@code ejml} backend: the kernels of {@link org.gdflow.api.NetworkKernels} in pure Java, the field's
 * two products on register-tiled SIMD loops of the JDK Vector API (scalar loops with the same bits without
 * it), the Gram matrix and the eigen solver on EJML's dense row-major matrices.
 *
 * <p>Symbols follow the design notes: θ is W (m×d, row-major) then a (m); {@code Z = X Wᵀ},
 * {@code S = σ(Z)}, {@code D = σ'(Z)}, {@code u = s S a}, {@code r_i = μ_i (u_i − y_i)}.
 */
package org.gdflow.backend.ejml;
