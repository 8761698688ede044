/**
 * The {@code nd4j} backend: the kernels of {@link org.gdflow.api.NetworkKernels} on ND4J's native
 * memory, OpenBLAS's DGEMM/DGEMV/DSYRK and LAPACK's DSYEVD, in double precision.
 *
 * <p>Symbols follow the design notes: θ is W (m×d, row-major) then a (m); {@code Z = X Wᵀ},
 * {@code S = σ(Z)}, {@code D = σ'(Z)}, {@code u = s S a}, {@code r_i = μ_i (u_i − y_i)}.
 * The launcher should export {@code OPENBLAS_CORETYPE} where OpenBLAS 0.3.19 misjudges the CPU
 * (see docs/PERFORMANCE.md); the backend checks native DGEMM at start and refuses to run if it is wrong.
 */
package org.gdflow.backend.nd4j;
