package org.gdflow.integrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad parameters fail early, naming the parameter, the value and a remedy. */
class ParametersTest {

    private static void assertMessage(String expected, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void dtMustBePositiveAndFinite() {
        assertMessage("dt must be positive and finite, got -0.1; use a step such as 0.01", () -> new FlowStepParameters(-0.1));
        assertMessage("dt must be positive and finite, got 0.0; use a step such as 0.01", () -> new FlowStepParameters(0));
        assertMessage("dt must be positive and finite, got NaN; use a step such as 0.01", () -> new FlowStepParameters(Double.NaN));
        assertMessage("dt must be positive and finite, got Infinity; use a step such as 0.01",
                () -> new FlowStepParameters(Double.POSITIVE_INFINITY));
        assertMessage("dt must be positive and finite, got -1.0; use a step such as 0.01",
                () -> new ExplicitRungeKuttaIntegrator(Rk4Integrator.TABLEAU, -1));
        assertEquals(1e-300, new FlowStepParameters(1e-300).dt(), 0.0);
    }

    @Test
    void lrMustBePositiveAndFinite() {
        assertMessage("lr must be positive and finite, got 0.0; use a learning rate such as 0.1",
                () -> new GradientDescentParameters(0, 0, 0));
        assertMessage("lr must be positive and finite, got NaN; use a learning rate such as 0.1",
                () -> new GradientDescentParameters(Double.NaN, 0, 0));
        assertMessage("lr must be positive and finite, got -Infinity; use a learning rate such as 0.1",
                () -> new GradientDescentParameters(Double.NEGATIVE_INFINITY, 0, 0));
    }

    @Test
    void momentumMustBeInTheUnitInterval() {
        String remedy = "; use 0 for plain gradient descent or a value such as 0.9 for heavy ball";
        assertMessage("momentum must be in [0, 1), got 1.0" + remedy, () -> new GradientDescentParameters(0.1, 1, 0));
        assertMessage("momentum must be in [0, 1), got -0.1" + remedy, () -> new GradientDescentParameters(0.1, -0.1, 0));
        assertMessage("momentum must be in [0, 1), got NaN" + remedy, () -> new GradientDescentParameters(0.1, Double.NaN, 0));
        assertEquals(0.999, new GradientDescentParameters(0.1, 0.999, 0).momentum(), 0.0);
    }

    @Test
    void batchSizeMustNotBeNegative() {
        assertMessage("batch_size must be >= 0, got -1; use 0 for the full batch or a mini-batch size between 1 and n",
                () -> new GradientDescentParameters(0.1, 0, -1));
    }
}
