package org.gdflow.core.theory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sufficient widths of the convergence theorems, evaluated for one data set: how wide the
 * papers ask the network to be (each up to its constant and log factors) beside the width that ran.
 * λ0 is λ_min(H_inf) of the run's trainable set and initialisation (σ_w, E[a²]; docs/METRICS.md);
 * the papers assume ‖x_i‖ = 1 and relu, so for other data or activations these are indications,
 * not guarantees.
 */
public final class WidthThresholds {
    /** The failure probability δ used in Du et al.'s bound. */
    public static final double DELTA = 0.1;

    /** The note beside every number. */
    public static final String NOTE = "up to constants and log factors";

    private WidthThresholds() {
    }

    /**
     * The thresholds as a JSON-ready map (keys in snake_case).
     *
     * @param n the number of data points
     * @param lambda0 λ_min(H_inf)
     * @param width the run's width m
     * @return {@code width}, {@code n}, {@code lambda0}, {@code delta}, and per paper an object with
     *     {@code paper}, {@code formula}, {@code value} (null if λ0 ≤ 0), {@code value_over_width}, {@code note}
     */
    public static Map<String, Object> of(int n, double lambda0, int width) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("width", width);
        out.put("n", n);
        out.put("lambda0", lambda0);
        out.put("delta", DELTA);
        double nn = n;
        // Du et al.: m = Ω(n⁶ / (λ0⁴ δ³))
        out.put("du_et_al_2019", entry(
                "Du, Zhai, Poczos, Singh (2019), Gradient descent provably optimizes over-parameterized neural networks",
                "n^6 / (lambda0^4 delta^3), delta = " + DELTA,
                lambda0 > 0 ? Math.pow(nn, 6) / (Math.pow(lambda0, 4) * Math.pow(DELTA, 3)) : Double.NaN, width));
        // Song & Yang: m = Ω(n⁴ / λ0⁴)
        out.put("song_yang_2019", entry(
                "Song, Yang (2019), Quadratic suffices for over-parametrization via matrix Chernoff bound",
                "n^4 / lambda0^4",
                lambda0 > 0 ? Math.pow(nn, 4) / Math.pow(lambda0, 4) : Double.NaN, width));
        // Das & Golikov: m = Ω(n² / λ0²)
        out.put("das_golikov_2019", entry(
                "Das, Golikov (2019), Quadratic number of nodes is sufficient to learn a dataset via gradient descent",
                "n^2 / lambda0^2",
                lambda0 > 0 ? nn * nn / (lambda0 * lambda0) : Double.NaN, width));
        return out;
    }

    private static Map<String, Object> entry(String paper, String formula, double value, int width) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("paper", paper);
        e.put("formula", formula);
        boolean finite = Double.isFinite(value);
        e.put("value", finite ? value : null);
        e.put("value_over_width", finite ? value / width : null);
        e.put("note", finite ? NOTE : "lambda0 <= 0: the theorem does not apply");
        return e;
    }
}
