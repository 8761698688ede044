package org.gdflow.core.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run, fully resolved: every default filled in, every plugin bound, every relative path
 * resolved against the spec's folder. Made by {@link SpecReader}; change one path with
 * {@link SpecReader#with}.
 *
 * @param name the run's name (default output folder {@code results/<name>})
 * @param seed the one seed all randomness derives from
 * @param data the data set
 * @param test the held-out data set ({@code data.test}), if any: its loss is recorded, never trained on
 * @param model the network
 * @param loss {@code mean} (μ_i = 1/n) or {@code sum} (μ_i = 1)
 * @param integrator the integrator plugin
 * @param stop when the run ends
 * @param observe what is recorded, and how often
 * @param backend the backend plugin ({@code auto} resolved at run time)
 * @param output what is written besides trajectory and summary
 * @param theory whether and how to compute infinite-width quantities (λ0, width thresholds)
 * @param checkpoint how often a run into an output folder saves the state it can be resumed from
 *     (not part of what the run computes: two specs that differ only here give the same numbers)
 * @param source the spec as given (after {@code --set}), for re-reading with a change
 * @param baseDir the folder relative paths are resolved against
 */
public record Spec(
        String name, long seed, DataSpec data, Optional<TestDataSpec> test, ModelSpec model, String loss, PluginRef integrator,
        StopSpec stop, ObserveSpec observe, PluginRef backend, OutputSpec output, TheorySpec theory,
        CheckpointSpec checkpoint, ObjectNode source, Path baseDir) {

    /** Copies the source tree. */
    public Spec {
        source = source.deepCopy();
    }

    /** A copy of the spec as given. */
    @Override
    public ObjectNode source() {
        return source.deepCopy();
    }

    /** This spec with {@code data} in place of its data (the same source: for pins found by reading the files). */
    public Spec withData(DataSpec data) {
        return new Spec(name, seed, data, test, model, loss, integrator, stop, observe, backend, output, theory, checkpoint, source, baseDir);
    }

    /** This spec with {@code init} in place of its model's initialisation (for pins found by reading the files). */
    public Spec withInit(InitSpec init) {
        ModelSpec m = new ModelSpec(model.width(), model.activation(), model.scaling(), model.train(), init);
        return new Spec(name, seed, data, test, m, loss, integrator, stop, observe, backend, output, theory, checkpoint, source, baseDir);
    }

    /** Where the held-out data comes from ({@code data.test}). */
    public sealed interface TestDataSpec permits GeneratedTestData, CsvTestData {
    }

    /**
     * {@code {"n": N}}: N points drawn from the training data's distribution and target, from the
     * run's own test stream (split from the seed after every other stream, so it changes nothing else).
     *
     * @param n the number of test points
     */
    public record GeneratedTestData(int n) implements TestDataSpec {
    }

    /**
     * {@code {"kind": "csv", "x": ..., "y": ...}}: test points read from CSV files.
     *
     * @param x the n_test×d inputs
     * @param y the n_test targets
     * @param header whether each file's first row is a header to skip
     */
    public record CsvTestData(Path x, Path y, boolean header) implements TestDataSpec {
    }

    /** Where the data comes from. */
    public sealed interface DataSpec permits GeneratedData, CsvData {
        /** The number of points n; for csv data, 0 until the files were read ({@code data.n} pins it). */
        int n();

        /** The input dimension d; for csv data, 0 until the files were read. */
        int d();
    }

    /**
     * Points drawn in Java from the run's data stream.
     *
     * @param kind {@code sphere} (uniform on S^{d−1}) or {@code gaussian} (N(0, I/d))
     * @param n number of points
     * @param d input dimension
     * @param target how y is made
     */
    public record GeneratedData(String kind, int n, int d, TargetSpec target) implements DataSpec {
    }

    /**
     * Points read from CSV files. A resolved spec pins what the files held when it was resolved
     * (n, d and each file's SHA-256), so a run of it refuses files that changed since.
     *
     * @param x the n×d inputs
     * @param y the n targets
     * @param weights optional per-sample loss weights that replace μ
     * @param header whether each file's first row is a header to skip ({@code data.header}; a
     *     header is never guessed)
     * @param n the rows of the files; 0 when not pinned yet
     * @param d the columns of x; 0 when not pinned yet
     * @param sha256 the SHA-256 (hexadecimal) of each file by role ({@code x}, {@code y},
     *     {@code weights}); empty when not pinned yet
     */
    public record CsvData(Path x, Path y, Optional<Path> weights, boolean header, int n, int d, java.util.Map<String, String> sha256)
            implements DataSpec {
        /** Copies the map. */
        public CsvData {
            sha256 = java.util.Map.copyOf(sha256);
        }

        /** Files without a header, not pinned. */
        public CsvData(Path x, Path y, Optional<Path> weights) {
            this(x, y, weights, false, 0, 0, java.util.Map.of());
        }

        /** Whether n, d and the files' SHA-256 are known. */
        public boolean pinned() {
            return n > 0 && !sha256.isEmpty();
        }
    }

    /** How the targets of generated data are made. */
    public sealed interface TargetSpec permits TeacherTarget, FunctionTarget, RandomTarget {
    }

    /**
     * A random two-layer network {@code y = width^-1/2 Σ_k b_k σ(v_k·x)}, v_k ~ N(0, I), b_k = ±1.
     *
     * @param width the teacher's width
     * @param activation the teacher's activation
     */
    public record TeacherTarget(int width, PluginRef activation) implements TargetSpec {
    }

    /**
     * A fixed function of x.
     *
     * @param function {@code sin}: y = sin(frequency·x_1); {@code polynomial}: a fixed random
     *     polynomial y = Σ_{k=1..degree} c_k (v_k·x)^k, c_k ~ N(0,1), v_k uniform on the sphere
     * @param frequency the frequency of {@code sin}
     * @param degree the degree of {@code polynomial}
     */
    public record FunctionTarget(String function, double frequency, int degree) implements TargetSpec {
    }

    /**
     * Labels independent of x (the memorisation setting).
     *
     * @param distribution {@code uniform}: y_i ~ U[−1, 1]; {@code gaussian}: y_i ~ N(0, 1) (Du et al. 2019)
     */
    public record RandomTarget(String distribution) implements TargetSpec {
        /** Uniform labels in [−1, 1], the default. */
        public RandomTarget() {
            this("uniform");
        }
    }

    /**
     * The network f(x) = s(m) Σ_r a_r σ(w_r·x).
     *
     * @param width m
     * @param activation σ
     * @param scaling s(m), τ(m)
     * @param train the trained parts: a subset of {"w", "a"}
     * @param init how θ(0) is drawn
     */
    public record ModelSpec(int width, PluginRef activation, PluginRef scaling, Set<String> train, InitSpec init) {
        /** Whether W is trained. */
        public boolean trainW() {
            return train.contains("w");
        }

        /** Whether a is trained. */
        public boolean trainA() {
            return train.contains("a");
        }
    }

    /**
     * Initialisation of θ(0).
     *
     * @param w the first-layer weights
     * @param a the output weights
     * @param symmetric neurons in pairs (r, r + m/2) with equal w and opposite a, so f = 0 at t = 0
     */
    public record InitSpec(WeightInit w, WeightInit a, boolean symmetric) {
    }

    /**
     * One part of θ(0).
     *
     * @param kind {@code gaussian}, {@code rademacher}, {@code constant} or {@code csv}
     * @param std standard deviation of {@code gaussian}
     * @param value the value of {@code constant}
     * @param path the file of {@code csv}
     * @param header whether the file's first row is a header to skip
     * @param sha256 the SHA-256 (hexadecimal) of the file, as a resolved spec pins it; empty when not pinned
     */
    public record WeightInit(String kind, double std, double value, Optional<Path> path, boolean header, String sha256) {
        /** A part with no header row, not pinned. */
        public WeightInit(String kind, double std, double value, Optional<Path> path) {
            this(kind, std, value, path, false, "");
        }
    }

    /**
     * Stop conditions; the first that holds ends the run.
     *
     * @param time the flow time to reach (each gd step advances time by lr)
     * @param maxSteps the most steps to take
     * @param lossBelow converged once L falls below this
     * @param divergeFactor diverged once L exceeds this multiple of max(L(0), 1)
     * @param maxWeightChangeAbove R: stops ({@code left_radius}) at the first recorded step with
     *     max_r ‖w_r(t) − w_r(0)‖ &gt; R; +∞ when not given
     * @param gramMinEigBelow stops ({@code gram_below_bound}) at the first recorded step with λ_min(H(t))
     *     below a fraction of λ0 or of λ_min(H(0)); null when not given
     */
    public record StopSpec(double time, long maxSteps, double lossBelow, double divergeFactor, double maxWeightChangeAbove,
                           GramBound gramMinEigBelow) {
        /** No Gram bound. */
        public StopSpec(double time, long maxSteps, double lossBelow, double divergeFactor, double maxWeightChangeAbove) {
            this(time, maxSteps, lossBelow, divergeFactor, maxWeightChangeAbove, null);
        }

        /** No radius, no Gram bound. */
        public StopSpec(double time, long maxSteps, double lossBelow, double divergeFactor) {
            this(time, maxSteps, lossBelow, divergeFactor, Double.POSITIVE_INFINITY, null);
        }
    }

    /**
     * {@code stop.gram_min_eig_below}: the run stops once λ_min(H(t)) &lt; fraction · reference at a recorded step.
     *
     * @param fraction the fraction, in (0, 1]
     * @param of the reference: {@code lambda0} (λ_min(H_inf) for the run's data and initialisation) or
     *     {@code initial} (λ_min(H(0)))
     */
    public record GramBound(double fraction, String of) {
    }

    /**
     * What the trajectory records.
     *
     * @param every record a row every this many steps (and at step 0 and the last step)
     * @param metrics extra columns, by name
     * @param rateWindow the recorded rows the {@code rate} is fitted over
     */
    public record ObserveSpec(int every, List<String> metrics, RateWindow rateWindow) {
        /** The default window (the last half of the rows). */
        public ObserveSpec(int every, List<String> metrics) {
            this(every, metrics, RateWindow.LAST_HALF);
        }
    }

    /**
     * {@code observe.rate_window}: the rows i with ⌊from·N⌋ ≤ i &lt; ⌊to·N⌋ of the N recorded rows, and
     * of those only the rows with L &gt; {@code lossAbove} when it is given (not NaN).
     *
     * @param from the first row, as a fraction of N
     * @param to the end (exclusive), as a fraction of N
     * @param lossAbove rows with L at or below this are left out (the round-off floor); NaN keeps all
     */
    public record RateWindow(double from, double to, double lossAbove) {
        /** Rows ⌊N/2⌋ to N − 1: the default. */
        public static final RateWindow LAST_HALF = new RateWindow(0.5, 1.0, Double.NaN);
    }

    /**
     * The infinite-width quantities: {@code "theory": true}, or an object
     * {@code {"enabled": true, "rule": "polar" | "hermite", "quadrature_degree": K}}.
     *
     * @param enabled whether λ0 and the width thresholds are computed
     * @param rule the 2-D quadrature rule of H_inf: {@code polar} (exact for relu's kink) or {@code hermite}
     * @param quadratureDegree K: nodes per dimension (hermite, at most 256) or radial nodes and
     *     angular nodes per π (polar, at most 128)
     */
    public record TheorySpec(boolean enabled, String rule, int quadratureDegree) {
    }

    /**
     * When a run into an output folder saves its state (besides at step 0 and when interrupted);
     * whichever of the two comes first. 0 turns one off.
     *
     * @param everySteps every this many steps
     * @param everySeconds every this many seconds of wall-clock time
     */
    public record CheckpointSpec(long everySteps, double everySeconds) {
        /** The default: every {@value #DEFAULT_SECONDS} seconds, so a long run loses at most that much. */
        public static final double DEFAULT_SECONDS = 60;
    }

    /**
     * Extra outputs.
     *
     * @param parameters write initial and final W and a as CSV into {@code params/}
     * @param data write the data the run used as CSV into {@code data/} (x.csv, y.csv; x_test.csv, y_test.csv)
     */
    public record OutputSpec(boolean parameters, boolean data) {
        /** Parameters as asked, no data. */
        public OutputSpec(boolean parameters) {
            this(parameters, false);
        }
    }
}
