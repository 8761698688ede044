package org.gdflow.core.theory;

/**
 * A dense symmetric eigen solver, {@code A = Q Λ Qᵀ}; {@code NetworkKernels::symmetricEigen} is one.
 */
@FunctionalInterface
public interface EigenSolver {
    /**
     * @param symmetric k×k row-major. May be overwritten.
     * @param eigenvectors modified if not null: receives Q, the eigenvectors as columns, k×k row-major
     * @return the k eigenvalues, ascending
     */
    double[] solve(double[] symmetric, double[] eigenvectors);
}
