package org.gdflow.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.gdflow.core.Gdflow;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.spec.Spec;

/**
 * gdflow from Java: builds a spec in code, then runs it under NTK (1/√m) and mean-field (1/m)
 * scaling at several widths and prints the final losses side by side.
 *
 * <pre>java -cp 'examples/target/gdflow/lib/*' org.gdflow.examples.ScalingComparison</pre>
 */
public final class ScalingComparison {
    private ScalingComparison() {
    }

    /** Runs the comparison and prints a table. */
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
        spec.putObject("stop").put("time", 20.0);
        Spec base = gdflow.spec(spec, null);

        System.out.printf(Locale.ROOT, "%-11s %6s %14s %14s%n", "scaling", "width", "L(0)", "L(20)");
        for (String scaling : new String[] {"ntk", "mean-field"}) {
            for (int width : new int[] {64, 256, 1024}) {
                Spec variant = gdflow.with(gdflow.with(base, "model.scaling", scaling), "model.width", Integer.toString(width));
                RunResult result = gdflow.run(variant);
                System.out.printf(Locale.ROOT, "%-11s %6d %14.6e %14.6e%n", scaling, width,
                        result.trajectory().column("loss")[0], result.finalLoss());
            }
        }
    }
}
