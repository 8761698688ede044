package org.gdflow.backend.ejml;

import static org.gdflow.backend.ejml.Fixtures.activation;
import static org.gdflow.backend.ejml.Fixtures.problem;
import static org.gdflow.backend.ejml.Fixtures.relativeError;
import static org.gdflow.backend.ejml.Fixtures.scaling;
import static org.gdflow.backend.ejml.Fixtures.theta;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;

/** The multi-threaded path gives what the single-threaded path gives. */
class EjmlMultiThreadTest {
    @Test
    void thePathsSwitchStrictlyAboveTheThreshold() {
        // n = 7, d = 3, m = 5: a pass over rows points costs rows·m·d = 15·rows, the Gram matrix n·n·m = 245
        NetworkProblem p = problem(3, 7, 3, 5, activation("tanh"), scaling("ntk"), true, true, false);
        EjmlKernels atField = (EjmlKernels) new EjmlBackend(105).open(p);
        assertFalse(atField.multiThreaded(7), "7·5·3 = 105 is not above 105");
        assertTrue(atField.multiThreaded(8), "8·5·3 = 120 > 105");
        assertFalse(atField.multiThreaded(1));
        assertTrue(((EjmlKernels) new EjmlBackend(104).open(p)).multiThreaded(7), "105 > 104");

        EjmlKernels atGram = (EjmlKernels) new EjmlBackend(245).open(p);
        assertFalse(atGram.gramMultiThreaded(), "7·7·5 = 245 is not above 245");
        assertTrue(((EjmlKernels) new EjmlBackend(244).open(p)).gramMultiThreaded(), "245 > 244");
        assertFalse(((EjmlKernels) new EjmlBackend(Long.MAX_VALUE).open(p)).gramMultiThreaded());
        assertFalse(((EjmlKernels) new EjmlBackend().open(p)).gramMultiThreaded(), "245 is below the default 2·10⁶");
    }

    @Test
    void multiThreadedPathMatchesSingleThreadedPath() {
        int n = 200;
        int d = 20;
        int m = 600;
        NetworkProblem p = problem(31, n, d, m, activation("softplus"), scaling("ntk"), true, true, false);
        double[] theta = theta(37, p);
        EjmlKernels parallel = (EjmlKernels) new EjmlBackend().open(p);
        EjmlKernels serial = (EjmlKernels) new EjmlBackend(Long.MAX_VALUE).open(p);
        assertTrue(parallel.multiThreaded(n), "n·m·d = " + (long) n * m * d + " takes the multi-threaded path");
        assertFalse(serial.multiThreaded(n));
        assertTrue(parallel.gramMultiThreaded(), "n·n·m = " + (long) n * n * m + " takes the multi-threaded path");
        assertFalse(serial.gramMultiThreaded());

        double[] vp = new double[p.dimension()];
        double[] vs = new double[p.dimension()];
        double lp = parallel.evaluate(theta, vp);
        double ls = serial.evaluate(theta, vs);
        // the field's kernels sum every entry in one order whatever the threads: bit for bit
        assertEquals(ls, lp, 0.0);
        assertArrayEquals(vs, vp);

        int[] batch = new int[n];
        for (int i = 0; i < n; i++) {
            batch[i] = (7 * i) % n;
        }
        int size = 190;
        assertTrue(parallel.multiThreaded(size));
        assertEquals(serial.evaluateBatch(theta, batch, size, vs), parallel.evaluateBatch(theta, batch, size, vp), 0.0);
        assertArrayEquals(vs, vp);
        assertEquals(serial.loss(theta), parallel.loss(theta), 0.0);

        double[] hp = new double[n * n];
        double[] hs = new double[n * n];
        parallel.gram(theta, hp);
        serial.gram(theta, hs);
        assertTrue(relativeError(hp, hs) <= 1e-12, "gram differs by " + relativeError(hp, hs));
    }
}
