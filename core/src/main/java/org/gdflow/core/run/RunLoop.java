package org.gdflow.core.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.api.Stepper;
import org.gdflow.core.error.GdflowException;

/**
 * The loop of one run, over small parts with one job each: the stepper owns the step (and so the
 * time, through the {@link FlowClock}); {@link StopConditions} and the {@link DivergenceGuard}
 * decide when it ends; the {@link TrajectoryMetric}s measure each recorded row; the
 * {@link RunObserver}s hear each row and each step boundary. Its mutable state is what a
 * {@link LoopState} holds, so a run can be stopped at a boundary and resumed bit for bit.
 *
 * <p>Per step: step θ; advance the clock; ask the limits (steps, time) whether this is the last
 * step; measure the loss (every step when the stepper uses the caller's velocity, otherwise only
 * where a row is recorded or the run stops); check divergence; record the row every
 * {@code every} steps; ask the conditions on measured values, then the limits.
 */
final class RunLoop {
    private final NetworkProblem problem;
    private final NetworkKernels kernels;
    private final CountingField field;
    private final Stepper stepper;
    private final CountingRandom random;
    private final double[] theta0;
    private final List<TrajectoryMetric> metrics;
    private final List<String> columns;
    private final StopConditions stops;
    private final List<RunObserver> observers;
    private final int every;
    private final double timeLimit;
    private final double divergeFactor;
    private final String stepName;
    private final double stepSize;
    private final FlowClock clock = new FlowClock();

    private final double[] theta;
    private final double[] velocity;
    private long step;
    private double loss;
    private boolean lossMeasured;
    private long rowsRecorded;
    private long lastRowStep = -1;
    private double initialLoss;
    private DivergenceGuard guard;
    private String theta0Sha256;

    /** What a finished loop leaves. */
    record Outcome(RunStop stop, long steps, double time, double finalLoss, double[] theta, long fieldEvaluations,
                   Map<String, Long> stepperCounts) {
    }

    /** The parts of a loop, made by {@link FlowRun} from a spec. */
    record Parts(NetworkProblem problem, NetworkKernels kernels, CountingField field, Stepper stepper, CountingRandom random,
                 double[] theta0, List<TrajectoryMetric> metrics, StopConditions stops, List<RunObserver> observers, int every,
                 double timeLimit, double divergeFactor, String stepName, double stepSize) {
    }

    RunLoop(Parts parts) {
        this.problem = parts.problem();
        this.kernels = parts.kernels();
        this.field = parts.field();
        this.stepper = parts.stepper();
        this.random = parts.random();
        this.theta0 = parts.theta0();
        this.metrics = parts.metrics();
        this.stops = parts.stops();
        this.observers = List.copyOf(parts.observers());
        this.every = parts.every();
        this.timeLimit = parts.timeLimit();
        this.divergeFactor = parts.divergeFactor();
        this.stepName = parts.stepName();
        this.stepSize = parts.stepSize();
        List<String> names = new ArrayList<>(List.of("step", "time", "loss"));
        metrics.forEach(metric -> names.add(metric.name()));
        this.columns = List.copyOf(names);
        this.theta = theta0.clone();
        this.velocity = new double[theta0.length];
    }

    /** Runs from θ(0); the observers hear step 0 as a step boundary (a checkpoint there names the run from its start). */
    Outcome run() {
        observers.forEach(observer -> observer.started(columns));
        loss = field.evaluate(theta, velocity);
        lossMeasured = true;
        if (!Double.isFinite(loss)) {
            throw new GdflowException("the loss at t = 0 is " + loss + "; check the data and the initialisation (model.init)");
        }
        initialLoss = loss;
        guard = new DivergenceGuard(divergeFactor, initialLoss, stepName, stepSize);
        StepPoint point = point(record());
        RunStop stop = stops.decide(point, stops.limit(point));
        if (stop == null) {
            boundary();
        }
        return loop(stop);
    }

    /**
     * Goes on from a state {@link #snapshot()} took at a step boundary of a run of the same spec;
     * the stepper and the random stream must have been made for it ({@link Stepper#restoreState},
     * {@link CountingRandom#at}).
     */
    Outcome resume(LoopState state) {
        observers.forEach(observer -> observer.started(columns));
        System.arraycopy(state.theta(), 0, theta, 0, theta.length);
        step = state.step();
        clock.restore(state.clock());
        rowsRecorded = state.rowsRecorded();
        initialLoss = state.initialLoss();
        guard = new DivergenceGuard(divergeFactor, initialLoss, stepName, stepSize);
        if (stepper.usesVelocity()) {
            // F(θ_k) again (not counted: the run being resumed had counted it)
            kernels.evaluate(theta, velocity);
        }
        loss = state.loss();
        lossMeasured = state.lossMeasured();
        field.setEvaluations(state.fieldEvaluations());
        return loop(null);
    }

    private Outcome loop(RunStop initial) {
        RunStop stop = initial;
        boolean measureEveryStep = stepper.usesVelocity();
        while (stop == null) {
            double h = stepper.step(theta, velocity, timeLimit - clock.time());
            clock.advance(h);
            step++;
            boolean recordThis = step % every == 0;
            RunStop limit = stops.limit(point(null));
            if (measureEveryStep) {
                loss = field.evaluate(theta, velocity);
                lossMeasured = true;
            } else if (recordThis || limit != null) {
                loss = kernels.loss(theta);
                lossMeasured = true;
            } else {
                lossMeasured = false;
            }
            if (lossMeasured) {
                stop = guard.check(step, clock.time(), loss);
                if (stop != null) {
                    break;
                }
            }
            stop = stops.decide(point(recordThis ? record() : null), limit);
            if (stop == null) {
                boundary();
            }
        }
        if (stop.status() == RunStatus.INTERRUPTED) {
            LoopState resumable = snapshot();
            for (RunObserver observer : observers) {
                observer.interrupted(resumable);
            }
        }
        if (lastRowStep != step) {
            if (stop.status() == RunStatus.DIVERGED) {
                publish(divergedRow());
            } else {
                record();
            }
        }
        for (RunObserver observer : observers) {
            observer.finished(stop);
        }
        return new Outcome(stop, step, clock.time(), loss, theta.clone(), field.evaluations(), stepper.counts());
    }

    /** Tells the observers that the run goes on from this step boundary. */
    private void boundary() {
        for (RunObserver observer : observers) {
            observer.stepped(step, clock.time(), this::snapshot);
        }
    }

    /** The state at this step boundary. */
    LoopState snapshot() {
        if (theta0Sha256 == null) {
            theta0Sha256 = LoopState.sha256(theta0);
        }
        return new LoopState(step, theta, loss, lossMeasured, stepper.saveState(), random.draws(),
                field.evaluations(), clock.state(), rowsRecorded, initialLoss, theta0Sha256);
    }

    private StepPoint point(double[] row) {
        return new StepPoint(step, clock.time(), clock.lastStep(stepSize), lossMeasured ? loss : Double.NaN, lossMeasured, row,
                state());
    }

    private RunState state() {
        return new RunState(problem, kernels, theta0, theta, step, clock.time(), loss);
    }

    /** Measures and publishes the row of this step; returns it. */
    private double[] record() {
        double[] row = new double[3 + metrics.size()];
        row[0] = step;
        row[1] = clock.time();
        row[2] = loss;
        RunState state = state();
        for (int i = 0; i < metrics.size(); i++) {
            row[3 + i] = metrics.get(i).measure(state);
        }
        publish(row);
        return row;
    }

    private void publish(double[] row) {
        rowsRecorded++;
        lastRowStep = step;
        for (RunObserver observer : observers) {
            observer.recorded(row.clone());
        }
    }

    /** The last row of a diverged run: step, time and loss, its metrics NaN (not measured on a diverged state). */
    private double[] divergedRow() {
        double[] row = new double[3 + metrics.size()];
        Arrays.fill(row, Double.NaN);
        row[0] = step;
        row[1] = clock.time();
        row[2] = loss;
        return row;
    }
}
