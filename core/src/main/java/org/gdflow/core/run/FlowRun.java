package org.gdflow.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gdflow.api.Activation;
import org.gdflow.api.Backend;
import org.gdflow.api.Integrator;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.PluginKind;
import org.gdflow.api.Scaling;
import org.gdflow.api.Stepper;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.data.DataFactory;
import org.gdflow.core.data.DataSet;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.spec.PluginRef;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.Spec.StopSpec;

/**
 * Runs one spec: composes the plugins it names, draws data and θ(0) from the seed, steps the
 * integrator until a stop condition holds, and records the trajectory. A run is a pure function of
 * its spec (and the files it names); it writes nothing (see {@link RunWriter}).
 */
public final class FlowRun {
    /**
     * {@code backend: "auto"} tries the native backend (nd4j) first when n·m·d is at least this,
     * and ejml otherwise or when the natives do not load or fail their self-check. Above 2^16 an
     * evaluation costs ejml between 0.7 and 1.5 times nd4j's, by shape (1.16 times at the bench's
     * lowdim, 1.15 at medium, 2.7 at large), and nd4j's eigen-solves are 7 times faster at n = 2000
     * (docs/PERFORMANCE.md, "Choices kept"); below it nd4j's one-time start-up (about 1 s) would
     * dominate a short run.
     */
    public static final double AUTO_NATIVE_THRESHOLD = 65536;

    /** The native backend {@code auto} prefers for large problems. */
    static final String AUTO_NATIVE = "nd4j";
    /** The pure-Java backend {@code auto} falls back to. */
    static final String AUTO_JAVA = "ejml";

    private final PluginCatalog catalog;
    private final java.util.function.Supplier<MemoryCheck.Machine> machine;

    /** A runner that creates plugins from {@code catalog}. */
    public FlowRun(PluginCatalog catalog) {
        this(catalog, MemoryCheck.Machine::here);
    }

    /** A runner that checks runs against {@code machine} (package-private, for tests of the refusal). */
    FlowRun(PluginCatalog catalog, java.util.function.Supplier<MemoryCheck.Machine> machine) {
        this.catalog = catalog;
        this.machine = machine;
    }

    /**
     * The streams of a run, split from its seed in a fixed order so each is independent of the others;
     * the test set's is split last, so adding {@code data.test} changes no other stream.
     */
    private record Streams(SplittableRandom points, SplittableRandom targets, SplittableRandom init, SplittableRandom integrator,
                           SplittableRandom test) {
        static Streams of(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            return new Streams(root.split(), root.split(), root.split(), root.split(), root.split());
        }
    }

    /** The data set of a spec, as the run would make it. */
    public DataSet data(Spec spec) {
        Streams streams = Streams.of(spec.seed());
        return DataFactory.create(spec, catalog, streams.points(), streams.targets());
    }

    /** The held-out data set of a spec ({@code data.test}) as the run would make it, or null when it has none. */
    public DataSet testData(Spec spec, int d) {
        if (spec.test().isEmpty()) {
            return null;
        }
        Streams streams = Streams.of(spec.seed());
        // the test stream: points, then random labels; the training's target stream from its start (same teacher)
        SplittableRandom test = streams.test();
        SplittableRandom testPoints = test.split();
        SplittableRandom testLabels = test.split();
        return DataFactory.createTest(spec, d, catalog, testPoints, streams.targets(), testLabels);
    }

    /**
     * The backends a spec may run on, in the order to try them: the one it names, or for
     * {@code auto} the native backend for large problems, then the Java one, then any other.
     */
    public List<String> backendCandidates(Spec spec, int n, int d) {
        if (!spec.backend().name().equals("auto")) {
            return List.of(spec.backend().name());
        }
        List<String> names = new ArrayList<>();
        double work = (double) n * spec.model().width() * d;
        if (work >= AUTO_NATIVE_THRESHOLD && catalog.has(PluginKind.BACKEND, AUTO_NATIVE)) {
            names.add(AUTO_NATIVE);
        }
        if (catalog.has(PluginKind.BACKEND, AUTO_JAVA)) {
            names.add(AUTO_JAVA);
        }
        for (String name : catalog.plugins(PluginKind.BACKEND).keySet()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new GdflowException("backend: no backend plugin is installed; put gdflow-backend-ejml on the class path");
        }
        return names;
    }

    /** The kernels of a run and the name of the backend that made them. */
    private record Opened(String name, NetworkKernels kernels) {
    }

    /**
     * Opens the problem on the spec's backend. With {@code auto}, a backend that cannot start here
     * (native libraries missing, a failed self-check) is passed over for the next candidate.
     */
    private Opened open(Spec spec, NetworkProblem problem) {
        List<String> candidates = backendCandidates(spec, problem.n(), problem.d());
        boolean auto = spec.backend().name().equals("auto");
        List<String> failures = new ArrayList<>();
        for (String name : candidates) {
            PluginRef ref = auto ? catalog.named(PluginKind.BACKEND, name) : spec.backend();
            // each backend is checked before it allocates: auto's next one may need more heap than the first
            requireFits(spec, name);
            try {
                return new Opened(name, catalog.create(ref, Backend.class).open(problem));
            } catch (RuntimeException | LinkageError e) {
                if (!auto) {
                    throw new GdflowException("backend: '" + name + "' cannot run here: " + e.getMessage()
                            + "; use \"backend\": \"" + AUTO_JAVA + "\" (pure Java) or \"auto\"", e);
                }
                failures.add(name + ": " + e.getMessage());
                System.err.println("gdflow: backend " + name + " cannot run here (" + e.getMessage() + "); trying the next");
            }
        }
        throw new GdflowException("backend: no backend could start: " + String.join("; ", failures));
    }

    /** Opens the kernels of the problem a spec describes (for tools that evaluate without running). */
    public NetworkProblem problem(Spec spec, DataSet data) {
        Activation activation = catalog.create(spec.model().activation(), Activation.class);
        Scaling scaling = catalog.create(spec.model().scaling(), Scaling.class);
        int m = spec.model().width();
        double outputScale;
        double timeScale;
        try {
            outputScale = scaling.outputScale(m);
            timeScale = scaling.timeScale(m);
        } catch (RuntimeException e) {
            throw new GdflowException("model.scaling: the scaling plugin '" + spec.model().scaling().name() + "' refuses width "
                    + m + " with the parameters " + spec.model().scaling().json() + ": " + e.getMessage(), e);
        }
        return new NetworkProblem(data.x(), data.y(), data.mu(), data.n(), data.d(), m, activation,
                outputScale, timeScale, spec.model().trainW(), spec.model().trainA());
    }

    /** Runs the spec. */
    public RunResult run(Spec spec, ProgressListener listener) {
        return run(spec, List.of(RunObserver.of(listener)));
    }

    /** Runs the spec; the observers hear each recorded row and each step boundary. */
    public RunResult run(Spec spec, List<RunObserver> observers) {
        return run(spec, RunOptions.inMemory(observers));
    }

    /** Runs the spec with the rows going where {@code options} say. */
    public RunResult run(Spec spec, RunOptions options) {
        return execute(spec, options, null);
    }

    /**
     * Goes on with a run of {@code spec} from a state a {@link RunObserver} took at a step boundary
     * ({@link LoopState}); the result is bit for bit that of the uninterrupted run on the same
     * backend. The observers hear only the rows recorded after the state.
     *
     * @param earlierRows the trajectory rows recorded up to the state (its {@code rowsRecorded} of them)
     */
    public RunResult resume(Spec spec, LoopState state, List<double[]> earlierRows, List<RunObserver> observers) {
        return resume(spec, state, new RunOptions(observers, new TrajectoryRecorder(earlierRows), new RunInterrupt()));
    }

    /**
     * Goes on from {@code state} as {@link #resume(Spec, LoopState, List, List)} does, with the rows
     * going where {@code options} say; its history must already hold the rows recorded up to the state.
     */
    public RunResult resume(Spec spec, LoopState state, RunOptions options) {
        if (options.history().rows() != state.rowsRecorded()) {
            throw new GdflowException("the checkpoint at step " + state.step() + " follows " + state.rowsRecorded()
                    + " trajectory rows, but " + options.history().rows() + " were given");
        }
        return execute(spec, options, state);
    }

    /**
     * Refuses a run of {@code spec} that cannot fit here ({@link MemoryCheck}), on the first backend
     * it would try; csv data not pinned yet is read to count its rows.
     */
    public void requireFits(Spec spec) {
        Spec pinned = spec.data() instanceof Spec.CsvData csv && !csv.pinned() ? DataFactory.pin(spec) : spec;
        requireFits(pinned, backendCandidates(pinned, pinned.data().n(), pinned.data().d()).get(0));
    }

    private void requireFits(Spec spec, String backend) {
        MemoryCheck.require(spec, backend, machine.get(), catalog.has(PluginKind.BACKEND, MemoryEstimate.NATIVE_BACKEND));
    }

    /**
     * What holds at t = 0 for {@code given}, without taking a step ({@code gdflow inspect}): the same data,
     * θ(0), backend and checks as a run of it, then H(0), its eigenvalues, the rate bound, and with the
     * spec's theory λ0 and the width thresholds ({@link Inspection}).
     */
    public Inspection inspect(Spec given) {
        long startNanos = System.nanoTime();
        Spec spec = DataFactory.pin(given);
        requireFits(spec);
        Streams streams = Streams.of(spec.seed());
        DataSet data = DataFactory.create(spec, catalog, streams.points(), streams.targets());
        double[] theta0 = Initialisation.draw(spec.model().init(), spec.model().width(), data.d(), streams.init());
        NetworkProblem problem = problem(spec, data);
        Opened opened = open(spec, problem);
        try (NetworkKernels kernels = opened.kernels()) {
            int n = problem.n();
            double[] gram = new double[n * n];
            kernels.gram(theta0, gram);
            // the eigenvalues of H(0), as Diagnostics takes gram_min_eig_initial
            double[] eigenvalues = kernels.symmetricEigen(gram.clone(), null);
            // dL/dt ≤ −2 λ_min(M^(1/2) H M^(1/2)) L
            double rateBound = 2 * org.gdflow.core.theory.GramSpectrum.weightedMinEigenvalue(gram, problem.mu(), kernels::symmetricEigen);
            Map<String, Object> theory = spec.theory().enabled() ? Diagnostics.lambda0(spec, problem, kernels, theta0) : Map.of();
            return new Inspection(spec, opened.name(), eigenvalues, rateBound, theory, MemoryEstimate.of(spec, opened.name()),
                    (System.nanoTime() - startNanos) / 1e9);
        }
    }

    private RunResult execute(Spec given, RunOptions options, LoopState from) {
        long startNanos = System.nanoTime();
        // the data files are read (and checked against the spec's pins) before anything is allocated
        Spec spec = DataFactory.pin(given);
        requireFits(spec);
        Streams streams = Streams.of(spec.seed());
        DataSet data = DataFactory.create(spec, catalog, streams.points(), streams.targets());
        int m = spec.model().width();
        double[] theta0 = Initialisation.draw(spec.model().init(), m, data.d(), streams.init());
        if (from != null && !LoopState.sha256(theta0).equals(from.theta0Sha256())) {
            throw new GdflowException("the checkpoint's θ(0) has SHA-256 " + from.theta0Sha256() + ", but the spec draws one with "
                    + LoopState.sha256(theta0) + " now: the data, the initialisation or a plugin changed since the checkpoint;"
                    + " the run cannot be continued bit for bit (start it again)");
        }
        NetworkProblem problem = problem(spec, data);
        DataSet testData = testData(spec, data.d());
        Integrator integrator = catalog.create(spec.integrator(), Integrator.class);
        Opened opened = open(spec, problem);
        Provenance provenance = Provenance.now(opened.name(), spec.seed(), PluginVersions.of(spec, opened.name(), catalog));
        try (NetworkKernels kernels = opened.kernels();
             NetworkKernels testKernels = testData == null ? null : openTest(spec, opened.name(), problem(spec, testData))) {
            RowHistory history = options.history();
            List<RunObserver> all = new ArrayList<>();
            all.add(history);
            all.addAll(options.observers());
            all.forEach(observer -> observer.opened(opened.name()));
            CountingField field = new CountingField(kernels);
            CountingRandom random = from == null ? new CountingRandom(streams.integrator())
                    : CountingRandom.at(streams.integrator(), from.randomDraws());
            Stepper stepper = integrator.start(field, random);
            // λ0 before the first step when the Gram stop is measured against it; the summary reports the same
            Map<String, Object> theory = lambda0Needed(spec) ? Diagnostics.lambda0(spec, problem, kernels, theta0) : null;
            // one H(t) and one spectrum per recorded row, for the gram metrics and the Gram stop alike
            Metrics.GramAtStep gram = new Metrics.GramAtStep();
            double gramReference = spec.stop().gramMinEigBelow() == null ? Double.NaN
                    : theory != null ? (Double) theory.get("lambda0") : gram.initialMinEigenvalue(kernels, theta0);
            RunLoop loop = new RunLoop(parts(spec, problem, kernels, testKernels, field, stepper, random, integrator, theta0, all,
                    options.interrupt(), gram, gramReference));
            RunLoop.Outcome outcome;
            if (from == null) {
                outcome = loop.run();
            } else {
                stepper.restoreState(from.stepperState());
                outcome = loop.resume(from);
            }
            // an interrupted run is summarised when it is resumed and ends: stopping stays quick
            Map<String, Object> diagnostics = new LinkedHashMap<>();
            if (outcome.stop().status() != RunStatus.INTERRUPTED) {
                if (testKernels != null) {
                    // ½ Σ_i μ_i (f(x_i) − y_i)² over the test set at the final θ
                    diagnostics.put("final_test_loss", testKernels.loss(outcome.theta()));
                }
                diagnostics.putAll(Diagnostics.summarise(spec, problem, kernels, theta0, history, theory));
            }
            diagnostics.put("integrator_counts", counts(outcome));
            double wall = (System.nanoTime() - startNanos) / 1e9;
            return new RunResult(spec, outcome.stop().status(), outcome.stop().message(), outcome.finalLoss(), outcome.steps(),
                    outcome.time(), wall, history.trajectory(), theta0, outcome.theta(), diagnostics, provenance, data, testData);
        }
    }

    /** The kernels of the held-out problem, on the backend the run itself uses. */
    private NetworkKernels openTest(Spec spec, String backend, NetworkProblem testProblem) {
        PluginRef ref = spec.backend().name().equals("auto") ? catalog.named(PluginKind.BACKEND, backend) : spec.backend();
        return catalog.create(ref, Backend.class).open(testProblem);
    }

    /** Whether the run needs λ0 before its first step: stop.gram_min_eig_below measured against it. */
    private static boolean lambda0Needed(Spec spec) {
        return spec.stop().gramMinEigBelow() != null && spec.stop().gramMinEigBelow().of().equals("lambda0");
    }

    private static RunLoop.Parts parts(Spec spec, NetworkProblem problem, NetworkKernels kernels, NetworkKernels testKernels,
                                       CountingField field, Stepper stepper, CountingRandom random, Integrator integrator,
                                       double[] theta0, List<RunObserver> observers, RunInterrupt interrupt,
                                       Metrics.GramAtStep gram, double gramReference) {
        StopSpec stop = spec.stop();
        double h = integrator.stepSize();
        List<TrajectoryMetric> metrics = new ArrayList<>();
        if (testKernels != null) {
            metrics.add(Metrics.testLoss(testKernels));
        }
        metrics.addAll(Metrics.create(spec.observe().metrics(), spec, gram));
        return new RunLoop.Parts(problem, kernels, field, stepper, random, theta0, List.copyOf(metrics),
                StopConditions.of(stop, interrupt, gram, gramReference), observers, spec.observe().every(), stop.time(), stop.divergeFactor(),
                "integrator." + stepParameter(spec, h), h);
    }

    /** accepted_steps and field_evaluations, then the stepper's own counts (rejected_steps, ...). */
    private static Map<String, Long> counts(RunLoop.Outcome outcome) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("accepted_steps", outcome.steps());
        counts.put("field_evaluations", outcome.fieldEvaluations());
        counts.putAll(outcome.stepperCounts());
        return counts;
    }

    /** The integrator parameter that holds the step (dt, lr, ...): the one whose value is the step size. */
    private static String stepParameter(Spec spec, double h) {
        var fields = spec.integrator().json().fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isNumber() && field.getValue().doubleValue() == h) {
                return field.getKey();
            }
        }
        return "step";
    }
}
