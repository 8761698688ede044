package org.gdflow.api;

/** Kernels that know only their problem, for testing the default methods; every abstract method throws. */
final class ProblemOnlyKernels implements NetworkKernels {
    private final NetworkProblem problem;

    ProblemOnlyKernels(NetworkProblem problem) {
        this.problem = problem;
    }

    @Override
    public NetworkProblem problem() {
        return problem;
    }

    @Override
    public void predictions(double[] theta, double[] u) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void gram(double[] theta, double[] gram) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double[] symmetricEigen(double[] symmetric, double[] eigenvectors) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double evaluate(double[] theta, double[] velocity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double loss(double[] theta) {
        throw new UnsupportedOperationException();
    }
}
