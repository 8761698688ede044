package org.gdflow.core.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gdflow.core.spec.Spec.InitSpec;
import org.gdflow.core.spec.Spec.WeightInit;
import org.gdflow.core.theory.InfiniteWidthKernel.InitialMoments;

/**
 * The initialisation λ0 follows: H_inf is an expectation over w ~ N(0, σ_w² I) with E[a²] multiplying
 * the W-trained part, so only σ_w and E[a²] of the spec's {@code model.init} enter.
 * <ul>
 *   <li>w: {@code gaussian} gives σ_w = std exactly; {@code rademacher} (entries ±1, variance 1) and
 *       {@code constant} c are not Gaussian, and λ0 assumes the Gaussian of the same second moment,
 *       σ_w = 1 and σ_w = |c|; {@code csv} assumes σ_w² = the mean square of the file's entries.
 *   <li>a: E[a²] = std² ({@code gaussian}), 1 ({@code rademacher}), c² ({@code constant}), the mean of a_r²
 *       over the file ({@code csv}); for the last three this is exactly what H(0)'s W part averages.
 * </ul>
 *
 * @param moments σ_w and E[a²]
 * @param w how σ_w was found
 * @param a how E[a²] was found
 */
record InitialAssumption(InitialMoments moments, String w, String a) {
    /** The assumption for {@code init}, reading a csv part's moments from θ(0) (W row-major, m×d, then a). */
    static InitialAssumption of(InitSpec init, double[] theta0, int width, int d) {
        double wStd;
        String w;
        WeightInit wi = init.w();
        switch (wi.kind()) {
            case "gaussian" -> {
                wStd = wi.std();
                w = "gaussian std " + number(wi.std()) + ": w ~ N(0, " + number(wStd * wStd) + " I)";
            }
            case "rademacher" -> {
                wStd = 1;
                w = "rademacher: assumed w ~ N(0, I), the Gaussian of the same variance";
            }
            case "constant" -> {
                wStd = Math.abs(wi.value());
                w = "constant " + number(wi.value()) + ": assumed w ~ N(0, " + number(wStd * wStd) + " I), the Gaussian of the same second moment";
            }
            default -> {
                // σ_w² = mean of w_rk² over the file's m·d entries
                double sum = 0;
                for (int i = 0; i < width * d; i++) {
                    sum += theta0[i] * theta0[i];
                }
                wStd = width * d > 0 ? Math.sqrt(sum / (width * d)) : 0;
                w = wi.kind() + ": assumed w ~ N(0, " + number(wStd * wStd) + " I), the mean square of the file's entries";
            }
        }
        double aMeanSquare;
        String a;
        WeightInit ai = init.a();
        switch (ai.kind()) {
            case "gaussian" -> {
                aMeanSquare = ai.std() * ai.std();
                a = "gaussian std " + number(ai.std()) + ": E[a^2] = " + number(aMeanSquare);
            }
            case "rademacher" -> {
                aMeanSquare = 1;
                a = "rademacher: E[a^2] = 1";
            }
            case "constant" -> {
                aMeanSquare = ai.value() * ai.value();
                a = "constant " + number(ai.value()) + ": E[a^2] = " + number(aMeanSquare);
            }
            default -> {
                // E[a²] = mean of a_r² over the file's m values
                double sum = 0;
                for (int r = 0; r < width; r++) {
                    double ar = theta0[width * d + r];
                    sum += ar * ar;
                }
                aMeanSquare = width > 0 ? sum / width : 0;
                a = ai.kind() + ": E[a^2] = " + number(aMeanSquare) + ", the mean of a_r^2 over the file";
            }
        }
        return new InitialAssumption(new InitialMoments(wStd, aMeanSquare), w, a);
    }

    /** {@code w_std}, {@code a_mean_square}, {@code w}, {@code a}, as summary.json's {@code lambda0_assumes}. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("w_std", moments.wStd());
        out.put("a_mean_square", moments.aMeanSquare());
        out.put("w", w);
        out.put("a", a);
        return out;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(e|$)", "$1");
    }
}
