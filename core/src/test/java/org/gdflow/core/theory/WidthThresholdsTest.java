package org.gdflow.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published width thresholds against their formulas worked out by hand. */
class WidthThresholdsTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> paper(Map<String, Object> all, String key) {
        return (Map<String, Object>) all.get(key);
    }

    @Test
    void valuesForTenPointsAndLambdaOneHalf() {
        Map<String, Object> t = WidthThresholds.of(10, 0.5, 1000);
        assertEquals(List.of("width", "n", "lambda0", "delta", "du_et_al_2019", "song_yang_2019", "das_golikov_2019"),
                List.copyOf(t.keySet()));
        assertEquals(1000, t.get("width"));
        assertEquals(10, t.get("n"));
        assertEquals(0.5, t.get("lambda0"));
        assertEquals(0.1, t.get("delta"));
        // Du et al.: n⁶/(λ0⁴ δ³) = 1e6 / (0.0625 · 1e-3) = 1.6e10
        Map<String, Object> du = paper(t, "du_et_al_2019");
        assertEquals(1.6e10, (double) du.get("value"), 1.6e10 * 1e-14);
        assertEquals(1.6e7, (double) du.get("value_over_width"), 1.6e7 * 1e-14);
        assertEquals("n^6 / (lambda0^4 delta^3), delta = 0.1", du.get("formula"));
        assertEquals("up to constants and log factors", du.get("note"));
        // Song & Yang: n⁴/λ0⁴ = 1e4 / 0.0625 = 1.6e5
        Map<String, Object> sy = paper(t, "song_yang_2019");
        assertEquals(1.6e5, (double) sy.get("value"), 1.6e5 * 1e-14);
        assertEquals(160.0, (double) sy.get("value_over_width"), 160 * 1e-14);
        assertEquals("n^4 / lambda0^4", sy.get("formula"));
        assertEquals("up to constants and log factors", sy.get("note"));
        // Das & Golikov: n²/λ0² = 100 / 0.25 = 400
        Map<String, Object> dg = paper(t, "das_golikov_2019");
        assertEquals(400.0, (double) dg.get("value"), 400 * 1e-14);
        assertEquals(0.4, (double) dg.get("value_over_width"), 0.4 * 1e-14);
        assertEquals("n^2 / lambda0^2", dg.get("formula"));
        assertEquals(List.of("paper", "formula", "value", "value_over_width", "note"), List.copyOf(dg.keySet()));
        assertEquals("Das, Golikov (2019), Quadratic number of nodes is sufficient to learn a dataset via gradient descent",
                dg.get("paper"));
    }

    @Test
    void valuesForThreePointsAndLambdaTwo() {
        // n = 3, λ0 = 2, m = 9: Du 729 / (16 · 0.001) = 45562.5; Song–Yang 81/16 = 5.0625; Das–Golikov 9/4 = 2.25
        Map<String, Object> t = WidthThresholds.of(3, 2.0, 9);
        assertEquals(45562.5, (double) paper(t, "du_et_al_2019").get("value"), 45562.5 * 1e-14);
        assertEquals(5.0625, (double) paper(t, "song_yang_2019").get("value"), 1e-14);
        assertEquals(2.25, (double) paper(t, "das_golikov_2019").get("value"), 1e-15);
        assertEquals(0.25, (double) paper(t, "das_golikov_2019").get("value_over_width"), 1e-15);
        assertEquals(5.0625 / 9, (double) paper(t, "song_yang_2019").get("value_over_width"), 1e-15);
    }

    @Test
    void widerThresholdsForSmallerLambda() {
        // each threshold falls as λ0 grows (λ0 enters with a negative power)
        Map<String, Object> small = WidthThresholds.of(10, 0.1, 100);
        Map<String, Object> large = WidthThresholds.of(10, 0.2, 100);
        for (String key : List.of("du_et_al_2019", "song_yang_2019", "das_golikov_2019")) {
            double ratio = (double) paper(small, key).get("value") / (double) paper(large, key).get("value");
            // 2⁴ for Du and Song–Yang, 2² for Das–Golikov
            assertEquals(key.equals("das_golikov_2019") ? 4.0 : 16.0, ratio, 1e-12, key);
        }
    }

    @ParameterizedTest(name = "lambda0 = {0}")
    @ValueSource(doubles = {0.0, -1e-3, Double.NaN})
    void noValuesWhenLambdaIsNotPositive(double lambda0) {
        Map<String, Object> t = WidthThresholds.of(10, lambda0, 100);
        for (String key : List.of("du_et_al_2019", "song_yang_2019", "das_golikov_2019")) {
            Map<String, Object> p = paper(t, key);
            assertNull(p.get("value"), key);
            assertNull(p.get("value_over_width"), key);
            assertEquals("lambda0 <= 0: the theorem does not apply", p.get("note"), key);
            assertEquals(true, p.containsKey("value"), "value is present as null");
        }
    }
}
