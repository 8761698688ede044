package org.gdflow.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gdflow.api.PluginKind;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.plugin.PluginDiscovery;
import org.gdflow.core.spec.Spec.CsvData;
import org.gdflow.core.spec.Spec.FunctionTarget;
import org.gdflow.core.spec.Spec.GeneratedData;
import org.gdflow.core.spec.Spec.InitSpec;
import org.gdflow.core.spec.Spec.ObserveSpec;
import org.gdflow.core.spec.Spec.StopSpec;
import org.gdflow.core.spec.Spec.TeacherTarget;
import org.gdflow.core.spec.Spec.TheorySpec;
import org.gdflow.core.spec.Spec.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading a spec: every default as documented in Spec's javadoc, and each error message in full
 * with its JSON path and the line of a spec whose lines are laid out by hand.
 */
class SpecReaderTest {
    private static final PluginCatalog CATALOG = PluginDiscovery.discover();
    private static final SpecReader READER = new SpecReader(CATALOG);

    /** A spec with one member per line: 2 data, 3 model, 4 integrator, 5 stop, 6 extra members, 7 name. */
    private static final class Json {
        String data = "{\"kind\": \"sphere\", \"n\": 4, \"d\": 2, \"target\": {\"kind\": \"random\"}}";
        String model = "{\"width\": 4, \"activation\": \"tanh\", \"scaling\": \"ntk\"}";
        String integrator = "{\"name\": \"euler\", \"dt\": 0.1}";
        String stop = "{\"time\": 1.0}";
        String extra = "";
        String name = "\"run\"";

        Json data(String v) {
            data = v;
            return this;
        }

        Json model(String v) {
            model = v;
            return this;
        }

        Json integrator(String v) {
            integrator = v;
            return this;
        }

        Json stop(String v) {
            stop = v;
            return this;
        }

        /** Members for line 6, without the trailing comma. */
        Json extra(String v) {
            extra = v;
            return this;
        }

        Json name(String v) {
            name = v;
            return this;
        }

        private static String member(String key, String value) {
            return value == null ? "" : "\"" + key + "\": " + value + ",";
        }

        String text() {
            return "{\n" + member("data", data) + "\n" + member("model", model) + "\n" + member("integrator", integrator) + "\n"
                    + member("stop", stop) + "\n" + (extra.isEmpty() ? "" : extra + ",") + "\n\"name\": " + name + "\n}";
        }
    }

    private static Json json() {
        return new Json();
    }

    private static Spec read(Json json, String... overrides) {
        return READER.read(json.text(), "spec.json", Path.of("/nowhere"), List.of(overrides));
    }

    private static String error(Json json, String... overrides) {
        return assertThrows(GdflowException.class, () -> read(json, overrides)).getMessage();
    }

    @Test
    void defaultsAreFilledIn() {
        Spec spec = read(json());
        // against the defaults documented in Spec and ARCHITECTURE.md
        assertEquals("run", spec.name());
        assertEquals(0L, spec.seed());
        assertEquals(new GeneratedData("sphere", 4, 2, new Spec.RandomTarget()), spec.data());
        assertEquals("mean", spec.loss());
        assertEquals(4, spec.model().width());
        assertEquals(Set.of("w", "a"), spec.model().train());
        assertTrue(spec.model().trainW());
        assertTrue(spec.model().trainA());
        assertEquals(new InitSpec(new WeightInit("gaussian", 1.0, 1.0, Optional.empty()),
                new WeightInit("rademacher", 1.0, 1.0, Optional.empty()), false), spec.model().init());
        assertEquals("tanh", spec.model().activation().name());
        assertEquals("ntk", spec.model().scaling().name());
        assertEquals("euler", spec.integrator().name());
        assertEquals(0.1, spec.integrator().json().get("dt").doubleValue());
        assertEquals(new StopSpec(1.0, Long.MAX_VALUE, 0.0, 1e8), spec.stop());
        assertEquals(new ObserveSpec(10, List.of()), spec.observe());
        assertEquals("auto", spec.backend().name());
        assertEquals(PluginKind.BACKEND, spec.backend().kind());
        assertEquals(0, spec.backend().json().size());
        assertFalse(spec.output().parameters());
        assertEquals(new TheorySpec(false, "polar", 64), spec.theory());
        assertEquals(Path.of("/nowhere"), spec.baseDir());
    }

    @Test
    void autoBackendMayBeWrittenAsAnObject() {
        // the object form every other plugin accepts: {"name": "auto"}, and nothing else in it
        assertEquals("auto", read(json().extra("\"backend\": {\"name\": \"auto\"}")).backend().name());
        assertEquals("backend.threads: unknown key 'threads'; the keys here are name (spec.json line 6)",
                error(json().extra("\"backend\": {\"name\": \"auto\", \"threads\": 2}")));
    }

    @Test
    void everyValueGivenIsRead() {
        Spec spec = read(json()
                .data("{\"kind\": \"gaussian\", \"n\": 7, \"d\": 3, \"target\": {\"kind\": \"teacher\", \"width\": 5, \"activation\": \"relu\"}}")
                .model("{\"width\": 6, \"activation\": \"erf\", \"scaling\": {\"name\": \"power\", \"alpha\": 0.75}, \"train\": [\"a\"],"
                        + " \"init\": {\"w\": {\"kind\": \"gaussian\", \"std\": 0.5}, \"a\": {\"kind\": \"constant\", \"value\": -2},"
                        + " \"symmetric\": true}}")
                .integrator("{\"name\": \"gd\", \"lr\": 0.2, \"momentum\": 0.5}")
                .stop("{\"max_steps\": 30, \"loss_below\": 1e-6, \"diverge_factor\": 100}")
                .extra("\"seed\": -5, \"loss\": \"sum\", \"observe\": {\"every\": 3, \"metrics\": [\"gram_min_eig\", \"lin_deviation\","
                        + " \"gram_min_eig\"]}, \"backend\": \"ejml\", \"output\": {\"parameters\": true}, \"theory\": {\"rule\": \"hermite\"}")
                .name("\"my-run_2.b\""));
        assertEquals("my-run_2.b", spec.name());
        assertEquals(-5L, spec.seed());
        assertEquals("sum", spec.loss());
        GeneratedData data = (GeneratedData) spec.data();
        assertEquals("gaussian", data.kind());
        assertEquals(7, data.n());
        assertEquals(3, data.d());
        TeacherTarget teacher = (TeacherTarget) data.target();
        assertEquals(5, teacher.width());
        assertEquals("relu", teacher.activation().name());
        assertEquals(6, spec.model().width());
        assertEquals("erf", spec.model().activation().name());
        assertEquals("power", spec.model().scaling().name());
        assertEquals(0.75, spec.model().scaling().json().get("alpha").doubleValue());
        assertEquals(Set.of("a"), spec.model().train());
        assertFalse(spec.model().trainW());
        assertEquals(new InitSpec(new WeightInit("gaussian", 0.5, 1.0, Optional.empty()),
                new WeightInit("constant", 1.0, -2.0, Optional.empty()), true), spec.model().init());
        assertEquals("gd", spec.integrator().name());
        assertEquals(0, spec.integrator().json().get("batch_size").intValue());
        assertEquals(new StopSpec(Double.POSITIVE_INFINITY, 30, 1e-6, 100), spec.stop());
        // duplicate metrics are dropped, order kept
        assertEquals(new ObserveSpec(3, List.of("gram_min_eig", "lin_deviation")), spec.observe());
        assertEquals("ejml", spec.backend().name());
        assertTrue(spec.output().parameters());
        assertEquals(new TheorySpec(true, "hermite", 128), spec.theory());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "true|true|polar|64",
        "false|false|polar|64",
        "{}|true|polar|64",
        "{\"enabled\": false}|false|polar|64",
        "{\"quadrature_degree\": 128}|true|polar|128",
        "{\"rule\": \"hermite\", \"quadrature_degree\": 256}|true|hermite|256",
        "{\"rule\": \"polar\", \"quadrature_degree\": 1}|true|polar|1",
    })
    void theoryDefaults(String theory, boolean enabled, String rule, int degree) {
        assertEquals(new TheorySpec(enabled, rule, degree), read(json().extra("\"theory\": " + theory)).theory());
    }

    @Test
    void functionTargetDefaultsToFrequencyPiAndDegreeThree() {
        Spec spec = read(json().data("{\"kind\": \"sphere\", \"n\": 4, \"d\": 2, \"target\": {\"kind\": \"function\", \"name\": \"sin\"}}"));
        assertEquals(new FunctionTarget("sin", Math.PI, 3), ((GeneratedData) spec.data()).target());
        Spec given = read(json().data("{\"kind\": \"sphere\", \"n\": 4, \"d\": 2,"
                + " \"target\": {\"kind\": \"function\", \"name\": \"polynomial\", \"degree\": 5}}"));
        assertEquals(new FunctionTarget("polynomial", Math.PI, 5), ((GeneratedData) given.data()).target());
    }

    @Test
    void stopWithMaxStepsOnlyRunsForUnboundedTime() {
        assertEquals(new StopSpec(Double.POSITIVE_INFINITY, 1, 0, 1e8), read(json().stop("{\"max_steps\": 1}")).stop());
        assertEquals(new StopSpec(2.5, 7, 0, 1e8), read(json().stop("{\"time\": 2.5, \"max_steps\": 7}")).stop());
    }

    @Test
    void trainAsASingleString() {
        assertEquals(Set.of("w"), read(json().model("{\"width\": 4, \"activation\": \"tanh\", \"scaling\": \"ntk\", \"train\": \"w\"}"))
                .model().train());
    }

    @Test
    void symmetricWithEvenWidthIsAccepted() {
        assertTrue(read(json().model("{\"width\": 4, \"activation\": \"tanh\", \"scaling\": \"ntk\", \"init\": {\"symmetric\": true}}"))
                .model().init().symmetric());
    }

    private static final String ACTIVATIONS = String.join(", ", CATALOG.plugins(PluginKind.ACTIVATION).keySet());
    private static final String BACKENDS = String.join(", ", CATALOG.plugins(PluginKind.BACKEND).keySet());

    /** {@code model} with {@code members} added after width, activation and scaling. */
    private static Json model(String members) {
        return json().model("{\"width\": 4, \"activation\": \"tanh\", \"scaling\": \"ntk\", " + members + "}");
    }

    /** {@code data} of kind sphere with {@code target}. */
    private static Json target(String target) {
        return json().data("{\"kind\": \"sphere\", \"n\": 4, \"d\": 2, \"target\": " + target + "}");
    }

    @Test
    void topLevelErrors() {
        assertEquals("sed: unknown key 'sed'; the keys here are backend, checkpoint, data, integrator, loss, model, name, observe, output, seed,"
                + " stop, theory (spec.json line 6)", error(json().extra("\"sed\": 1")));
        assertEquals("name: 'a b' cannot name a folder; use letters, digits, '-', '_' or '.' (spec.json line 7)",
                error(json().name("\"a b\"")));
        assertEquals("name: '-x' cannot name a folder; use letters, digits, '-', '_' or '.' (spec.json line 7)",
                error(json().name("\"-x\"")));
        assertEquals("seed: expected an integer, got the string \"x\" (spec.json line 6)", error(json().extra("\"seed\": \"x\"")));
        assertEquals("loss: 'median' is not one of mean, sum (spec.json line 6)", error(json().extra("\"loss\": \"median\"")));
    }

    @Test
    void dataErrors() {
        assertEquals("data: missing; add an object here (spec.json line 1)", error(json().data(null)));
        assertEquals("data: expected an object {...}, got the string \"x\" (spec.json line 2)", error(json().data("\"x\"")));
        assertEquals("data.kind: 'cube' is not one of sphere, gaussian, csv (spec.json line 2)",
                error(json().data("{\"kind\": \"cube\"}")));
        assertEquals("data.kind: missing; add a string value (spec.json line 2)", error(json().data("{\"n\": 4}")));
        assertEquals("data.x: unknown key 'x'; the keys here are d, kind, n, target, test (spec.json line 2)",
                error(json().data("{\"kind\": \"sphere\", \"n\": 4, \"d\": 2, \"x\": 1}")));
        assertEquals("data.n: must be a positive integer, got 0 (spec.json line 2)",
                error(json().data("{\"kind\": \"sphere\", \"n\": 0, \"d\": 2}")));
        assertEquals("data.n: expected an integer, got the number 2.5 (spec.json line 2)",
                error(json().data("{\"kind\": \"sphere\", \"n\": 2.5, \"d\": 2}")));
        assertEquals("data.d: missing; add an integer (spec.json line 2)", error(json().data("{\"kind\": \"gaussian\", \"n\": 3}")));
        assertEquals("data.target: missing; add an object here (spec.json line 2)",
                error(json().data("{\"kind\": \"sphere\", \"n\": 4, \"d\": 2}")));
    }

    @Test
    void testDataErrors() {
        String sphere = "{\"kind\": \"sphere\", \"n\": 4, \"d\": 2, \"target\": {\"kind\": \"random\"}, \"test\": %s}";
        assertEquals("data.test.m: unknown key 'm'; the keys here are n (spec.json line 2)",
                error(json().data(sphere.formatted("{\"m\": 5}"))));
        assertEquals("data.test.n: must be a positive integer, got 0 (spec.json line 2)",
                error(json().data(sphere.formatted("{\"n\": 0}"))));
        assertEquals("data.test.n: missing; add an integer (spec.json line 2)", error(json().data(sphere.formatted("{}"))));
        assertEquals("data.test: expected an object {...}, got the number 5 (spec.json line 2)",
                error(json().data(sphere.formatted("5"))));
        assertEquals("data.test.kind: 'json' is not one of csv (spec.json line 2)",
                error(json().data(sphere.formatted("{\"kind\": \"json\"}"))));
        assertEquals("data.test.n: unknown key 'n'; the keys here are header, kind, x, y (spec.json line 2)",
                error(json().data(sphere.formatted("{\"kind\": \"csv\", \"n\": 3}"))));
        assertEquals("data.test.x: file not found: /nowhere/xt.csv (relative paths are resolved against the spec's folder)"
                + " (spec.json line 2)", error(json().data(sphere.formatted("{\"kind\": \"csv\", \"x\": \"xt.csv\", \"y\": \"yt.csv\"}"))));
        assertEquals(Optional.of(new Spec.GeneratedTestData(5)), read(json().data(sphere.formatted("{\"n\": 5}"))).test());
        assertEquals(Optional.empty(), read(json()).test());
    }

    @Test
    void aTestSetIsDrawnOnlyForGeneratedData(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.csv"), "1\n2\n");
        Files.writeString(dir.resolve("y.csv"), "1\n2\n");
        String json = json().data("{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\", \"test\": {\"n\": 10}}").text();
        GdflowException e = assertThrows(GdflowException.class, () -> READER.read(json, "spec.json", dir, List.of()));
        assertEquals("data.test: a test set can be drawn only for generated data (data.kind sphere or gaussian); for csv data give"
                + " the test files: {\"kind\": \"csv\", \"x\": \"x_test.csv\", \"y\": \"y_test.csv\"} (spec.json line 2)", e.getMessage());
        String withFiles = json().data("{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"y.csv\", \"test\": {\"kind\": \"csv\","
                + " \"x\": \"x.csv\", \"y\": \"y.csv\", \"header\": true}}").text();
        assertEquals(Optional.of(new Spec.CsvTestData(dir.resolve("x.csv"), dir.resolve("y.csv"), true)),
                READER.read(withFiles, "spec.json", dir, List.of()).test());
    }

    @Test
    void rateWindowErrors() {
        assertEquals("observe.rate_window.form: unknown key 'form'; the keys here are from, loss_above, to (spec.json line 6)",
                error(json().extra("\"observe\": {\"rate_window\": {\"form\": 0.5}}")));
        assertEquals("observe.rate_window.from: must be a fraction of the recorded rows in [0, 1), got 1.0 (spec.json line 6)",
                error(json().extra("\"observe\": {\"rate_window\": {\"from\": 1}}")));
        assertEquals("observe.rate_window.to: must be a fraction of the recorded rows in (from, 1], got 0.4 with from = 0.5"
                + " (spec.json line 6)", error(json().extra("\"observe\": {\"rate_window\": {\"to\": 0.4}}")));
        assertEquals("observe.rate_window.loss_above: must be ≥ 0, got -1.0 (spec.json line 6)",
                error(json().extra("\"observe\": {\"rate_window\": {\"loss_above\": -1}}")));
        assertEquals("observe.rate_window: expected an object {...}, got the number 0.5 (spec.json line 6)",
                error(json().extra("\"observe\": {\"rate_window\": 0.5}")));
        assertEquals(new Spec.RateWindow(0.5, 1.0, Double.NaN), read(json()).observe().rateWindow());
        assertEquals(new Spec.RateWindow(0.0, 1.0, 1e-10),
                read(json().extra("\"observe\": {\"rate_window\": {\"loss_above\": 1e-10}}")).observe().rateWindow());
        assertEquals(new Spec.RateWindow(0.2, 0.9, Double.NaN),
                read(json().extra("\"observe\": {\"rate_window\": {\"from\": 0.2, \"to\": 0.9}}")).observe().rateWindow());
    }

    @Test
    void radiusErrors() {
        assertEquals("stop.max_weight_change_above: must be positive, got 0.0 (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"max_weight_change_above\": 0}")));
        assertEquals("stop.max_weight_change_above: expected a number, got the string \"1\" (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"max_weight_change_above\": \"1\"}")));
        assertEquals(0.25, read(json().stop("{\"time\": 1, \"max_weight_change_above\": 0.25}")).stop().maxWeightChangeAbove(), 0.0);
    }

    @Test
    void gramBoundErrors() {
        assertEquals("stop.gram_min_eig_below: give \"fraction\", for example {\"fraction\": 0.5, \"of\": \"lambda0\"} (stop once"
                        + " λ_min(H(t)) < λ0/2, the bound of Du et al. 2019, Lemma 3.2) (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"gram_min_eig_below\": {\"of\": \"initial\"}}")));
        assertEquals("stop.gram_min_eig_below.fraction: must be in (0, 1], got 0.0 (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"gram_min_eig_below\": {\"fraction\": 0}}")));
        assertEquals("stop.gram_min_eig_below.fraction: must be in (0, 1], got 1.5 (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"gram_min_eig_below\": {\"fraction\": 1.5}}")));
        assertEquals("stop.gram_min_eig_below.of: 'lambda' is not one of lambda0, initial (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"gram_min_eig_below\": {\"fraction\": 0.5, \"of\": \"lambda\"}}")));
        assertEquals("stop.gram_min_eig_below.at: unknown key 'at'; the keys here are fraction, of (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"gram_min_eig_below\": {\"fraction\": 0.5, \"at\": 1}}")));
        assertEquals("stop.gram_min_eig_below: expected an object {...}, got the number 0.5 (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"gram_min_eig_below\": 0.5}")));
        assertEquals(new Spec.GramBound(1.0, "lambda0"),
                read(json().stop("{\"time\": 1, \"gram_min_eig_below\": {\"fraction\": 1}}")).stop().gramMinEigBelow());
        assertEquals(new Spec.GramBound(0.5, "initial"),
                read(json().stop("{\"time\": 1, \"gram_min_eig_below\": {\"fraction\": 0.5, \"of\": \"initial\"}}")).stop().gramMinEigBelow());
        assertEquals(null, read(json().stop("{\"time\": 1}")).stop().gramMinEigBelow());
    }

    @Test
    void targetErrors() {
        assertEquals("data.target.kind: 'noise' is not one of teacher, function, random (spec.json line 2)",
                error(target("{\"kind\": \"noise\"}")));
        assertEquals("data.target.width: missing; add an integer (spec.json line 2)",
                error(target("{\"kind\": \"teacher\", \"activation\": \"tanh\"}")));
        assertEquals("data.target.activation: no activation plugin is named 'tan' (did you mean 'tanh'?); the activation plugins are "
                + ACTIVATIONS + " (run `gdflow plugins` for details; plugins in jars are loaded with --plugins DIR or GDFLOW_PLUGIN_PATH)"
                + " (spec.json line 2)",
                error(target("{\"kind\": \"teacher\", \"width\": 2, \"activation\": \"tan\"}")));
        assertEquals("data.target.degre: unknown key 'degre'; the keys here are frequency, kind, name (spec.json line 2)",
                error(target("{\"kind\": \"function\", \"name\": \"sin\", \"degre\": 2}")));
        // a key the function does not use is refused, not ignored
        assertEquals("data.target.degree: unknown key 'degree'; the keys here are frequency, kind, name (spec.json line 2)",
                error(target("{\"kind\": \"function\", \"name\": \"sin\", \"degree\": 2}")));
        assertEquals("data.target.frequency: unknown key 'frequency'; the keys here are degree, kind, name (spec.json line 2)",
                error(target("{\"kind\": \"function\", \"name\": \"polynomial\", \"frequency\": 2}")));
        assertEquals("data.target.name: missing; add a string value (spec.json line 2)", error(target("{\"kind\": \"function\"}")));
        assertEquals("data.target.name: 'cos' is not one of sin, polynomial (spec.json line 2)",
                error(target("{\"kind\": \"function\", \"name\": \"cos\"}")));
        assertEquals("data.target.degree: must be a positive integer, got 0 (spec.json line 2)",
                error(target("{\"kind\": \"function\", \"name\": \"polynomial\", \"degree\": 0}")));
        assertEquals("data.target.width: unknown key 'width'; the keys here are distribution, kind (spec.json line 2)",
                error(target("{\"kind\": \"random\", \"width\": 2}")));
        assertEquals("data.target.distribution: 'normal' is not one of uniform, gaussian (spec.json line 2)",
                error(target("{\"kind\": \"random\", \"distribution\": \"normal\"}")));
        assertEquals("data.target.distribution: expected a string, got the number 1 (spec.json line 2)",
                error(target("{\"kind\": \"random\", \"distribution\": 1}")));
        assertEquals("data.target.x: unknown key 'x'; the keys here are activation, kind, width (spec.json line 2)",
                error(target("{\"kind\": \"teacher\", \"width\": 2, \"activation\": \"tanh\", \"x\": 1}")));
    }

    @Test
    void modelErrors() {
        assertEquals("model: missing; add an object here (spec.json line 1)", error(json().model(null)));
        assertEquals("model.depth: unknown key 'depth'; the keys here are activation, init, scaling, train, width (spec.json line 3)",
                error(model("\"depth\": 2")));
        assertEquals("model.width: must be a positive integer, got 0 (spec.json line 3)",
                error(json().model("{\"width\": 0, \"activation\": \"tanh\", \"scaling\": \"ntk\"}")));
        assertEquals("model.activation: missing; add a string value (spec.json line 3)",
                error(json().model("{\"width\": 4, \"scaling\": \"ntk\"}")));
        assertEquals("model.train: 'b' is not a trainable part; use [\"w\"], [\"a\"] or [\"w\", \"a\"] (spec.json line 3)",
                error(model("\"train\": [\"w\", \"b\"]")));
        assertEquals("model.train: nothing to train; use [\"w\"], [\"a\"] or [\"w\", \"a\"] (spec.json line 3)",
                error(model("\"train\": []")));
        assertEquals("model.train[0]: expected a string, got the number 1 (spec.json line 3)", error(model("\"train\": [1]")));
        assertEquals("model.init: expected an object {...}, got the string \"x\" (spec.json line 3)", error(model("\"init\": \"x\"")));
        assertEquals("model.init.b: unknown key 'b'; the keys here are a, symmetric, w (spec.json line 3)",
                error(model("\"init\": {\"b\": 1}")));
        assertEquals("model.init.symmetric: symmetric initialisation pairs neurons, so model.width must be even, got 5 (spec.json line 3)",
                error(json().model("{\"width\": 5, \"activation\": \"tanh\", \"scaling\": \"ntk\", \"init\": {\"symmetric\": true}}")));
        assertEquals("model.init.w.kind: 'rademacher' is not one of gaussian, csv (spec.json line 3)",
                error(model("\"init\": {\"w\": {\"kind\": \"rademacher\"}}")));
        assertEquals("model.init.a.kind: 'uniform' is not one of rademacher, gaussian, constant, csv (spec.json line 3)",
                error(model("\"init\": {\"a\": {\"kind\": \"uniform\"}}")));
        assertEquals("model.init.w.kind: missing; add a string value (spec.json line 3)", error(model("\"init\": {\"w\": {}}")));
        assertEquals("model.init.w.std: must be positive, got -1.0 (spec.json line 3)",
                error(model("\"init\": {\"w\": {\"kind\": \"gaussian\", \"std\": -1}}")));
        assertEquals("model.init.w.std: must be positive, got 0.0 (spec.json line 3)",
                error(model("\"init\": {\"w\": {\"kind\": \"gaussian\", \"std\": 0}}")));
        assertEquals("model.init.a.mean: unknown key 'mean'; the keys here are kind, std (spec.json line 3)",
                error(model("\"init\": {\"a\": {\"kind\": \"gaussian\", \"mean\": 0}}")));
        // each kind takes only its own keys: a std given to rademacher would be ignored
        assertEquals("model.init.a.std: unknown key 'std'; the keys here are kind (spec.json line 3)",
                error(model("\"init\": {\"a\": {\"kind\": \"rademacher\", \"std\": 2}}")));
        assertEquals("model.init.a.std: unknown key 'std'; the keys here are kind, value (spec.json line 3)",
                error(model("\"init\": {\"a\": {\"kind\": \"constant\", \"std\": 2}}")));
        assertEquals("model.init.w.value: unknown key 'value'; the keys here are header, kind, path, sha256 (spec.json line 3)",
                error(model("\"init\": {\"w\": {\"kind\": \"csv\", \"value\": 2}}")));
        assertEquals("model.init.w: expected an object {...}, got the string \"gaussian\" (spec.json line 3)",
                error(model("\"init\": {\"w\": \"gaussian\"}")));
        assertEquals("model.init.w.path: missing; add a string value (spec.json line 3)",
                error(model("\"init\": {\"w\": {\"kind\": \"csv\"}}")));
        assertEquals("model.init.w.path: file not found: /nowhere/w.csv (relative paths are resolved against the spec's folder)"
                + " (spec.json line 3)", error(model("\"init\": {\"w\": {\"kind\": \"csv\", \"path\": \"w.csv\"}}")));
    }

    @Test
    void integratorStopObserveBackendOutputTheoryErrors() {
        assertEquals("integrator: missing; add for example \"integrator\": {\"name\": \"rk4\", \"dt\": 0.05} (spec.json line 1)",
                error(json().integrator(null)));
        assertEquals("integrator: integrator 'euler': dt must be positive and finite, got -0.1; use a step such as 0.01 (spec.json line 4)",
                error(json().integrator("{\"name\": \"euler\", \"dt\": -0.1}")));
        assertEquals("stop: missing; add for example \"stop\": {\"time\": 50.0} (spec.json line 1)", error(json().stop(null)));
        assertEquals("stop: expected an object {...}, got the number 5 (spec.json line 5)", error(json().stop("5")));
        assertEquals("stop: give \"time\" or \"max_steps\" (or both), so the run ends (spec.json line 5)", error(json().stop("{}")));
        assertEquals("stop.steps: unknown key 'steps'; the keys here are diverge_factor, gram_min_eig_below, loss_below, max_steps, max_weight_change_above, time (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"steps\": 1}")));
        assertEquals("stop.time: must be positive, got -1.0 (spec.json line 5)", error(json().stop("{\"time\": -1}")));
        assertEquals("stop.time: must be positive, got 0.0 (spec.json line 5)", error(json().stop("{\"time\": 0}")));
        assertEquals("stop.max_steps: must be a positive integer, got 0 (spec.json line 5)", error(json().stop("{\"max_steps\": 0}")));
        assertEquals("stop.max_steps: must be a positive integer, got -3 (spec.json line 5)", error(json().stop("{\"max_steps\": -3}")));
        assertEquals("stop.loss_below: must be ≥ 0, got -1.0 (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"loss_below\": -1}")));
        assertEquals("stop.diverge_factor: must be positive, got 0.0 (spec.json line 5)",
                error(json().stop("{\"time\": 1, \"diverge_factor\": 0}")));
        assertEquals("observe: expected an object {...}, got the string \"x\" (spec.json line 6)", error(json().extra("\"observe\": \"x\"")));
        assertEquals("observe.every: must be a positive integer, got 0 (spec.json line 6)",
                error(json().extra("\"observe\": {\"every\": 0}")));
        assertEquals("observe.each: unknown key 'each'; the keys here are every, metrics, rate_window (spec.json line 6)",
                error(json().extra("\"observe\": {\"each\": 1}")));
        assertEquals("observe.metrics: unknown metric 'loss2'; the metrics are gram_min_eig, gram_max_eig, max_weight_change,"
                + " rel_weight_change, max_a_change, lin_deviation, pattern_flip_fraction (spec.json line 6)",
                error(json().extra("\"observe\": {\"metrics\": [\"gram_min_eig\", \"loss2\"]}")));
        assertEquals("backend: no backend plugin is named 'cuda'; the backend plugins are " + BACKENDS
                + " (run `gdflow plugins` for details; plugins in jars are loaded with --plugins DIR or GDFLOW_PLUGIN_PATH)"
                + " (spec.json line 6)", error(json().extra("\"backend\": \"cuda\"")));
        assertEquals("output: expected an object {...}, got true (spec.json line 6)", error(json().extra("\"output\": true")));
        assertEquals("output.files: unknown key 'files'; the keys here are data, parameters (spec.json line 6)",
                error(json().extra("\"output\": {\"files\": true}")));
        assertEquals("output.parameters: expected true or false, got the string \"yes\" (spec.json line 6)",
                error(json().extra("\"output\": {\"parameters\": \"yes\"}")));
        assertEquals("theory: expected an object {...}, got the number 1 (spec.json line 6)", error(json().extra("\"theory\": 1")));
        assertEquals("theory.k: unknown key 'k'; the keys here are enabled, quadrature_degree, rule (spec.json line 6)",
                error(json().extra("\"theory\": {\"k\": 1}")));
        assertEquals("theory.rule: 'gauss' is not one of polar, hermite (spec.json line 6)",
                error(json().extra("\"theory\": {\"rule\": \"gauss\"}")));
        assertEquals("theory.quadrature_degree: the polar rule takes at most 128 nodes, got 129 (spec.json line 6)",
                error(json().extra("\"theory\": {\"quadrature_degree\": 129}")));
        assertEquals("theory.quadrature_degree: the hermite rule takes at most 256 nodes, got 257 (spec.json line 6)",
                error(json().extra("\"theory\": {\"rule\": \"hermite\", \"quadrature_degree\": 257}")));
        assertEquals("theory.quadrature_degree: must be a positive integer, got 0 (spec.json line 6)",
                error(json().extra("\"theory\": {\"quadrature_degree\": 0}")));
    }

    @Test
    void aParameterOfAPluginNamedByAStringIsReportedAtItsOwnPath() {
        assertEquals("model.scaling.alpha: missing parameter of scaling 'power' (exponent alpha of s(m) = m^-alpha,"
                + " tau(m) = m^(2 alpha - 1); 0.5 is ntk, 1 is mean-field); add \"alpha\": <value> (spec.json line 3)",
                error(json().model("{\"width\": 4, \"activation\": \"tanh\", \"scaling\": \"power\"}")));
    }

    @Test
    void textThatIsNotASpec() {
        String syntax = assertThrows(GdflowException.class,
                () -> READER.read("{\n\"data\": \n}", "spec.json", null, List.of())).getMessage();
        assertTrue(syntax.startsWith("spec.json line 3 column 1: not valid JSON: "), syntax);
        assertEquals("spec.json: a spec is a JSON object {...}",
                assertThrows(GdflowException.class, () -> READER.read("[1, 2]", "spec.json", null, List.of())).getMessage());
        assertEquals("spec.json: a spec is a JSON object {...}",
                assertThrows(GdflowException.class, () -> READER.read("", "spec.json", null, List.of())).getMessage());
    }

    @Test
    void overridesSetValuesAndNameThemselvesInErrors() {
        Spec spec = read(json(), "model.width=8", "name=other", "model.train=[\"a\"]", "output.parameters=true", "observe.metrics=gram_min_eig");
        assertEquals(8, spec.model().width());
        assertEquals("other", spec.name());
        assertEquals(Set.of("a"), spec.model().train());
        assertTrue(spec.output().parameters());
        assertEquals(List.of("gram_min_eig"), spec.observe().metrics());
        // the source keeps the overrides
        assertEquals(8, spec.source().get("model").get("width").intValue());
        // a plugin named by a string becomes an object to take a parameter
        Spec power = read(json(), "model.scaling=power", "model.scaling.alpha=0.75");
        assertEquals("power", power.model().scaling().name());
        assertEquals(0.75, power.model().scaling().json().get("alpha").doubleValue());
        assertEquals("model.width: must be a positive integer, got 0 (--set model.width=0)", error(json(), "model.width=0"));
        assertEquals("stop.time: must be positive, got -1.0 (--set stop={\"time\": -1})", error(json(), "stop={\"time\": -1}"));
        // a later override wins
        assertEquals(3, read(json(), "model.width=0", "model.width=3").model().width());
    }

    @Test
    void aMisspeltKeyOfASetIsReportedAtTheSetNotAtTheFile() {
        // the --set created "modle": the error is the --set's, not line 1 of the file
        assertEquals("modle: unknown key 'modle'; the keys here are backend, checkpoint, data, integrator, loss, model, name,"
                + " observe, output, seed, stop, theory (--set modle.width=5)", error(json(), "modle.width=5"));
        assertEquals("model.widht: unknown key 'widht'; the keys here are activation, init, scaling, train, width"
                + " (--set model.widht=5)", error(json(), "model.widht=5"));
        // a number replaced by an object is the --set's too
        assertEquals("seed: expected an integer, got an object {\"x\":1} (--set seed.x=1)", error(json().extra("\"seed\": 3"), "seed.x=1"));
        // a parameter set on a plugin named in the file: the missing one is reported at its own path, at the --set
        assertEquals("model.scaling.alpha: missing parameter of scaling 'power' (exponent alpha of s(m) = m^-alpha, tau(m) ="
                + " m^(2 alpha - 1); 0.5 is ntk, 1 is mean-field); add \"alpha\": <value> (--set model.scaling=power)",
                error(json(), "model.scaling=power"));
    }

    @Test
    void checkpointErrors() {
        assertEquals("checkpoint.every_steps: must be a positive integer, got 0 (spec.json line 6)",
                error(json().extra("\"checkpoint\": {\"every_steps\": 0}")));
        assertEquals("checkpoint.every_steps: must be a positive integer, got -3 (spec.json line 6)",
                error(json().extra("\"checkpoint\": {\"every_steps\": -3}")));
        assertEquals("checkpoint.every_seconds: must be positive, got 0.0 (spec.json line 6)",
                error(json().extra("\"checkpoint\": {\"every_seconds\": 0}")));
        assertEquals(new Spec.CheckpointSpec(1, 0), read(json().extra("\"checkpoint\": {\"every_steps\": 1}")).checkpoint());
    }

    @Test
    void malformedOverrides() {
        assertEquals("--set model.width: expected key.path=value, for example --set model.width=1024", error(json(), "model.width"));
        assertEquals("--set =5: expected key.path=value, for example --set model.width=1024", error(json(), "=5"));
        assertEquals("--set model.train.x: 'train' is a list; set the whole list, for example --set model.train='[\"w\"]'",
                error(json().model("{\"width\": 4, \"activation\": \"tanh\", \"scaling\": \"ntk\", \"train\": [\"w\"]}"), "model.train.x=1"));
    }

    @Test
    void withChangesOnePathAndKeepsTheRest() {
        Spec spec = read(json().extra("\"seed\": 3"));
        Spec wide = READER.with(spec, "model.width", "64");
        assertEquals(64, wide.model().width());
        assertEquals(3L, wide.seed());
        assertEquals(spec.data(), wide.data());
        assertEquals(spec.baseDir(), wide.baseDir());
        assertEquals(4, spec.model().width(), "the original is unchanged");
        assertEquals("model.width: must be a positive integer, got 0 (set model.width=0)",
                assertThrows(GdflowException.class, () -> READER.with(spec, "model.width", "0")).getMessage());
        assertEquals("mean-field", READER.with(spec, "model.scaling", "mean-field").model().scaling().name());
    }

    @Test
    void theSourceIsACopy() {
        Spec spec = read(json());
        spec.source().put("name", "changed");
        assertEquals("run", spec.source().get("name").textValue());
    }

    @Test
    void aSpecFileResolvesItsPathsAgainstItsFolder(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("x.csv"), "1\n2\n");
        Files.writeString(sub.resolve("y.csv"), "1\n2\n");
        Files.writeString(dir.resolve("w.csv"), "1\n2\n");
        Path file = sub.resolve("spec.json");
        Files.writeString(file, json().data("{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"./y.csv\", \"weights\": \"../w.csv\"}").text());
        Spec spec = READER.read(file, List.of());
        assertEquals(new CsvData(sub.resolve("x.csv"), sub.resolve("y.csv"), Optional.of(dir.resolve("w.csv"))), spec.data());
        assertEquals(sub, spec.baseDir());
        // an absolute path is taken as is
        Files.writeString(file, json().data("{\"kind\": \"csv\", \"x\": \"" + dir.resolve("w.csv") + "\", \"y\": \"y.csv\"}").text());
        assertEquals(new CsvData(dir.resolve("w.csv"), sub.resolve("y.csv"), Optional.empty()), READER.read(file, List.of()).data());
        // overrides apply to a file too
        assertEquals("other", READER.read(file, List.of("name=other")).name());
    }

    @Test
    void csvDataErrors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.csv"), "1\n");
        Path file = dir.resolve("spec.json");
        Files.writeString(file, json().data("{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"nope.csv\"}").text());
        assertEquals("data.y: file not found: " + dir.resolve("nope.csv") + " (relative paths are resolved against the spec's folder) ("
                + file + " line 2)", assertThrows(GdflowException.class, () -> READER.read(file, List.of())).getMessage());
        Files.writeString(file, json().data("{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"x.csv\", \"nn\": 3}").text());
        assertEquals("data.nn: unknown key 'nn'; the keys here are d, header, kind, n, sha256, test, weights, x, y (" + file + " line 2)",
                assertThrows(GdflowException.class, () -> READER.read(file, List.of())).getMessage());
        // a pin is 64 lower-case hexadecimal digits, and only of the files the data has
        Files.writeString(file, json().data("{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"x.csv\", \"sha256\": {\"x\": \"ABC\"}}").text());
        assertEquals("data.sha256.x: expected a SHA-256 as 64 lower-case hexadecimal digits, got 'ABC' (" + file + " line 2)",
                assertThrows(GdflowException.class, () -> READER.read(file, List.of())).getMessage());
        Files.writeString(file, json().data("{\"kind\": \"csv\", \"x\": \"x.csv\", \"y\": \"x.csv\", \"sha256\": {\"weights\": \"a\"}}").text());
        assertEquals("data.sha256.weights: unknown key 'weights'; the keys here are x, y (" + file + " line 2)",
                assertThrows(GdflowException.class, () -> READER.read(file, List.of())).getMessage());
        // a folder is not a file
        Files.writeString(file, json().data("{\"kind\": \"csv\", \"x\": \".\", \"y\": \"x.csv\"}").text());
        assertEquals("data.x: file not found: " + dir.resolve(".") + " (relative paths are resolved against the spec's folder) ("
                + file + " line 2)", assertThrows(GdflowException.class, () -> READER.read(file, List.of())).getMessage());
    }

    @Test
    void unreadableSpecFiles(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        assertEquals("spec file not found: " + missing + "; check the path (relative paths are against the current folder)",
                assertThrows(GdflowException.class, () -> READER.read(missing, List.of())).getMessage());
        String folder = assertThrows(GdflowException.class, () -> READER.read(dir, List.of())).getMessage();
        assertTrue(folder.startsWith("cannot read spec file " + dir + ": "), folder);
    }
}
