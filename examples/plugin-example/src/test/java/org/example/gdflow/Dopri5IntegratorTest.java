package org.example.gdflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.gdflow.api.Stepper;
import org.gdflow.api.VectorField;
import org.junit.jupiter.api.Test;

/**
 * dopri5 against closed-form solutions of linear flows, its order with the step held fixed, the
 * error it keeps within its tolerances, and a restored stepper against one that never stopped.
 */
class Dopri5IntegratorTest {

    /** dθ/dt = A θ with A = [[−0.5, 2], [−2, −0.5]]: θ(t) = e^(−t/2) R(−2t) θ(0), a decaying rotation. */
    static final class Spiral implements VectorField {
        long evaluations;

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int sampleCount() {
            return 1;
        }

        @Override
        public double evaluate(double[] theta, double[] velocity) {
            evaluations++;
            velocity[0] = -0.5 * theta[0] + 2 * theta[1];
            velocity[1] = -2 * theta[0] - 0.5 * theta[1];
            return 0.5 * (theta[0] * theta[0] + theta[1] * theta[1]);
        }

        @Override
        public double evaluateBatch(double[] theta, int[] batch, int size, double[] velocity) {
            return evaluate(theta, velocity);
        }

        @Override
        public double loss(double[] theta) {
            return 0.5 * (theta[0] * theta[0] + theta[1] * theta[1]);
        }

        static double[] exact(double t) {
            // θ(0) = (1, 0): θ(t) = e^(−t/2) (cos 2t, −sin 2t)
            double decay = Math.exp(-t / 2);
            return new double[] {decay * Math.cos(2 * t), -decay * Math.sin(2 * t)};
        }
    }

    /** gdflow's loop: evaluate F(θ_k), step with the time left, until t reaches T; returns θ(T), t in out[2], steps in out[3]. */
    static double[] integrate(Dopri5Integrator.Parameters parameters, Spiral field, double time) {
        Stepper stepper = new Dopri5Integrator(parameters).start(field, null);
        double[] theta = {1, 0};
        double[] velocity = new double[2];
        double t = 0;
        long steps = 0;
        while (t < time - 1e-9 * time) {
            field.evaluate(theta, velocity);
            t += stepper.step(theta, velocity, time - t);
            steps++;
        }
        return new double[] {theta[0], theta[1], t, steps};
    }

    private static double error(double[] result, double time) {
        double[] exact = Spiral.exact(time);
        return Math.hypot(result[0] - exact[0], result[1] - exact[1]);
    }

    @Test
    void theErrorStaysNearTheTolerancesAndFallsWithThem() {
        double loose = error(integrate(new Dopri5Integrator.Parameters(1e-6, 1e-9, 0, 0), new Spiral(), 5), 5);
        double tight = error(integrate(new Dopri5Integrator.Parameters(1e-10, 1e-13, 0, 0), new Spiral(), 5), 5);
        // the global error of a tolerance-controlled method is a small multiple of the tolerance
        assertTrue(loose < 1e-5 && loose > 1e-10, "rtol 1e-6: " + loose);
        assertTrue(tight < 1e-9, "rtol 1e-10: " + tight);
        // 10^4 tighter tolerances: the error falls by roughly 10^4 (err ∝ tol for the error-per-step control)
        assertTrue(loose / tight > 1e2, "ratio " + loose / tight);
    }

    @Test
    void theRunEndsExactlyOnItsTimeLimit() {
        double[] result = integrate(new Dopri5Integrator.Parameters(1e-8, 1e-11, 0, 0), new Spiral(), 3.7);
        assertEquals(3.7, result[2], 1e-14);
    }

    @Test
    void withTheStepHeldFixedTheErrorFallsLikeHToTheFifth() {
        // every step accepted (huge tolerances) at h = max_step = initial_step
        double coarse = error(integrate(new Dopri5Integrator.Parameters(1e6, 1e6, 0.2, 0.2), new Spiral(), 2), 2);
        double fine = error(integrate(new Dopri5Integrator.Parameters(1e6, 1e6, 0.1, 0.1), new Spiral(), 2), 2);
        // 2^5 = 32 for a 5th-order method
        assertEquals(5, Math.log(coarse / fine) / Math.log(2), 0.3, "coarse " + coarse + " fine " + fine);
        Spiral field = new Spiral();
        double[] result = integrate(new Dopri5Integrator.Parameters(1e6, 1e6, 0.2, 0.2), field, 2);
        assertEquals(10, result[3], 0.0, "ten steps of 0.2");
        // six stage evaluations per step plus the loop's one
        assertEquals(10 * 7, field.evaluations);
    }

    @Test
    void aTooLongFirstStepIsRejectedCountedAndShortened() {
        Spiral field = new Spiral();
        Stepper stepper = new Dopri5Integrator(new Dopri5Integrator.Parameters(1e-9, 1e-12, 1.0, 0)).start(field, null);
        double[] theta = {1, 0};
        double[] velocity = new double[2];
        field.evaluate(theta, velocity);
        double h = stepper.step(theta, velocity, Double.POSITIVE_INFINITY);
        long rejected = stepper.counts().get("rejected_steps");
        assertTrue(rejected >= 1, "rejected " + rejected);
        assertTrue(h < 1.0 * Math.pow(0.9, rejected), "h = " + h);
        // the accepted step is a true 5th-order step of that length: compare with the exact flow
        double[] exact = Spiral.exact(h);
        assertEquals(exact[0], theta[0], 1e-8);
        assertEquals(exact[1], theta[1], 1e-8);
        assertEquals(1 + 6 * (rejected + 1), field.evaluations, "six evaluations per trial step");
        assertEquals(Map.of("rejected_steps", rejected), stepper.counts());
    }

    @Test
    void theAutomaticFirstStepIsAcceptedAndTheStepsGrowUpToTheMaxStep() {
        Spiral field = new Spiral();
        Stepper stepper = new Dopri5Integrator(new Dopri5Integrator.Parameters(1e-6, 1e-9, 0, 0.01)).start(field, null);
        double[] theta = {1, 0};
        double[] velocity = new double[2];
        double first = Double.NaN;
        double last = Double.NaN;
        for (int k = 0; k < 40; k++) {
            field.evaluate(theta, velocity);
            last = stepper.step(theta, velocity, Double.POSITIVE_INFINITY);
            assertTrue(last <= 0.01, "step " + k + ": " + last);
            if (k == 0) {
                first = last;
            }
        }
        // Hairer's rule starts cautiously (θ_2 = 0 makes its scale atol, so ‖F‖ is large in the error norm)
        assertTrue(first < 1e-3, "first " + first);
        assertEquals(0L, stepper.counts().get("rejected_steps"), "the automatic first step is accepted");
        assertEquals(0.01, last, 0.0, "the steps have grown to max_step");
    }

    @Test
    void aRestoredStepperGoesOnBitForBit() {
        Dopri5Integrator integrator = new Dopri5Integrator(new Dopri5Integrator.Parameters(1e-7, 1e-10, 0, 0));
        Spiral field = new Spiral();
        Stepper straight = integrator.start(field, null);
        double[] a = {1, 0};
        double[] velocity = new double[2];
        for (int k = 0; k < 12; k++) {
            field.evaluate(a, velocity);
            straight.step(a, velocity, Double.POSITIVE_INFINITY);
        }
        Stepper first = integrator.start(field, null);
        double[] b = {1, 0};
        for (int k = 0; k < 5; k++) {
            field.evaluate(b, velocity);
            first.step(b, velocity, Double.POSITIVE_INFINITY);
        }
        double[] state = first.saveState();
        Stepper second = integrator.start(field, null);
        second.restoreState(state);
        for (int k = 5; k < 12; k++) {
            field.evaluate(b, velocity);
            second.step(b, velocity, Double.POSITIVE_INFINITY);
        }
        assertArrayEquals(a, b);
        assertEquals(straight.counts(), second.counts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> second.restoreState(new double[3]));
        assertEquals("a dopri5 state holds 2 values (the next trial step, the rejections), got 3", e.getMessage());
    }

    @Test
    void badParametersAreRefusedWithTheReason() {
        assertEquals("rtol and atol must be finite and at least 0, and not both 0; got rtol = 0.0, atol = 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Dopri5Integrator.Parameters(0, 0, 0, 0)).getMessage());
        assertEquals("rtol and atol must be finite and at least 0, and not both 0; got rtol = -1.0, atol = 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Dopri5Integrator.Parameters(-1, 1, 0, 0)).getMessage());
        assertEquals("initial_step must be 0 (automatic) or a positive, finite time; got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new Dopri5Integrator.Parameters(1e-6, 0, -0.1, 0)).getMessage());
        assertEquals("max_step must be 0 (no limit) or positive; got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Dopri5Integrator.Parameters(1e-6, 0, 0, Double.NaN)).getMessage());
        assertEquals(Double.POSITIVE_INFINITY, new Dopri5Integrator.Parameters(1e-6, 0, 0, 0).longestStep(), 0.0);
        assertEquals(0.5, new Dopri5Integrator.Parameters(1e-6, 0, 0, 0.5).longestStep(), 0.0);
    }

    @Test
    void theTableauIsConsistent() {
        // Σ_j a_ij = c_i; the 5th- and 4th-order weights each sum to 1, so Σ e = 0
        for (int i = 0; i < 7; i++) {
            double sum = 0;
            for (double a : Dopri5Integrator.A[i]) {
                sum += a;
            }
            assertEquals(Dopri5Integrator.C[i], sum, 1e-15, "row " + i);
        }
        double e = 0;
        for (double v : Dopri5Integrator.E) {
            e += v;
        }
        assertEquals(0, e, 1e-16);
    }
}
