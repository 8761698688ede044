package org.gdflow.backend.ejml;

import static org.gdflow.backend.ejml.Fixtures.activation;
import static org.gdflow.backend.ejml.Fixtures.problem;
import static org.gdflow.backend.ejml.Fixtures.relativeError;
import static org.gdflow.backend.ejml.Fixtures.scaling;
import static org.gdflow.backend.ejml.Fixtures.theta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gdflow.api.NetworkProblem;
import org.junit.jupiter.api.Test;

/** The multi-threaded path gives what the single-threaded path gives. */
class EjmlMultiThreadTest {
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

        double[] vp = new double[p.dimension()];
        double[] vs = new double[p.dimension()];
        double lp = parallel.evaluate(theta, vp);
        double ls = serial.evaluate(theta, vs);
        assertEquals(ls, lp, 1e-12 * ls);
        double error = relativeError(vp, vs);
        assertTrue(error <= 1e-12, "velocity differs by " + error);

        int[] batch = new int[n];
        for (int i = 0; i < n; i++) {
            batch[i] = (7 * i) % n;
        }
        int size = 190;
        assertTrue(parallel.multiThreaded(size));
        assertEquals(serial.evaluateBatch(theta, batch, size, vs), parallel.evaluateBatch(theta, batch, size, vp), 1e-12 * ls);
        assertTrue(relativeError(vp, vs) <= 1e-12, "batch velocity differs by " + relativeError(vp, vs));

        double[] hp = new double[n * n];
        double[] hs = new double[n * n];
        parallel.gram(theta, hp);
        serial.gram(theta, hs);
        assertTrue(relativeError(hp, hs) <= 1e-12, "gram differs by " + relativeError(hp, hs));
    }
}
