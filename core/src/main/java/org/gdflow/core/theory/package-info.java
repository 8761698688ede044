/**
 * The quantities of the convergence theory, independent of any run: Gauss quadrature rules
 * ({@link org.gdflow.core.theory.GaussRule}), the infinite-width Gram matrix H_inf and λ0
 * ({@link org.gdflow.core.theory.InfiniteWidthKernel}), the loss-weighted Gram spectrum
 * ({@link org.gdflow.core.theory.GramSpectrum}), the linearised (NTK) predictions
 * ({@link org.gdflow.core.theory.LinearisedPrediction}) and the published width thresholds
 * ({@link org.gdflow.core.theory.WidthThresholds}). Formulas in docs/METRICS.md.
 */
package org.gdflow.core.theory;
