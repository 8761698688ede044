package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;

/** The counting field forwards to the kernels and counts full and mini-batch evaluations, not losses. */
class CountingFieldTest {

    /** Kernels whose answers say which method was called: evaluate 1.5, batch 2.5 + size, loss 3.5. */
    private static final class Answering implements NetworkKernels {
        private final NetworkProblem problem = new NetworkProblem(new double[6], new double[3], new double[3], 3, 2, 4,
                new org.gdflow.api.Activation() {
                    @Override
                    public double value(double z) {
                        return z;
                    }

                    @Override
                    public double derivative(double z) {
                        return 1;
                    }

                    @Override
                    public double secondDerivative(double z) {
                        return 0;
                    }
                }, 0.5, 1, true, true);

        @Override
        public NetworkProblem problem() {
            return problem;
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            velocity[0] = 7;
            return 1.5;
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            velocity[1] = 8;
            return 2.5 + size;
        }

        @Override
        public double loss(double[] theta) {
            return 3.5;
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
    }

    @Test
    void forwardsEveryCallAndCountsTheFieldEvaluations() {
        CountingField field = new CountingField(new Answering());
        // n = 3, d = 2, m = 4: θ has 4·2 + 4 = 12 entries
        assertEquals(12, field.dimension());
        assertEquals(3, field.sampleCount());
        double[] velocity = new double[12];
        assertEquals(1.5, field.evaluate(new double[12], velocity), 0.0);
        assertEquals(2.5 + 2, field.evaluateBatch(new double[12], new int[] {0, 2}, 2, velocity), 0.0);
        assertEquals(3.5, field.loss(new double[12]), 0.0);
        assertEquals(7, velocity[0], 0.0);
        assertEquals(8, velocity[1], 0.0);
        assertEquals(2, field.evaluations(), "one full and one mini-batch evaluation; the loss alone is not one");
        field.setEvaluations(40);
        field.evaluate(new double[12], velocity);
        assertEquals(41, field.evaluations());
    }
}
