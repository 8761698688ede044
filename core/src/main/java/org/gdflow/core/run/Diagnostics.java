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
 *   <li>with {@code "theory": true}: {@code lambda0} = λ_min(H_inf) by 2-D Gaussian quadrature
 *       ({@link InfiniteWidthKernel}; {@code lambda0_quadrature_rule} and {@code lambda0_quadrature_degree}
 *       say which) and {@code width_thresholds}.
 * </ul>
 * The Gram quantities cost one O(n²md) Gram matrix and one O(n³) eigen-solve; they are skipped when
 * n &gt; {@value #GRAM_LIMIT} unless the spec asks for a Gram metric or for the theory.
 */
final class Diagnostics {
    /** Above this n, the end-of-run Gram diagnostics are computed only when asked for. */
    static final int GRAM_LIMIT = 2048;

    private Diagnostics() {
    }

    static Map<String, Object> summarise(Spec spec, NetworkProblem problem, NetworkKernels kernels, double[] theta0,
                                         Trajectory trajectory) {
        return summarise(spec, problem, kernels, theta0, trajectory, GRAM_LIMIT);
    }

    /** The summary, with the Gram diagnostics computed unasked only while n ≤ {@code gramLimit}. */
    static Map<String, Object> summarise(Spec spec, NetworkProblem problem, NetworkKernels kernels, double[] theta0,
                                         Trajectory trajectory, int gramLimit) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = problem.n();
        List<String> asked = spec.observe().metrics();
        boolean gramAsked = asked.contains("gram_min_eig") || asked.contains("gram_max_eig") || asked.contains("lin_deviation");
        double[] gram = null;
        if (n <= gramLimit || gramAsked || spec.theory().enabled()) {
            gram = new double[n * n];
            kernels.gram(theta0, gram);
            double[] copy = gram.clone();
            out.put("gram_min_eig_initial", kernels.symmetricEigen(copy, null)[0]);
        }
        double rate = rate(trajectory);
        if (Double.isFinite(rate)) {
            out.put("rate", rate);
        }
        if (gram != null) {
            // dL/dt ≤ −2 λ_min(M^(1/2) H M^(1/2)) L; NaN (left out) if no μ_i > 0
            double bound = 2 * GramSpectrum.weightedMinEigenvalue(gram, problem.mu(), kernels::symmetricEigen);
            if (Double.isFinite(bound)) {
                out.put("rate_bound", bound);
            }
        }
        if (spec.theory().enabled()) {
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(problem.activation());
            double[] hInf = kernel.matrix(problem.x(), n, problem.d(), problem.trainW(), problem.trainA());
            double lambda0 = kernels.symmetricEigen(hInf, null)[0];
            out.put("lambda0", lambda0);
            out.put("lambda0_quadrature_rule", kernel.rule().name().toLowerCase(java.util.Locale.ROOT));
            out.put("lambda0_quadrature_degree", kernel.degree());
            out.put("width_thresholds", WidthThresholds.of(n, lambda0, problem.width()));
        }
        return out;
    }

    /**
     * The least-squares slope of −log L against time over the last half of the rows (rows
     * ⌊N/2⌋..N−1); NaN if fewer than 3 rows are in that half or L is 0 or not finite on one of them.
     */
    static double rate(Trajectory trajectory) {
        double[] time = trajectory.column("time");
        double[] loss = trajectory.column("loss");
        int from = time.length / 2;
        int count = time.length - from;
        if (count < 3) {
            return Double.NaN;
        }
        double meanT = 0;
        for (int i = from; i < time.length; i++) {
            if (!(loss[i] > 0) || !Double.isFinite(loss[i])) {
                return Double.NaN;
            }
            meanT += time[i];
        }
        meanT /= count;
        // slope = Σ (t_i − t̄)(−log L_i) / Σ (t_i − t̄)²  (centring −log L too would add Σ (t_i − t̄) = 0)
        double stt = 0;
        double sty = 0;
        for (int i = from; i < time.length; i++) {
            double dt = time[i] - meanT;
            stt += dt * dt;
            sty -= dt * Math.log(loss[i]);
        }
        return stt > 0 ? sty / stt : Double.NaN;
    }
}
