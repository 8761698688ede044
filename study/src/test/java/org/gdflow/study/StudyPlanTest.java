package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep expansion, ids and plan-time errors, against products, ids and messages worked out by hand. */
class StudyPlanTest {
    static final Gdflow GDFLOW = Gdflow.discover();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    static List<PlannedRun> plan(String sweep) {
        return Study.parse(GDFLOW, StudySpecs.withSweep(sweep), Path.of(".")).plan();
    }

    static List<String> ids(List<PlannedRun> runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static JsonNode spec(PlannedRun run) throws Exception {
        return MAPPER.readTree(run.specJson());
    }

    private static String message(String sweep) {
        return assertThrows(GdflowException.class, () -> plan(sweep)).getMessage();
    }

    // compares against: the folder given to discovery; the built-in plugins carry no path
    @Test
    void everyRunCarriesThePluginPathOfItsStudy() throws Exception {
        Path plugins = java.nio.file.Files.createDirectories(dir.resolve("plugins"));
        Gdflow withPath = Gdflow.discover(List.of(dir.resolve("plugins/../plugins")));
        List<PlannedRun> runs = Study.parse(withPath, StudySpecs.withSweep("{\"seed\": [1, 2]}"), Path.of(".")).plan();
        for (PlannedRun run : runs) {
            assertEquals(List.of(plugins.toAbsolutePath().toString()), run.pluginPath());
            assertEquals(List.of(plugins.toAbsolutePath()), run.pluginPathList());
        }
        assertEquals(List.of(), plan("{\"seed\": [1]}").get(0).pluginPath());
    }

    // compares against: the product written out by hand, first key slowest, the zip group one axis
    @Test
    void productAndZipInTheOrderWritten() throws Exception {
        List<PlannedRun> runs = plan("""
                {"model.scaling": ["ntk", "mean-field"], "zip": {"data.n": [4, 7], "model.width": [6, 10]}, "seed": [1, 2]}""");
        assertEquals(List.of(
                "scaling=ntk_n=4_width=6_seed=1", "scaling=ntk_n=4_width=6_seed=2",
                "scaling=ntk_n=7_width=10_seed=1", "scaling=ntk_n=7_width=10_seed=2",
                "scaling=mean-field_n=4_width=6_seed=1", "scaling=mean-field_n=4_width=6_seed=2",
                "scaling=mean-field_n=7_width=10_seed=1", "scaling=mean-field_n=7_width=10_seed=2"), ids(runs));
        PlannedRun sixth = runs.get(5);
        assertEquals(List.of(new SweptValue("model.scaling", "\"mean-field\""), new SweptValue("data.n", "4"),
                new SweptValue("model.width", "6"), new SweptValue("seed", "2")), sixth.values());
        JsonNode spec = spec(sixth);
        assertEquals("mean-field", spec.at("/model/scaling/name").textValue());
        assertEquals(4, spec.at("/data/n").intValue());
        assertEquals(6, spec.at("/model/width").intValue());
        assertEquals(2, spec.at("/seed").intValue());
        // what is not swept keeps the spec's value; the sweep block is gone
        assertEquals(3, spec.at("/data/d").intValue());
        assertEquals(false, spec.has("sweep"));
        assertEquals(".", sixth.specDir());
    }

    // compares against: ids worked out by hand for objects, doubles, shared last segments, hashes
    @Test
    void idsNameObjectsDoublesAndSharedSegments() {
        assertEquals(List.of("integrator=rk4_dt=0.05", "integrator=rk4_dt=0.001", "integrator=euler_dt=0.05",
                        "integrator=euler_dt=0.001"),
                ids(plan("{\"integrator\": [{\"name\": \"rk4\"}, {\"name\": \"euler\"}], \"integrator.dt\": [0.05, 1e-3]}")));
        assertEquals(List.of("model.activation=tanh_data.target.activation=relu_width=8"),
                ids(plan("{\"model.activation\": [\"tanh\"], \"data.target.activation\": [\"relu\"], \"model.width\": [8]}")));
        // first 8 hex digits of the sha-256 of {"w":{"kind":"gaussian","std":0.5}} and of ["w"] (python hashlib)
        assertEquals(List.of("init=800c7f14_train=7d62924e"),
                ids(plan("{\"zip\": {\"model.init\": [{\"w\": {\"kind\": \"gaussian\", \"std\": 0.5}}], \"model.train\": [[\"w\"]]}}")));
        assertEquals(List.of("loss=sum", "loss=mean"), ids(plan("{\"loss\": [\"sum\", \"mean\"]}")));
    }

    @Test
    void valuesAreSanitisedAndWithoutSweepTheStudyIsOneRun() {
        assertEquals("a-b-c_d.e-1", VariantIds.sanitise("a b/c_d.e-1"));
        assertEquals("true", VariantIds.value(MAPPER.getNodeFactory().booleanNode(true)));
        assertEquals(List.of("tiny"), ids(plan("")));
        assertEquals(List.of(), plan("").get(0).values());
        assertEquals(List.of("run"), ids(Study.parse(GDFLOW, StudySpecs.withSweep("").replace("\"name\": \"tiny\",", ""),
                Path.of(".")).plan()));
    }

    // compares against: a second plan of the same file, and a plan whose sweep keys are written in another order
    @Test
    void idsAreStableAndDependOnlyOnTheSpec() throws Exception {
        Path file = dir.resolve("study.json");
        Files.writeString(file, StudySpecs.withSweep("{\"model.width\": [6, 8], \"seed\": [3]}"));
        List<PlannedRun> first = Study.read(GDFLOW, file).plan();
        assertEquals(first, Study.read(GDFLOW, file).plan());
        assertEquals(List.of("width=6_seed=3", "width=8_seed=3"), ids(first));
        assertEquals(dir.toAbsolutePath().toString(), first.get(0).specDir());
        assertEquals(List.of("seed=3_width=6", "seed=3_width=8"),
                ids(plan("{\"seed\": [3], \"model.width\": [6, 8]}")));
    }

    // compares against: the exact messages, with the JSON path and the line (the sweep is on line 2)
    @Test
    void sweepErrorsNameThePathAndLine() {
        assertEquals("sweep.model.width: expected a non-empty list (spec line 2)", message("{\"model.width\": []}"));
        assertEquals("sweep.model.width: expected a non-empty list (spec line 2)", message("{\"model.width\": 8}"));
        assertEquals("sweep.zip: lists of unequal length: data.n has 2 values, model.width has 3 (spec line 2)",
                message("{\"zip\": {\"data.n\": [4, 5], \"model.width\": [6, 8, 10]}}"));
        assertEquals("sweep.zip.model.width: model.width is swept twice (spec line 2)",
                message("{\"model.width\": [6], \"zip\": {\"model.width\": [8]}}"));
        assertEquals("sweep: expected an object of \"path\": [values], for example {\"model.width\": [256, 1024]} (spec line 2)",
                message("{}"));
        assertEquals("sweep: expected an object of \"path\": [values], for example {\"model.width\": [256, 1024]} (spec line 2)",
                message("[1]"));
        assertEquals("sweep.zip: expected an object of \"path\": [values] varied together (spec line 2)",
                message("{\"zip\": {}}"));
        assertEquals("sweep.zip: expected an object of \"path\": [values] varied together (spec line 2)",
                message("{\"zip\": [1]}"));
        assertEquals("sweep.model..width: 'model..width' is not a spec path; write keys joined by dots, for example model.width (spec line 2)",
                message("{\"model..width\": [1]}"));
        assertEquals("variant width=0: model.width: must be a positive integer, got 0 (sweep model.width=0)",
                message("{\"model.width\": [8, 0]}"));
        assertEquals("variant size=3: model.size: unknown key 'size'; the keys here are activation, init, scaling, train, width (sweep model.size=3)",
                message("{\"model.size\": [3]}"));
        assertEquals("variant x=w: sweep.model.train.x: 'train' is not an object; sweep model.train as a whole",
                message("{\"model.train.x\": [\"w\"]}"));
        assertEquals("sweep: variants 1 and 2 both have the id 'integrator=rk4'; give swept objects distinct \"name\" fields,"
                        + " or sweep the parameter that differs by its own path (e.g. integrator.dt)",
                message("{\"integrator\": [{\"name\": \"rk4\", \"dt\": 0.1}, {\"name\": \"rk4\", \"dt\": 0.05}]}"));
    }

    @Test
    void fileErrors() {
        assertEquals("spec line 1: not valid JSON: Duplicate field 'seed'",
                assertThrows(GdflowException.class, () -> Study.parse(GDFLOW, "{\"seed\": 1, \"seed\": 2}", dir)).getMessage());
        assertEquals("spec: a spec is a JSON object {...}",
                assertThrows(GdflowException.class, () -> Study.parse(GDFLOW, "[1]", dir)).getMessage());
        Path missing = dir.resolve("missing.json");
        assertEquals("cannot read study spec " + missing + ": " + missing,
                assertThrows(GdflowException.class, () -> Study.read(GDFLOW, missing)).getMessage());
    }
}
