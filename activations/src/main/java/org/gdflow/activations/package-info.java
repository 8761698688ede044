/**
 * The built-in activations of gdflow: {@code sigmoid}, {@code softplus}, {@code tanh}, {@code erf}
 * and {@code relu}, registered by {@link org.gdflow.activations.BuiltInActivations}.
 *
 * <p>Each computes value and derivative in one pass over an array
 * ({@link org.gdflow.api.Activation#evaluate}) and stays finite for |z| up to 1e3 and beyond.
 */
package org.gdflow.activations;
