package org.gdflow.core.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.theory.GramSpectrum;
import org.gdflow.core.theory.InfiniteWidthKernel;
import org.gdflow.core.theory.WidthThresholds;

/**
 * The summary quantities of the convergence theory for a finished run, written as top-level keys of
 * summary.json (formulas in docs/METRICS.md):
 * <ul>
 *   <li>{@code gram_min_eig_initial}: λ_min(H(0));
 *   <li>{@code rate}: the least-squares slope of −log L against time over the last half of the
 *       recorded rows (absent with fewer than 3 rows there, or if L is 0 or not finite on one);
 *   <li>{@code rate_bound}: 2 λ_min(M^(1/2) H(0) M^(1/2)) over the points with μ_i &gt; 0, the rate the
 *       Gram matrix at t = 0 guarantees (2 λ_min(H(0))/n for the mean loss, 2 λ_min(H(0)) for the sum);
 *   <li>with {@code "theory": true}: {@code lambda0} = λ_min(H_inf) for the spec's initialisation
 *       ({@link InfiniteWidthKernel}; {@code lambda0_method} says whether by closed form, by the table in
 *       the cosine or by 2-D quadrature, {@code lambda0_quadrature_rule} and {@code lambda0_quadrature_degree}
 *       which rule, {@code lambda0_assumes} which σ_w and E[a²]) and {@code width_thresholds}.
 * </ul>
 * The Gram quantities cost one O(n²md) Gram matrix and one O(n³) eigen-solve; they are skipped when
 * n &gt; {@value #GRAM_LIMIT} unless the spec asks for a Gram metric or for the theory.
 */
final class Diagnostics {
    /** Above this n, the end-of-run Gram diagnostics are computed only when asked for. */
    static final int GRAM_LIMIT = 2048;

    private Diagnostics() {
    }

    /**
     * The summary, with λ0 and what goes with it taken from {@code theory} ({@link #lambda0}, computed before
     * the run because a stop needed it) instead of computed again; null to compute it as the spec says.
     */
    static Map<String, Object> summarise(Spec spec, NetworkProblem problem, NetworkKernels kernels, double[] theta0,
                                         RowHistory history, Map<String, Object> theory) {
        return summarise(spec, problem, kernels, theta0, history, GRAM_LIMIT, theory);
    }

    /** The summary of a run whose rows are {@code trajectory}'s, with the Gram diagnostics computed unasked only while n ≤ {@code gramLimit}. */
    static Map<String, Object> summarise(Spec spec, NetworkProblem problem, NetworkKernels kernels, double[] theta0,
                                         Trajectory trajectory, int gramLimit) {
        return summarise(spec, problem, kernels, theta0, new TrajectoryRecorder(trajectory.rows()), gramLimit, null);
    }

    /** The summary, with the Gram diagnostics computed unasked only while n ≤ {@code gramLimit}. */
    static Map<String, Object> summarise(Spec spec, NetworkProblem problem, NetworkKernels kernels, double[] theta0,
                                         RowHistory history, int gramLimit, Map<String, Object> theory) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = problem.n();
        List<String> asked = spec.observe().metrics();
        boolean gramAsked = asked.contains("gram_min_eig") || asked.contains("gram_max_eig") || asked.contains("lin_deviation");
        double[] gram = null;
        if (n <= gramLimit || gramAsked || spec.theory().enabled() || theory != null) {
            gram = new double[n * n];
            kernels.gram(theta0, gram);
            double[] copy = gram.clone();
            out.put("gram_min_eig_initial", kernels.symmetricEigen(copy, null)[0]);
        }
        RateFit fit = rate(history, spec.observe().rateWindow());
        if (Double.isFinite(fit.rate())) {
            out.put("rate", fit.rate());
            if (Double.isFinite(fit.r2())) {
                out.put("rate_r2", fit.r2());
            }
        }
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("from", spec.observe().rateWindow().from());
        window.put("to", spec.observe().rateWindow().to());
        if (!Double.isNaN(spec.observe().rateWindow().lossAbove())) {
            window.put("loss_above", spec.observe().rateWindow().lossAbove());
        }
        window.put("first_row", fit.first());
        window.put("end_row", fit.end());
        window.put("rows", fit.rows());
        out.put("rate_window", window);
        if (gram != null) {
            // dL/dt ≤ −2 λ_min(M^(1/2) H M^(1/2)) L; NaN (left out) if no μ_i > 0
            double bound = 2 * GramSpectrum.weightedMinEigenvalue(gram, problem.mu(), kernels::symmetricEigen);
            if (Double.isFinite(bound)) {
                out.put("rate_bound", bound);
            }
        }
        if (theory != null) {
            out.putAll(theory);
        } else if (spec.theory().enabled()) {
            out.putAll(lambda0(spec, problem, kernels, theta0));
        }
        return out;
    }

    /**
     * λ0 = λ_min(H_inf) for the run's data, activation, trainable parts and initialisation, with how it was
     * computed: {@code lambda0}, {@code lambda0_method}, {@code lambda0_quadrature_rule},
     * {@code lambda0_quadrature_degree}, {@code lambda0_assumes} and {@code width_thresholds}.
     *
     * @param theta0 θ(0), from which a csv initialisation's second moments are read. Not modified.
     */
    static Map<String, Object> lambda0(Spec spec, NetworkProblem problem, NetworkKernels kernels, double[] theta0) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = problem.n();
        // the rule and degree the spec names (theory.rule, theory.quadrature_degree), as summary.json reports them
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(problem.activation(),
                InfiniteWidthKernel.Rule.valueOf(spec.theory().rule().toUpperCase(java.util.Locale.ROOT)),
                spec.theory().quadratureDegree());
        InitialAssumption assumed = InitialAssumption.of(spec.model().init(), theta0, problem.width(), problem.d());
        InfiniteWidthKernel.Method method = kernel.fastestMethod(problem.x(), n, problem.d());
        double[] hInf = kernel.matrix(problem.x(), n, problem.d(), problem.trainW(), problem.trainA(), assumed.moments(), method);
        double lambda0 = kernels.symmetricEigen(hInf, null)[0];
        out.put("lambda0", lambda0);
        out.put("lambda0_method", method.name().toLowerCase(java.util.Locale.ROOT));
        out.put("lambda0_quadrature_rule", kernel.rule().name().toLowerCase(java.util.Locale.ROOT));
        out.put("lambda0_quadrature_degree", kernel.degree());
        out.put("lambda0_assumes", assumed.describe());
        out.put("width_thresholds", WidthThresholds.of(n, lambda0, problem.width()));
        return out;
    }

    /**
     * The least-squares slope of −log L against time over the last half of the rows (rows
     * ⌊N/2⌋..N−1); NaN if fewer than 3 rows are in that half or L is 0 or not finite on one of them.
     */
    static double rate(Trajectory trajectory) {
        return rate(new TrajectoryRecorder(trajectory.rows()));
    }

    /** The rate of the rows {@code history} holds, over the default window (the last half). */
    static double rate(RowHistory history) {
        return rate(history, Spec.RateWindow.LAST_HALF).rate();
    }

    /**
     * The least-squares fit of −log L = c + ρ t over a window of the recorded rows.
     *
     * @param rate ρ, NaN when fewer than 3 rows are in the window or L is 0 or not finite on one
     * @param r2 the fit's coefficient of determination, NaN with the rate or when −log L is constant
     * @param first the first row index in the window
     * @param end one past the last row index in the window
     * @param rows the rows the fit used (those of [first, end) with L above the window's loss_above)
     */
    record RateFit(double rate, double r2, long first, long end, long rows) {
    }

    /**
     * The fit over the rows ⌊from·N⌋ ≤ i &lt; ⌊to·N⌋ with L &gt; loss_above, read in two passes (the
     * means, then the centred sums), so rows streamed to a file are never all in memory at once.
     */
    static RateFit rate(RowHistory history, Spec.RateWindow window) {
        long rows = history.rows();
        // ⌊from·N⌋, ⌊to·N⌋: for the default (0.5, 1) rows ⌊N/2⌋ to N − 1, as before windows
        long from = (long) Math.floor(window.from() * rows);
        long end = (long) Math.floor(window.to() * rows);
        double floor = window.lossAbove();
        // [Σ t_i, number of rows with L_i ≤ 0 or not finite, rows used, Σ −log L_i]
        double[] first = new double[4];
        visit(history, from, end, floor, (t, loss) -> {
            if (!(loss > 0) || !Double.isFinite(loss)) {
                first[1]++;
            }
            first[0] += t;
            first[2]++;
            first[3] -= Math.log(loss);
        });
        long count = (long) first[2];
        if (count < 3 || first[1] > 0) {
            return new RateFit(Double.NaN, Double.NaN, from, end, count);
        }
        double meanT = first[0] / count;
        double meanY = first[3] / count;
        // slope = Σ (t_i − t̄)(−log L_i) / Σ (t_i − t̄)²  (centring −log L too would add Σ (t_i − t̄) = 0)
        // R² = slope · Σ (t_i − t̄)(y_i − ȳ) / Σ (y_i − ȳ)², y = −log L
        double[] sums = new double[4];
        visit(history, from, end, floor, (t, loss) -> {
            double dt = t - meanT;
            double dy = -Math.log(loss) - meanY;
            sums[0] += dt * dt;
            sums[1] -= dt * Math.log(loss);
            sums[2] += dt * dy;
            sums[3] += dy * dy;
        });
        // equal times (Σ (t_i − t̄)² = 0) give 0/0 = NaN, and so does a constant −log L for R²
        double rate = sums[1] / sums[0];
        double r2 = rate * sums[2] / sums[3];
        return new RateFit(rate, r2, from, end, count);
    }

    /** Visits the rows from ≤ i &lt; end whose L is above {@code floor} (every row of them when floor is NaN). */
    private static void visit(RowHistory history, long from, long end, double floor, RowHistory.TimeLossVisitor visitor) {
        long[] index = {from};
        boolean byLoss = !Double.isNaN(floor);
        history.visitTimeLoss(from, (t, loss) -> {
            if (index[0]++ < end && (!byLoss || loss > floor)) {
                visitor.visit(t, loss);
            }
        });
    }
}
