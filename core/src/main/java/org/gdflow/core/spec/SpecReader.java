package org.gdflow.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gdflow.api.PluginKind;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.spec.Spec.CheckpointSpec;
import org.gdflow.core.spec.Spec.CsvData;
import org.gdflow.core.spec.Spec.DataSpec;
import org.gdflow.core.spec.Spec.FunctionTarget;
import org.gdflow.core.spec.Spec.GeneratedData;
import org.gdflow.core.spec.Spec.InitSpec;
import org.gdflow.core.spec.Spec.ModelSpec;
import org.gdflow.core.spec.Spec.ObserveSpec;
import org.gdflow.core.spec.Spec.OutputSpec;
import org.gdflow.core.spec.Spec.RandomTarget;
import org.gdflow.core.spec.Spec.StopSpec;
import org.gdflow.core.spec.Spec.TargetSpec;
import org.gdflow.core.spec.Spec.TeacherTarget;
import org.gdflow.core.spec.Spec.TheorySpec;
import org.gdflow.core.spec.Spec.WeightInit;

/**
 * Reads a JSON spec into a resolved {@link Spec}: every key checked, every default filled in,
 * every plugin bound. Errors name the JSON path and the file and line.
 */
public final class SpecReader {
    /** The metric names trajectory.csv can carry beyond step, time and loss. */
    public static final List<String> METRICS = List.of(
            "gram_min_eig", "gram_max_eig", "max_weight_change", "rel_weight_change", "max_a_change", "lin_deviation",
            "pattern_flip_fraction");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PluginBinder catalog;

    /** A reader that binds plugins from {@code catalog}. */
    public SpecReader(PluginBinder catalog) {
        this.catalog = catalog;
    }

    /** Reads a spec file, applying {@code key.path=value} overrides in order. */
    public Spec read(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new GdflowException("spec file not found: " + file + "; check the path (relative paths are against the current folder)");
        } catch (IOException e) {
            throw new GdflowException("cannot read spec file " + file + ": " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return read(text, file.toString(), base, overrides);
    }

    /** Reads a spec from JSON text; {@code source} names it in messages, {@code baseDir} resolves paths. */
    public Spec read(String json, String source, Path baseDir, List<String> overrides) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GdflowException(source + " line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new GdflowException(source + ": a spec is a JSON object {...}");
        }
        SpecLocations locations = SpecLocations.index(source, json);
        ObjectNode root = (ObjectNode) tree;
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new GdflowException("--set " + override + ": expected key.path=value, for example --set model.width=1024");
            }
            String path = override.substring(0, eq);
            // an error at an object the --set created (a misspelt key) is the --set's, not the file's
            String created = set(root, path, parseValue(override.substring(eq + 1)));
            locations = locations.withOverride(created, "--set " + override);
        }
        return read(root, locations, baseDir);
    }

    /** A copy of {@code spec} with the value at {@code path} replaced (a JSON literal, or a plain string). */
    public Spec with(Spec spec, String path, String value) {
        ObjectNode root = spec.source();
        String created = set(root, path, parseValue(value));
        return read(root, SpecLocations.none("spec '" + spec.name() + "'").withOverride(created, "set " + path + "=" + value), spec.baseDir());
    }

    /** Reads an in-memory tree. */
    public Spec read(ObjectNode root, SpecLocations locations, Path baseDir) {
        SpecNode spec = new SpecNode(root, "", locations).onlyKeys(
                "name", "seed", "data", "model", "loss", "integrator", "stop", "observe", "backend", "output", "theory", "checkpoint");
        String name = spec.get("name").string("run");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw spec.get("name").error("'" + name + "' cannot name a folder; use letters, digits, '-', '_' or '.'");
        }
        long seed = spec.get("seed").integer(0);
        DataSpec data = data(spec.get("data").requireObject(), baseDir);
        Optional<Spec.TestDataSpec> test = test(spec.get("data").get("test"), data, baseDir);
        ModelSpec model = model(spec.get("model").requireObject(), baseDir);
        String loss = loss(spec.get("loss"), data);
        SpecNode integratorNode = spec.get("integrator");
        if (integratorNode.isMissing()) {
            throw integratorNode.error("missing; add for example \"integrator\": {\"name\": \"rk4\", \"dt\": 0.05}");
        }
        PluginRef integrator = catalog.bind(PluginKind.INTEGRATOR, integratorNode);
        StopSpec stop = stop(spec.get("stop"));
        ObserveSpec observe = observe(spec.get("observe"));
        PluginRef backend = backend(spec.get("backend"));
        SpecNode output = spec.get("output");
        if (!output.isMissing()) {
            output.requireObject().onlyKeys("parameters", "data");
        }
        OutputSpec out = new OutputSpec(output.get("parameters").bool(false), output.get("data").bool(false));
        TheorySpec theory = theory(spec.get("theory"));
        CheckpointSpec checkpoint = checkpoint(spec.get("checkpoint"));
        return new Spec(name, seed, data, test, model, loss, integrator, stop, observe, backend, out, theory, checkpoint, root, baseDir);
    }

    /** mean or sum; "weights" when data.weights give μ (then no other loss may be named: it would have no effect). */
    private static String loss(SpecNode node, DataSpec data) {
        if (data instanceof CsvData csv && csv.weights().isPresent()) {
            if (!node.isMissing() && !(node.json().isTextual() && node.json().textValue().equals("weights"))) {
                throw node.error(SpecNode.describe(node.json()) + " would have no effect: data.weights give μ_i, so the loss is"
                        + " 1/2 Σ μ_i (f − y)²; remove loss (or write \"weights\")");
            }
            return "weights";
        }
        return node.choice("mean", "mean", "sum");
    }

    private static CheckpointSpec checkpoint(SpecNode node) {
        if (node.isMissing()) {
            return new CheckpointSpec(0, CheckpointSpec.DEFAULT_SECONDS);
        }
        if (node.json().isBoolean()) {
            return node.bool(true) ? new CheckpointSpec(0, CheckpointSpec.DEFAULT_SECONDS) : new CheckpointSpec(0, 0);
        }
        node.requireObject().onlyKeys("every_steps", "every_seconds");
        SpecNode steps = node.get("every_steps");
        SpecNode seconds = node.get("every_seconds");
        if (steps.isMissing() && seconds.isMissing()) {
            throw node.error("give \"every_steps\" or \"every_seconds\" (or false for no periodic checkpoints)");
        }
        long everySteps = steps.isMissing() ? 0 : steps.integer();
        if (!steps.isMissing() && everySteps <= 0) {
            throw steps.error("must be a positive integer, got " + everySteps);
        }
        return new CheckpointSpec(everySteps, seconds.isMissing() ? 0 : seconds.positive(0));
    }

    private PluginRef backend(SpecNode node) {
        // "auto", {"name": "auto"} or nothing: the run chooses (FlowRun.backendCandidates)
        SpecNode name = node.json().isObject() ? node.get("name") : node;
        if (node.isMissing() || (name.json() != null && name.json().isTextual() && name.json().textValue().equals("auto"))) {
            if (node.json().isObject()) {
                node.onlyKeys("name");
            }
            return new PluginRef(PluginKind.BACKEND, "auto", new org.gdflow.api.NoParameters(), MAPPER.createObjectNode());
        }
        return catalog.bind(PluginKind.BACKEND, node);
    }

    private DataSpec data(SpecNode node, Path baseDir) {
        String kind = node.get("kind").choice(null, "sphere", "gaussian", "csv");
        if (kind.equals("csv")) {
            node.onlyKeys("kind", "x", "y", "weights", "header", "n", "d", "sha256", "test");
            Path x = file(node.get("x"), baseDir);
            Path y = file(node.get("y"), baseDir);
            Optional<Path> weights = node.get("weights").isMissing() ? Optional.empty() : Optional.of(file(node.get("weights"), baseDir));
            boolean header = node.get("header").bool(false);
            int n = node.get("n").isMissing() ? 0 : node.get("n").positiveInt();
            int d = node.get("d").isMissing() ? 0 : node.get("d").positiveInt();
            java.util.Map<String, String> sha256 = new java.util.LinkedHashMap<>();
            SpecNode pins = node.get("sha256");
            if (!pins.isMissing()) {
                pins.requireObject().onlyKeys(weights.isPresent() ? new String[] {"x", "y", "weights"} : new String[] {"x", "y"});
                for (String role : List.of("x", "y", "weights")) {
                    if (!pins.get(role).isMissing()) {
                        sha256.put(role, sha256(pins.get(role)));
                    }
                }
            }
            return new CsvData(x, y, weights, header, n, d, sha256);
        }
        node.onlyKeys("kind", "n", "d", "target", "test");
        int n = node.get("n").positiveInt();
        int d = node.get("d").positiveInt();
        return new GeneratedData(kind, n, d, target(node.get("target").requireObject()));
    }

    /**
     * {@code data.test}: {@code {"n": N}} (generated data only: drawn as the training set is) or
     * {@code {"kind": "csv", "x": ..., "y": ..., "header": false}}.
     */
    private static Optional<Spec.TestDataSpec> test(SpecNode node, DataSpec data, Path baseDir) {
        if (node.isMissing()) {
            return Optional.empty();
        }
        node.requireObject();
        if (node.get("kind").isMissing()) {
            node.onlyKeys("n");
            if (!(data instanceof GeneratedData)) {
                throw node.error("a test set can be drawn only for generated data (data.kind sphere or gaussian); for csv data"
                        + " give the test files: {\"kind\": \"csv\", \"x\": \"x_test.csv\", \"y\": \"y_test.csv\"}");
            }
            return Optional.of(new Spec.GeneratedTestData(node.get("n").positiveInt()));
        }
        node.get("kind").choice(null, "csv");
        node.onlyKeys("kind", "x", "y", "header");
        return Optional.of(new Spec.CsvTestData(file(node.get("x"), baseDir), file(node.get("y"), baseDir),
                node.get("header").bool(false)));
    }

    private TargetSpec target(SpecNode node) {
        String kind = node.get("kind").choice(null, "teacher", "function", "random");
        switch (kind) {
            case "teacher" -> {
                node.onlyKeys("kind", "width", "activation");
                int width = node.get("width").positiveInt();
                return new TeacherTarget(width, catalog.bind(PluginKind.ACTIVATION, node.get("activation")));
            }
            case "function" -> {
                String function = node.get("name").choice(null, "sin", "polynomial");
                // sin has a frequency, polynomial a degree: a key the function does not use is refused, not ignored
                node.onlyKeys("kind", "name", function.equals("sin") ? "frequency" : "degree");
                double frequency = node.get("frequency").number(Math.PI);
                int degree = node.get("degree").positiveInt(3);
                return new FunctionTarget(function, frequency, degree);
            }
            default -> {
                node.onlyKeys("kind", "distribution");
                return new RandomTarget(node.get("distribution").choice("uniform", "uniform", "gaussian"));
            }
        }
    }

    private ModelSpec model(SpecNode node, Path baseDir) {
        node.onlyKeys("width", "activation", "scaling", "train", "init");
        int width = node.get("width").positiveInt();
        PluginRef activation = catalog.bind(PluginKind.ACTIVATION, node.get("activation"));
        PluginRef scaling = catalog.bind(PluginKind.SCALING, node.get("scaling"));
        SpecNode trainNode = node.get("train");
        Set<String> train = new LinkedHashSet<>(trainNode.strings(List.of("w", "a")));
        for (String part : train) {
            if (!part.equals("w") && !part.equals("a")) {
                throw trainNode.error("'" + part + "' is not a trainable part; use [\"w\"], [\"a\"] or [\"w\", \"a\"]");
            }
        }
        if (train.isEmpty()) {
            throw trainNode.error("nothing to train; use [\"w\"], [\"a\"] or [\"w\", \"a\"]");
        }
        SpecNode init = node.get("init");
        if (!init.isMissing()) {
            init.requireObject().onlyKeys("w", "a", "symmetric");
        }
        WeightInit w = weightInit(init.get("w"), baseDir, "gaussian", "gaussian", "csv");
        WeightInit a = weightInit(init.get("a"), baseDir, "rademacher", "rademacher", "gaussian", "constant", "csv");
        boolean symmetric = init.get("symmetric").bool(false);
        if (symmetric && width % 2 != 0) {
            throw init.get("symmetric").error("symmetric initialisation pairs neurons, so model.width must be even, got " + width);
        }
        return new ModelSpec(width, activation, scaling, Set.copyOf(train), new InitSpec(w, a, symmetric));
    }

    private WeightInit weightInit(SpecNode node, Path baseDir, String fallback, String... kinds) {
        if (node.isMissing()) {
            return new WeightInit(fallback, 1.0, 1.0, Optional.empty());
        }
        node.requireObject();
        String kind = node.get("kind").choice(null, kinds);
        // each kind takes only its own keys: a std given to rademacher would be ignored, so it is refused
        switch (kind) {
            case "gaussian" -> node.onlyKeys("kind", "std");
            case "constant" -> node.onlyKeys("kind", "value");
            case "csv" -> node.onlyKeys("kind", "path", "header", "sha256");
            default -> node.onlyKeys("kind");
        }
        double std = node.get("std").positive(1.0);
        double value = node.get("value").number(1.0);
        Optional<Path> path = kind.equals("csv") ? Optional.of(file(node.get("path"), baseDir)) : Optional.empty();
        boolean header = node.get("header").bool(false);
        String sha256 = node.get("sha256").isMissing() ? "" : sha256(node.get("sha256"));
        return new WeightInit(kind, std, value, path, header, sha256);
    }

    /** A SHA-256 pin: 64 hexadecimal digits. */
    private static String sha256(SpecNode node) {
        String text = node.string();
        if (!text.matches("[0-9a-f]{64}")) {
            throw node.error("expected a SHA-256 as 64 lower-case hexadecimal digits, got '" + text + "'");
        }
        return text;
    }

    private static Path file(SpecNode node, Path baseDir) {
        Path p = Path.of(node.string());
        Path resolved = p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
        if (!Files.isRegularFile(resolved)) {
            throw node.error("file not found: " + resolved + " (relative paths are resolved against the spec's folder)");
        }
        return resolved.normalize();
    }

    private static StopSpec stop(SpecNode node) {
        if (node.isMissing()) {
            throw node.error("missing; add for example \"stop\": {\"time\": 50.0}");
        }
        node.requireObject().onlyKeys("time", "max_steps", "loss_below", "diverge_factor", "max_weight_change_above",
                "gram_min_eig_below");
        if (node.get("time").isMissing() && node.get("max_steps").isMissing()) {
            throw node.error("give \"time\" or \"max_steps\" (or both), so the run ends");
        }
        double time = node.get("time").isMissing() ? Double.POSITIVE_INFINITY : node.get("time").positive(0);
        long maxSteps = node.get("max_steps").isMissing() ? Long.MAX_VALUE : node.get("max_steps").integer();
        if (maxSteps <= 0) {
            throw node.get("max_steps").error("must be a positive integer, got " + maxSteps);
        }
        double lossBelow = node.get("loss_below").number(0.0);
        if (lossBelow < 0) {
            throw node.get("loss_below").error("must be ≥ 0, got " + lossBelow);
        }
        double divergeFactor = node.get("diverge_factor").positive(1e8);
        double radius = node.get("max_weight_change_above").positive(Double.POSITIVE_INFINITY);
        return new StopSpec(time, maxSteps, lossBelow, divergeFactor, radius, gramBound(node.get("gram_min_eig_below")));
    }

    /** {@code {"fraction": 0.5, "of": "lambda0" | "initial"}}: fraction in (0, 1], of defaults to lambda0. */
    private static Spec.GramBound gramBound(SpecNode node) {
        if (node.isMissing()) {
            return null;
        }
        node.requireObject().onlyKeys("fraction", "of");
        if (node.get("fraction").isMissing()) {
            throw node.error("give \"fraction\", for example {\"fraction\": 0.5, \"of\": \"lambda0\"}"
                    + " (stop once λ_min(H(t)) < λ0/2, the bound of Du et al. 2019, Lemma 3.2)");
        }
        double fraction = node.get("fraction").number();
        if (!(fraction > 0 && fraction <= 1)) {
            throw node.get("fraction").error("must be in (0, 1], got " + fraction);
        }
        String of = node.get("of").choice("lambda0", "lambda0", "initial");
        return new Spec.GramBound(fraction, of);
    }

    private static ObserveSpec observe(SpecNode node) {
        if (node.isMissing()) {
            return new ObserveSpec(10, List.of());
        }
        node.requireObject().onlyKeys("every", "metrics", "rate_window");
        int every = node.get("every").positiveInt(10);
        Spec.RateWindow window = rateWindow(node.get("rate_window"));
        List<String> metrics = node.get("metrics").strings(List.of());
        for (int i = 0; i < metrics.size(); i++) {
            if (!METRICS.contains(metrics.get(i))) {
                throw node.get("metrics").error("unknown metric '" + metrics.get(i) + "'; the metrics are " + String.join(", ", METRICS));
            }
        }
        return new ObserveSpec(every, List.copyOf(new LinkedHashSet<>(metrics)), window);
    }

    /**
     * {@code {"from": 0.5, "to": 1.0}} (fractions of the recorded rows) and/or {@code {"loss_above": 1e-10}};
     * from and to default to 0.5 and 1 without loss_above, to 0 and 1 with it.
     */
    private static Spec.RateWindow rateWindow(SpecNode node) {
        if (node.isMissing()) {
            return Spec.RateWindow.LAST_HALF;
        }
        node.requireObject().onlyKeys("from", "to", "loss_above");
        boolean byLoss = !node.get("loss_above").isMissing();
        double lossAbove = byLoss ? node.get("loss_above").number() : Double.NaN;
        if (byLoss && !(lossAbove >= 0)) {
            throw node.get("loss_above").error("must be ≥ 0, got " + lossAbove);
        }
        double from = node.get("from").number(byLoss ? 0.0 : 0.5);
        double to = node.get("to").number(1.0);
        if (from < 0 || from >= 1) {
            throw node.get("from").error("must be a fraction of the recorded rows in [0, 1), got " + from);
        }
        if (to <= from || to > 1) {
            throw node.get("to").error("must be a fraction of the recorded rows in (from, 1], got " + to + " with from = " + from);
        }
        return new Spec.RateWindow(from, to, lossAbove);
    }

    private static TheorySpec theory(SpecNode node) {
        if (node.isMissing() || node.json().isBoolean()) {
            return new TheorySpec(node.bool(false), "polar", 64);
        }
        node.requireObject().onlyKeys("enabled", "rule", "quadrature_degree");
        boolean enabled = node.get("enabled").bool(true);
        String rule = node.get("rule").choice("polar", "polar", "hermite");
        int max = rule.equals("polar") ? 128 : 256;
        int degree = node.get("quadrature_degree").positiveInt(rule.equals("polar") ? 64 : 128);
        if (degree > max) {
            throw node.get("quadrature_degree").error("the " + rule + " rule takes at most " + max + " nodes, got " + degree);
        }
        return new TheorySpec(enabled, rule, degree);
    }

    private static JsonNode parseValue(String text) {
        try {
            JsonNode value = MAPPER.readTree(text);
            return value == null ? TextNode.valueOf(text) : value;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /**
     * Sets {@code a.b.c} (creating objects on the way) to {@code value}; returns the path of the
     * first value it created or replaced (the whole path when every object on the way existed).
     */
    private static String set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        String created = null;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (next == null || !next.isObject()) {
                if (next != null && next.isTextual() && i == parts.length - 2) {
                    // "activation": "tanh" becomes {"name": "tanh"} so a parameter can be set on it
                    ObjectNode named = node.putObject(parts[i]);
                    named.set("name", next);
                    next = named;
                } else if (next instanceof ArrayNode) {
                    throw new GdflowException("--set " + path + ": '" + parts[i] + "' is a list; set the whole list, for example --set " + String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + "='[\"w\"]'");
                } else {
                    next = node.putObject(parts[i]);
                    if (created == null) {
                        created = String.join(".", java.util.Arrays.copyOf(parts, i + 1));
                    }
                }
            }
            node = (ObjectNode) next;
        }
        node.set(parts[parts.length - 1], value);
        return created != null ? created : path;
    }
}
