package org.gdflow.core.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gdflow.core.spec.Spec.CsvData;
import org.gdflow.core.spec.Spec.FunctionTarget;
import org.gdflow.core.spec.Spec.GeneratedData;
import org.gdflow.core.spec.Spec.TeacherTarget;
import org.gdflow.core.spec.Spec.WeightInit;

/** Writes a resolved {@link Spec} as JSON in the spec's own shape, every default filled in. */
public final class SpecJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SpecJson() {
    }

    /** The resolved spec; {@code backend} is the backend that actually ran. */
    public static ObjectNode write(Spec spec, String backend) {
        ObjectNode root = JSON.objectNode();
        root.put("name", spec.name());
        root.put("seed", spec.seed());
        ObjectNode data = root.putObject("data");
        if (spec.data() instanceof CsvData csv) {
            data.put("kind", "csv");
            data.put("x", csv.x().toString());
            data.put("y", csv.y().toString());
            csv.weights().ifPresent(w -> data.put("weights", w.toString()));
            data.put("header", csv.header());
            if (csv.n() > 0) {
                data.put("n", csv.n());
            }
            if (csv.d() > 0) {
                data.put("d", csv.d());
            }
            if (!csv.sha256().isEmpty()) {
                ObjectNode sha = data.putObject("sha256");
                for (String role : java.util.List.of("x", "y", "weights")) {
                    if (csv.sha256().containsKey(role)) {
                        sha.put(role, csv.sha256().get(role));
                    }
                }
            }
        } else {
            GeneratedData g = (GeneratedData) spec.data();
            data.put("kind", g.kind());
            data.put("n", g.n());
            data.put("d", g.d());
            ObjectNode target = data.putObject("target");
            if (g.target() instanceof TeacherTarget t) {
                target.put("kind", "teacher");
                target.put("width", t.width());
                target.set("activation", plugin(t.activation()));
            } else if (g.target() instanceof FunctionTarget f) {
                target.put("kind", "function");
                target.put("name", f.function());
                if (f.function().equals("sin")) {
                    target.put("frequency", f.frequency());
                } else {
                    target.put("degree", f.degree());
                }
            } else {
                target.put("kind", "random");
                target.put("distribution", ((Spec.RandomTarget) g.target()).distribution());
            }
        }
        spec.test().ifPresent(test -> {
            ObjectNode t = data.putObject("test");
            if (test instanceof Spec.GeneratedTestData g) {
                t.put("n", g.n());
            } else if (test instanceof Spec.CsvTestData csv) {
                t.put("kind", "csv");
                t.put("x", csv.x().toString());
                t.put("y", csv.y().toString());
                t.put("header", csv.header());
            }
        });
        ObjectNode model = root.putObject("model");
        model.put("width", spec.model().width());
        model.set("activation", plugin(spec.model().activation()));
        model.set("scaling", plugin(spec.model().scaling()));
        var train = model.putArray("train");
        if (spec.model().trainW()) {
            train.add("w");
        }
        if (spec.model().trainA()) {
            train.add("a");
        }
        ObjectNode init = model.putObject("init");
        init.set("w", init(spec.model().init().w()));
        init.set("a", init(spec.model().init().a()));
        init.put("symmetric", spec.model().init().symmetric());
        root.put("loss", spec.loss());
        root.set("integrator", plugin(spec.integrator()));
        ObjectNode stop = root.putObject("stop");
        putFinite(stop, "time", spec.stop().time());
        if (spec.stop().maxSteps() != Long.MAX_VALUE) {
            stop.put("max_steps", spec.stop().maxSteps());
        } else {
            stop.putNull("max_steps");
        }
        stop.put("loss_below", spec.stop().lossBelow());
        stop.put("diverge_factor", spec.stop().divergeFactor());
        if (Double.isFinite(spec.stop().maxWeightChangeAbove())) {
            stop.put("max_weight_change_above", spec.stop().maxWeightChangeAbove());
        }
        if (spec.stop().gramMinEigBelow() != null) {
            ObjectNode bound = stop.putObject("gram_min_eig_below");
            bound.put("fraction", spec.stop().gramMinEigBelow().fraction());
            bound.put("of", spec.stop().gramMinEigBelow().of());
        }
        ObjectNode observe = root.putObject("observe");
        observe.put("every", spec.observe().every());
        var metrics = observe.putArray("metrics");
        spec.observe().metrics().forEach(metrics::add);
        ObjectNode window = observe.putObject("rate_window");
        window.put("from", spec.observe().rateWindow().from());
        window.put("to", spec.observe().rateWindow().to());
        if (!Double.isNaN(spec.observe().rateWindow().lossAbove())) {
            window.put("loss_above", spec.observe().rateWindow().lossAbove());
        }
        ObjectNode backendNode = plugin(spec.backend());
        backendNode.put("name", backend);
        root.set("backend", backendNode);
        ObjectNode output = root.putObject("output");
        output.put("parameters", spec.output().parameters());
        output.put("data", spec.output().data());
        ObjectNode theory = root.putObject("theory");
        theory.put("enabled", spec.theory().enabled());
        theory.put("rule", spec.theory().rule());
        theory.put("quadrature_degree", spec.theory().quadratureDegree());
        Spec.CheckpointSpec checkpoint = spec.checkpoint();
        if (checkpoint.everySteps() == 0 && checkpoint.everySeconds() == 0) {
            root.put("checkpoint", false);
        } else {
            ObjectNode every = root.putObject("checkpoint");
            if (checkpoint.everySteps() > 0) {
                every.put("every_steps", checkpoint.everySteps());
            }
            if (checkpoint.everySeconds() > 0) {
                every.put("every_seconds", checkpoint.everySeconds());
            }
        }
        return root;
    }

    private static ObjectNode plugin(PluginRef ref) {
        ObjectNode node = JSON.objectNode();
        node.put("name", ref.name());
        node.setAll(ref.json());
        return node;
    }

    private static ObjectNode init(WeightInit w) {
        ObjectNode node = JSON.objectNode();
        node.put("kind", w.kind());
        switch (w.kind()) {
            case "gaussian" -> node.put("std", w.std());
            case "constant" -> node.put("value", w.value());
            case "csv" -> {
                node.put("path", w.path().orElseThrow().toString());
                node.put("header", w.header());
                if (!w.sha256().isEmpty()) {
                    node.put("sha256", w.sha256());
                }
            }
            default -> { }
        }
        return node;
    }

    private static void putFinite(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
