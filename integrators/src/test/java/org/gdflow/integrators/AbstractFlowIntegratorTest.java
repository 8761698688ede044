package org.gdflow.integrators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gdflow.api.Integrator;
import org.gdflow.api.Stepper;
import org.junit.jupiter.api.Test;

/**
 * The contract every fixed-step flow integrator honours (Hipparchus style: each concrete test only
 * supplies the integrator and what to expect of it).
 */
abstract class AbstractFlowIntegratorTest {

    /** The integrator with time step dt. */
    protected abstract Integrator createIntegrator(double dt);

    /** The order p of the global error C dt^p. */
    protected abstract double expectedOrder();

    /** How far the fitted order may be from {@link #expectedOrder()}. */
    protected abstract double orderTolerance();

    /** Field evaluations per step beyond the caller's F(θ_k). */
    protected abstract int evaluationsPerStep();

    /** The method's stability function R(z): one step maps y to R(−λ dt) y on y' = −λ y. */
    protected abstract double stabilityFunction(double z);

    /** The message for a step of −0.1. */
    protected String badStepMessage() {
        return "dt must be positive and finite, got -0.1; use a step such as 0.01";
    }

    private static final double[] THETA0 = {1.0, -0.5};

    private double globalError(double dt) {
        int steps = (int) Math.round(1.0 / dt);
        double[] theta = TestFields.run(createIntegrator(dt), new TestFields.LinearField(), THETA0, steps, null);
        double[] exact = TestFields.LinearField.exact(THETA0, 1.0);
        return Math.hypot(theta[0] - exact[0], theta[1] - exact[1]);
    }

    @Test
    void fittedOrderOfTheGlobalErrorAtTimeOne() {
        double[] dts = {0.1, 0.05, 0.025, 0.0125};
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double dt : dts) {
            double lx = Math.log(dt);
            double ly = Math.log(globalError(dt));
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        int n = dts.length;
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertEquals(expectedOrder(), slope, orderTolerance(), "fitted order");
    }

    @Test
    void oneStepOnScalarDecayIsTheStabilityFunction() {
        double lambda = 2.5;
        for (double dt : new double[] {0.4, 0.1, 0.01}) {
            double[] theta = TestFields.run(createIntegrator(dt), new TestFields.QuadraticField(lambda), new double[] {3.0}, 1, null);
            double expected = 3.0 * stabilityFunction(-lambda * dt);
            assertEquals(expected, theta[0], 1e-15 * Math.abs(3.0), "one step, dt = " + dt);
        }
    }

    @Test
    void usesTheCallersVelocityAsFirstStageAndEvaluatesTheRestOnce() {
        TestFields.LinearField field = new TestFields.LinearField();
        int steps = 7;
        TestFields.run(createIntegrator(0.1), field, THETA0, steps, null);
        assertEquals(steps * (1 + evaluationsPerStep()), field.evaluations, "caller's evaluations plus the stepper's");
    }

    @Test
    void leavesTheVelocityUnmodified() {
        TestFields.LinearField field = new TestFields.LinearField();
        double[] theta = THETA0.clone();
        double[] velocity = new double[2];
        field.evaluate(theta, velocity);
        double[] copy = velocity.clone();
        Stepper stepper = createIntegrator(0.1).start(field, null);
        stepper.step(theta, velocity, Double.POSITIVE_INFINITY);
        assertArrayEquals(copy, velocity);
    }

    @Test
    void everyStepAdvancesTheTimeStepWhateverTimeRemains() {
        TestFields.LinearField field = new TestFields.LinearField();
        double[] theta = THETA0.clone();
        double[] velocity = new double[2];
        Stepper stepper = createIntegrator(0.0375).start(field, null);
        field.evaluate(theta, velocity);
        assertEquals(0.0375, stepper.step(theta, velocity, Double.POSITIVE_INFINITY), 0.0);
        field.evaluate(theta, velocity);
        assertEquals(0.0375, stepper.step(theta, velocity, 0.01), 0.0, "a fixed step ignores the time left");
    }

    @Test
    void aFixedStepMethodHasNoStateToSave() {
        Stepper stepper = createIntegrator(0.1).start(new TestFields.LinearField(), null);
        assertEquals(0, stepper.saveState().length);
        assertTrue(stepper.counts().isEmpty());
    }

    @Test
    void stepSizeIsTheTimeStep() {
        assertEquals(0.0375, createIntegrator(0.0375).stepSize(), 0.0);
    }

    @Test
    void rejectsAStepThatIsNotPositiveAndFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> createIntegrator(-0.1));
        assertEquals(badStepMessage(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> createIntegrator(0));
        assertThrows(IllegalArgumentException.class, () -> createIntegrator(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> createIntegrator(Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsArraysOfTheWrongLength() {
        Stepper stepper = createIntegrator(0.1).start(new TestFields.LinearField(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stepper.step(new double[3], new double[3], 1));
        assertEquals("Inconsistent shapes: theta has 3 values, velocity has 3, the field's dimension is 2", e.getMessage());
    }
}
