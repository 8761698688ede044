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
     * and ejml otherwise or when the natives do not load or fail their self-check. nd4j is faster
     * per evaluation from n·m·d = 512 on (docs/PERFORMANCE.md); its one-time start-up (about 1 s)
     * is repaid within a few thousand evaluations above 2^16, which is where auto takes it.
     */
    public static final double AUTO_NATIVE_THRESHOLD = 65536;

    /** The native backend {@code auto} prefers for large problems. */
    static final String AUTO_NATIVE = "nd4j";
    /** The pure-Java backend {@code auto} falls back to. */
    static final String AUTO_JAVA = "ejml";

    private final PluginCatalog catalog;

    /** A runner that creates plugins from {@code catalog}. */
    public FlowRun(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    /** The streams of a run, split from its seed in a fixed order so each is independent of the others. */
    private record Streams(SplittableRandom points, SplittableRandom targets, SplittableRandom init, SplittableRandom integrator) {
        static Streams of(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            return new Streams(root.split(), root.split(), root.split(), root.split());
        }
    }

    /** The data set of a spec, as the run would make it. */
    public DataSet data(Spec spec) {
        Streams streams = Streams.of(spec.seed());
        return DataFactory.create(spec, catalog, streams.points(), streams.targets());
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
        return new NetworkProblem(data.x(), data.y(), data.mu(), data.n(), data.d(), m, activation,
                scaling.outputScale(m), scaling.timeScale(m), spec.model().trainW(), spec.model().trainA());
    }

    /** Runs the spec. */
    public RunResult run(Spec spec, ProgressListener listener) {
        long startNanos = System.nanoTime();
        Streams streams = Streams.of(spec.seed());
        DataSet data = DataFactory.create(spec, catalog, streams.points(), streams.targets());
        int m = spec.model().width();
        double[] theta0 = Initialisation.draw(spec.model().init(), m, data.d(), streams.init());
        NetworkProblem problem = problem(spec, data);
        Integrator integrator = catalog.create(spec.integrator(), Integrator.class);
        Opened opened = open(spec, problem);
        Provenance provenance = Provenance.now(opened.name(), spec.seed());
        try (NetworkKernels kernels = opened.kernels()) {
            return integrate(spec, problem, kernels, integrator, theta0, streams.integrator(), listener, provenance, startNanos);
        }
    }

    private RunResult integrate(Spec spec, NetworkProblem problem, NetworkKernels kernels, Integrator integrator,
                                double[] theta0, SplittableRandom random, ProgressListener listener, Provenance provenance,
                                long startNanos) {
        StopSpec stop = spec.stop();
        int every = spec.observe().every();
        double h = integrator.stepSize();
        List<TrajectoryMetric> metrics = Metrics.create(spec.observe().metrics(), spec);
        List<String> columns = new ArrayList<>(List.of("step", "time", "loss"));
        metrics.forEach(metric -> columns.add(metric.name()));
        List<double[]> rows = new ArrayList<>();

        double[] theta = theta0.clone();
        double[] velocity = new double[theta.length];
        Stepper stepper = integrator.start(kernels, random);
        double loss = kernels.evaluate(theta, velocity);
        if (!Double.isFinite(loss)) {
            throw new GdflowException("the loss at t = 0 is " + loss + "; check the data and the initialisation (model.init)");
        }
        double explode = stop.divergeFactor() * Math.max(loss, 1.0);
        long step = 0;
        // the step at which `loss` was evaluated; a mini-batch stepper evaluates its own field, so
        // the full loss is then measured only where a row is recorded or the run may stop
        long lossStep = 0;
        boolean everyStep = stepper.usesVelocity();
        rows.add(row(problem, kernels, theta0, theta, step, 0.0, loss, metrics));
        listener.recorded(step, 0.0, loss);
        RunStatus status;
        String message;
        while (true) {
            double time = step * h;
            if (lossStep == step && loss <= stop.lossBelow()) {
                status = RunStatus.CONVERGED;
                message = "the loss fell below " + stop.lossBelow() + " at step " + step;
                break;
            }
            if (step >= stop.maxSteps()) {
                status = RunStatus.STEP_LIMIT;
                message = "reached stop.max_steps = " + stop.maxSteps();
                break;
            }
            // stop once t = step·h reaches T (up to round-off in the last step)
            if (time >= stop.time() - 1e-9 * h) {
                status = RunStatus.TIME_LIMIT;
                message = "reached stop.time = " + stop.time();
                break;
            }
            stepper.step(theta, velocity);
            step++;
            boolean record = step % every == 0;
            boolean last = step >= stop.maxSteps() || step * h >= stop.time() - 1e-9 * h;
            if (everyStep) {
                loss = kernels.evaluate(theta, velocity);
                lossStep = step;
            } else if (record || last) {
                loss = kernels.loss(theta);
                lossStep = step;
            }
            if (lossStep == step && (!Double.isFinite(loss) || loss > explode)) {
                status = RunStatus.DIVERGED;
                String stepName = "integrator." + stepParameter(spec, h);
                message = "the loss " + (Double.isFinite(loss) ? "exploded to " + loss : "became " + loss) + " at step " + step
                        + " (time " + step * h + "); the step is probably too large for this problem: try a smaller "
                        + stepName + " such as " + h / 4;
                break;
            }
            if (record) {
                rows.add(row(problem, kernels, theta0, theta, step, step * h, loss, metrics));
                listener.recorded(step, step * h, loss);
            }
        }
        if ((long) rows.get(rows.size() - 1)[0] != step) {
            rows.add(status == RunStatus.DIVERGED ? divergedRow(step, step * h, loss, metrics.size())
                    : row(problem, kernels, theta0, theta, step, step * h, loss, metrics));
            listener.recorded(step, step * h, loss);
        }
        Trajectory trajectory = new Trajectory(columns, rows);
        Map<String, Object> diagnostics = new LinkedHashMap<>(Diagnostics.summarise(spec, problem, kernels, theta0, trajectory));
        double wall = (System.nanoTime() - startNanos) / 1e9;
        return new RunResult(spec, status, message, loss, step, step * h, wall, trajectory, theta0, theta, diagnostics, provenance);
    }

    private static double[] row(NetworkProblem problem, NetworkKernels kernels, double[] theta0, double[] theta, long step,
                                double time, double loss, List<TrajectoryMetric> metrics) {
        double[] row = new double[3 + metrics.size()];
        row[0] = step;
        row[1] = time;
        row[2] = loss;
        RunState state = new RunState(problem, kernels, theta0, theta, step, time, loss);
        for (int i = 0; i < metrics.size(); i++) {
            row[3 + i] = metrics.get(i).measure(state);
        }
        return row;
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

    private static double[] divergedRow(long step, double time, double loss, int metricCount) {
        double[] row = new double[3 + metricCount];
        java.util.Arrays.fill(row, Double.NaN);
        row[0] = step;
        row[1] = time;
        row[2] = loss;
        return row;
    }
}
