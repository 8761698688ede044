package org.gdflow.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.gdflow.core.Gdflow;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.spec.Spec;
import org.gdflow.study.LineFit;

/**
 * gdflow from Java: builds a spec in code, then runs it under NTK (1/√m) and mean-field (1/m)
 * scaling at several widths and prints, beside the losses, the quantities that tell the two regimes
 * apart: how far the first-layer weights moved relative to where they started
 * ({@code rel_weight_change} = ‖W(T) − W(0)‖_F / ‖W(0)‖_F) and
 * how far the network's predictions left those of its linearisation at θ(0) ({@code lin_deviation}),
 * both at the final time, and the log–log slope of each against the width. Under NTK scaling both
 * shrink as m grows (lazy training: movement like m^−1/2); under mean-field scaling they do not.
 *
 * <pre>java -cp 'examples/target/gdflow/lib/*' org.gdflow.examples.ScalingComparison</pre>
 */
public final class ScalingComparison {
    /** The widths compared. */
    static final int[] WIDTHS = {64, 256, 1024};
    /** The scalings compared. */
    static final String[] SCALINGS = {"ntk", "mean-field"};
    /** The flow time of every run. */
    static final double TIME = 20.0;

    private ScalingComparison() {
    }

    /** Runs the comparison and prints a table and the slopes. */
    public static void main(String[] args) {
        Gdflow gdflow = Gdflow.discover();
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec = json.createObjectNode();
        spec.put("name", "scaling-comparison");
        spec.put("seed", 1);
        ObjectNode data = spec.putObject("data");
        data.put("kind", "sphere").put("n", 32).put("d", 5);
        data.putObject("target").put("kind", "function").put("name", "sin");
        ObjectNode model = spec.putObject("model");
        model.put("width", 64).put("activation", "tanh").put("scaling", "ntk");
        model.putArray("train").add("w").add("a");
        spec.putObject("integrator").put("name", "rk4").put("dt", 0.1);
        spec.putObject("stop").put("time", TIME);
        spec.putObject("observe").put("every", 50).putArray("metrics").add("rel_weight_change").add("lin_deviation");
        Spec base = gdflow.spec(spec, null);

        System.out.printf(Locale.ROOT, "%-11s %6s %12s %12s %18s %14s%n", "scaling", "width", "L(0)", "L(T)",
                "rel_weight_change", "lin_deviation");
        for (String scaling : SCALINGS) {
            double[] movement = new double[WIDTHS.length];
            double[] deviation = new double[WIDTHS.length];
            double[] widths = new double[WIDTHS.length];
            for (int k = 0; k < WIDTHS.length; k++) {
                Spec variant = gdflow.with(gdflow.with(base, "model.scaling", scaling), "model.width", Integer.toString(WIDTHS[k]));
                RunResult result = gdflow.run(variant);
                double[] loss = result.trajectory().column("loss");
                double[] rel = result.trajectory().column("rel_weight_change");
                double[] lin = result.trajectory().column("lin_deviation");
                widths[k] = WIDTHS[k];
                movement[k] = rel[rel.length - 1];
                deviation[k] = lin[lin.length - 1];
                System.out.printf(Locale.ROOT, "%-11s %6d %12.4e %12.4e %18.4e %14.4e%n", scaling, WIDTHS[k], loss[0],
                        loss[loss.length - 1], movement[k], deviation[k]);
            }
            System.out.printf(Locale.ROOT, "%-11s slopes against m: rel_weight_change %.2f, lin_deviation %.2f%n", scaling,
                    LineFit.logLog(widths, movement).slope(), LineFit.logLog(widths, deviation).slope());
        }
        System.out.printf(Locale.ROOT, "(at T = %s; rel_weight_change = ||W(T) - W(0)||_F / ||W(0)||_F, lin_deviation ="
                + " ||u(T) - u_lin(T)|| / sqrt(n): docs/METRICS.md)%n", TIME);
    }
}
