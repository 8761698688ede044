package org.gdflow.api;

/** σ(z) = z³, σ' = 3z², σ'' = 6z, with only the scalar methods written: a test activation worked by hand. */
final class Cube implements Activation {
    @Override
    public double value(double z) {
        return z * z * z;
    }

    @Override
    public double derivative(double z) {
        return 3 * z * z;
    }

    @Override
    public double secondDerivative(double z) {
        return 6 * z;
    }
}
