package org.gdflow.scalings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gdflow.api.Scaling;
import org.junit.jupiter.api.Test;

/** The built-in scalings against their formulas and against each other. */
class ScalingsTest {

    private static final int[] WIDTHS = {1, 2, 3, 7, 10, 64, 100, 1000, 4097, 1_000_000, Integer.MAX_VALUE};
    private static final double[] ALPHAS = {-0.5, 0, 0.25, 0.5, 0.75, 1, 1.5, 2};

    private static void assertTauS2IsOneOverM(Scaling scaling, double relative, String name) {
        for (int m : WIDTHS) {
            double s = scaling.outputScale(m);
            double tauS2 = scaling.timeScale(m) * s * s;
            assertEquals(1.0 / m, tauS2, relative / m, name + ", m = " + m);
        }
    }

    @Test
    void ntkFollowsItsFormula() {
        NtkScaling ntk = new NtkScaling();
        assertEquals(1.0, ntk.outputScale(1), 0.0);
        assertEquals(0.5, ntk.outputScale(4), 0.0);
        assertEquals(0.01, ntk.outputScale(10_000), 0.0);
        assertEquals(1.0, ntk.timeScale(10_000), 0.0);
        assertTauS2IsOneOverM(ntk, 4e-16, "ntk");
    }

    @Test
    void meanFieldFollowsItsFormula() {
        MeanFieldScaling meanField = new MeanFieldScaling();
        assertEquals(0.25, meanField.outputScale(4), 0.0);
        assertEquals(1e-3, meanField.outputScale(1000), 0.0);
        assertEquals(1000.0, meanField.timeScale(1000), 0.0);
        assertTauS2IsOneOverM(meanField, 4e-16, "mean-field");
    }

    @Test
    void powerFollowsItsFormulaAndKeepsTauS2() {
        PowerScaling p = new PowerScaling(new PowerParameters(0.25));
        assertEquals(0.5, p.outputScale(16), 0.0);
        assertEquals(0.25, p.timeScale(16), 0.0);
        assertEquals(1.0, new PowerScaling(new PowerParameters(0)).outputScale(123), 0.0);
        assertEquals(1.0 / 123, new PowerScaling(new PowerParameters(0)).timeScale(123), 1e-18);
        for (double alpha : ALPHAS) {
            // each pow carries up to an ulp, amplified by the exponents (m^-2α up to 1e19 for m = 2^31, α = 2)
            assertTauS2IsOneOverM(new PowerScaling(new PowerParameters(alpha)), 1e-14, "power(" + alpha + ")");
        }
    }

    @Test
    void powerOneHalfIsNtkAndPowerOneIsMeanFieldBitForBit() {
        Scaling ntk = new NtkScaling();
        Scaling meanField = new MeanFieldScaling();
        Scaling half = new PowerScaling(new PowerParameters(0.5));
        Scaling one = new PowerScaling(new PowerParameters(1));
        for (int m = 1; m <= 5000; m++) {
            assertEquals(ntk.outputScale(m), half.outputScale(m), 0.0);
            assertEquals(ntk.timeScale(m), half.timeScale(m), 0.0);
            assertEquals(meanField.outputScale(m), one.outputScale(m), 0.0);
            assertEquals(meanField.timeScale(m), one.timeScale(m), 0.0);
        }
    }

    @Test
    void alphaMustBeFinite() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> new PowerParameters(Double.NaN));
        assertEquals("alpha must be finite, got NaN; use an exponent such as 0.5 (ntk) or 1 (mean-field)", nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> new PowerParameters(Double.NEGATIVE_INFINITY));
        assertEquals("alpha must be finite, got -Infinity; use an exponent such as 0.5 (ntk) or 1 (mean-field)", inf.getMessage());
    }

    @Test
    void widthMustBePositive() {
        for (Scaling scaling : new Scaling[] {new NtkScaling(), new MeanFieldScaling(), new PowerScaling(new PowerParameters(0.7))}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scaling.outputScale(0));
            assertEquals("width must be positive, got 0; use the number m of neurons, m >= 1", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> scaling.timeScale(-3));
        }
    }
}
