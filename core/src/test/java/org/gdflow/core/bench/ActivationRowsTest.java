package org.gdflow.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gdflow.activations.Erf;
import org.gdflow.activations.Relu;
import org.gdflow.activations.Sigmoid;
import org.gdflow.activations.Softplus;
import org.gdflow.activations.Tanh;
import org.gdflow.api.Activation;
import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;

/** The bench's activation pass row by row: the calls it makes, and the same σ, σ' as one pass over all elements. */
class ActivationRowsTest {
    /** σ(z) = z + 1, σ'(z) = 2z; records each call: a copy of z[from, to), from, to and the output arrays. */
    static final class Recording implements Activation {
        record Call(double[] z, int from, int to, double[] value, double[] derivative) {
        }

        final List<Call> calls = new ArrayList<>();

        @Override
        public double value(double z) {
            return z + 1;
        }

        @Override
        public double derivative(double z) {
            return 2 * z;
        }

        @Override
        public double secondDerivative(double z) {
            return 2;
        }

        @Override
        public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
            calls.add(new Call(Arrays.copyOfRange(z, from, to), from, to, value, derivative));
            Activation.super.evaluate(z, value, derivative, from, to);
        }
    }

    @Test
    void eachRowIsOneCallFromIndexZeroIntoTheSameTwoBuffers() {
        double[] z = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        ActivationRows rows = new ActivationRows(z, 4);
        assertEquals(3, rows.rows());
        Recording recording = new Recording();
        // the last row is 9, 10: σ(9) + σ'(10) = 10 + 20
        assertEquals(30.0, rows.pass(recording), 0.0);
        assertEquals(3, recording.calls.size());
        double[][] expected = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10}};
        for (int i = 0; i < 3; i++) {
            Recording.Call call = recording.calls.get(i);
            assertArrayEquals(expected[i], call.z(), "row " + i);
            assertEquals(0, call.from());
            assertEquals(expected[i].length, call.to());
            assertSame(rows.value(), call.value());
            assertSame(rows.derivative(), call.derivative());
        }
        assertNotSame(rows.value(), rows.derivative());
        assertEquals(4, rows.value().length);
        assertEquals(4, rows.derivative().length);
        // the buffers after the pass: the last row in front, the second row's σ behind it
        assertArrayEquals(new double[] {10, 11, 8, 9}, rows.value());
        assertArrayEquals(new double[] {18, 20, 14, 16}, rows.derivative());
        // z is copied, not kept: changing it changes nothing
        z[0] = 100;
        rows.row(recording, 0);
        assertArrayEquals(new double[] {2, 3, 4, 5}, rows.value());
    }

    @Test
    void rowByRowGivesTheBitsOfOnePassAndOfTheScalarMethods() {
        // 4 rows of 32 (several SIMD vectors each), z = w_r·x_i of a seeded problem, scaled to reach erf's and softplus's ranges
        Workload workload = new Workload("rows", 4, 3, 32);
        for (Activation activation : List.of(new Tanh(), new Sigmoid(), new Softplus(), new Erf(), new Relu())) {
            NetworkProblem problem = VectorFieldBenchmark.problem(workload, activation);
            double[] z = VectorFieldBenchmark.preActivations(problem, VectorFieldBenchmark.initialTheta(problem), 128);
            for (int e = 0; e < z.length; e++) {
                z[e] *= 1 + e % 7;
            }
            double[] value = new double[z.length];
            double[] derivative = new double[z.length];
            activation.evaluate(z, value, derivative, 0, z.length);
            ActivationRows rows = new ActivationRows(z, 32);
            String name = activation.getClass().getSimpleName();
            for (int i = 0; i < 4; i++) {
                rows.row(activation, i);
                for (int r = 0; r < 32; r++) {
                    int e = 32 * i + r;
                    assertEquals(Double.doubleToRawLongBits(value[e]), Double.doubleToRawLongBits(rows.value()[r]), name + " σ at " + z[e]);
                    assertEquals(Double.doubleToRawLongBits(derivative[e]), Double.doubleToRawLongBits(rows.derivative()[r]),
                            name + " σ' at " + z[e]);
                    assertEquals(Double.doubleToRawLongBits(activation.value(z[e])), Double.doubleToRawLongBits(rows.value()[r]),
                            name + " scalar σ at " + z[e]);
                    assertEquals(Double.doubleToRawLongBits(activation.derivative(z[e])),
                            Double.doubleToRawLongBits(rows.derivative()[r]), name + " scalar σ' at " + z[e]);
                }
            }
        }
    }
}
