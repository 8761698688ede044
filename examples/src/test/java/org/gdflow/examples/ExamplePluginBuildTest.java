package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.gdflow.activations.Erf;
import org.gdflow.api.Activation;
import org.gdflow.api.ApiVersion;
import org.gdflow.api.PluginKind;
import org.gdflow.cli.Main;
import org.gdflow.core.Gdflow;
import org.gdflow.core.plugin.PluginSource;
import org.gdflow.core.run.RunResult;
import org.gdflow.study.PlannedRun;
import org.gdflow.study.RunFiles;
import org.gdflow.study.RunOutcome;
import org.gdflow.study.RunWork;
import org.gdflow.study.Study;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/plugin-example as a third party builds and uses it: Maven builds a copy of the project
 * against this build's gdflow-api (offline, {@link PrivateMaven}), and gdflow loads its jar from the
 * build's {@code target} folder; without that folder, gelu is not there.
 */
class ExamplePluginBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAR = "gdflow-plugin-example-0.1.0.jar";
    private static Path project;
    private static Path target;

    @BeforeAll
    static void buildTheExamplePlugin() throws IOException, InterruptedException {
        PrivateMaven maven = PrivateMaven.withGdflowInstalled();
        project = maven.folder("plugin-example");
        PrivateMaven.copyProject(maven.sourceRoot().resolve("examples/plugin-example"), project);
        maven.run(project, "package");
        target = project.resolve("target");
    }

    record Outcome(int status, String out, String err) {
    }

    private static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // compares against: the pom's version and this build's api version; the jar must not carry gdflow's classes
    @Test
    void theJarRecordsItsVersionAndTheApiItWasBuiltAgainst() throws IOException {
        try (JarFile jar = new JarFile(target.resolve(JAR).toFile())) {
            Manifest manifest = jar.getManifest();
            assertEquals("0.1.0", manifest.getMainAttributes().getValue("Implementation-Version"));
            assertEquals(PrivateMaven.VERSION, manifest.getMainAttributes().getValue(ApiVersion.MANIFEST_ATTRIBUTE));
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/gdflow/")), "the api is provided, not bundled");
            assertEquals("org.example.gdflow.ExamplePlugins", new String(jar.getInputStream(
                    jar.getEntry("META-INF/services/org.gdflow.api.PluginRegistration")).readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        // the example's own tests ran in its build
        assertTrue(Files.readString(target.resolve("surefire-reports/org.example.gdflow.GeluActivationTest.txt"))
                .contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"));
        assertTrue(Files.readString(target.resolve("surefire-reports/org.example.gdflow.Dopri5IntegratorTest.txt"))
                .contains("Tests run: 8, Failures: 0, Errors: 0, Skipped: 0"));
    }

    // compares against: rk4 (built in, a different method) at a step 1/20 of the problem's time scale
    @Test
    void dopri5MatchesRk4AtASmallStepWithFewerFieldEvaluations() {
        Gdflow gdflow = Gdflow.discover(List.of(target));
        String spec = """
                { "name": "gelu-dopri5", "seed": 5,
                  "data": {"kind": "sphere", "n": 10, "d": 4, "target": {"kind": "teacher", "width": 3, "activation": "tanh"}},
                  "model": {"width": 64, "activation": "gelu", "scaling": "ntk", "train": ["w", "a"]},
                  "loss": "sum",
                  "integrator": %s,
                  "stop": {"time": 5.0},
                  "observe": {"every": 1000} }
                """;
        RunResult rk4 = gdflow.run(gdflow.spec(spec.formatted("{\"name\": \"rk4\", \"dt\": 0.005}"), project));
        RunResult dopri5 = gdflow.run(gdflow.spec(spec.formatted(
                "{\"name\": \"dopri5\", \"rtol\": 1e-10, \"atol\": 1e-12}"), project));
        assertEquals(5.0, dopri5.time(), 1e-12, "dopri5 ends on the time limit");
        assertEquals("time_limit", dopri5.status().label());
        assertEquals(rk4.finalLoss(), dopri5.finalLoss(), 1e-7 * rk4.finalLoss());
        double[] a = rk4.finalParameters();
        double[] b = dopri5.finalParameters();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += a[i] * a[i];
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-7, "relative difference of θ(T): " + Math.sqrt(diff / norm));
        Map<?, ?> rk4Counts = (Map<?, ?>) rk4.diagnostics().get("integrator_counts");
        Map<?, ?> dopri5Counts = (Map<?, ?>) dopri5.diagnostics().get("integrator_counts");
        assertEquals(1L + 4 * 1000, rk4Counts.get("field_evaluations"));
        long accepted = (Long) dopri5Counts.get("accepted_steps");
        long rejected = (Long) dopri5Counts.get("rejected_steps");
        // six per trial step, one more per accepted step, plus the two at t = 0 (the loop's and the starting-step rule's)
        assertEquals(2 + 6 * (accepted + rejected) + accepted, dopri5Counts.get("field_evaluations"));
        assertTrue((Long) dopri5Counts.get("field_evaluations") < 4001, dopri5Counts.toString());
        System.out.println("gelu, T = 5: rk4 dt = 0.005 " + rk4Counts + ", dopri5 rtol 1e-10 " + dopri5Counts
                + ", relative difference of θ(T) " + Math.sqrt(diff / norm));
    }

    // compares against: the listing without the plugin folder, where gelu must be absent
    @Test
    void pluginsListsGeluWithItsSourceOnlyWithThePluginFolder() {
        Outcome with = cli("plugins", "--plugins", target.toString());
        assertEquals(0, with.status(), with.err());
        assertEquals("", with.err());
        assertTrue(with.out().lines().anyMatch(l -> l.equals("  gelu         Gaussian error linear unit σ(z) = z Φ(z),"
                + " σ' = Φ(z) + z φ(z)  [" + JAR + " 0.1.0]")), with.out());
        assertTrue(with.out().startsWith("plugin path: " + target.toAbsolutePath() + "\n"), with.out());
        Outcome without = cli("plugins");
        assertEquals(0, without.status(), without.err());
        assertFalse(without.out().contains("gelu"), without.out());
        assertTrue(without.out().contains("  tanh "), without.out());
    }

    // compares against: the jar's own file name, versions and path
    @Test
    void pluginsJsonGivesTheSourceForScripts() throws IOException {
        Outcome o = cli("plugins", "--json", "--plugins", target.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode root = JSON.readTree(o.out());
        JsonNode gelu = null;
        for (JsonNode plugin : root.get("plugins")) {
            if (plugin.get("name").asText().equals("gelu")) {
                gelu = plugin;
            }
        }
        assertEquals("activation", gelu.get("kind").asText());
        assertEquals(JAR, gelu.at("/source/name").asText());
        assertEquals("0.1.0", gelu.at("/source/version").asText());
        assertEquals(PrivateMaven.VERSION, gelu.at("/source/api_version").asText());
        assertEquals(target.resolve(JAR).toRealPath().toString(), gelu.at("/source/location").asText());
        assertFalse(gelu.at("/source/built_in").asBoolean());
        assertEquals(0, gelu.get("parameters").size());
    }

    // compares against: finite differences of the loaded plugin itself, and the built-in erf: Φ(z) = ½(1 + erf(z/√2))
    @Test
    void theLoadedGeluHasExactDerivativesAndMatchesErf() {
        Gdflow gdflow = Gdflow.discover(List.of(target));
        Activation gelu = gdflow.catalog().create(gdflow.catalog().named(PluginKind.ACTIVATION, "gelu"), Activation.class);
        assertNotSame(ExamplePluginBuildTest.class.getClassLoader(), gelu.getClass().getClassLoader(), "loaded from its own jar");
        assertEquals(new PluginSource(JAR, "0.1.0", PrivateMaven.VERSION, target.resolve(JAR).toAbsolutePath()),
                new PluginSource(JAR, "0.1.0", PrivateMaven.VERSION, gdflow.catalog().source(PluginKind.ACTIVATION, "gelu").location()));
        Erf erf = new Erf();
        double h = 1e-5;
        for (double z = -6; z <= 6; z += 0.0917) {
            // central differences: truncation h² σ'''/6 ≈ 1e-10, rounding ≈ 1e-11
            assertEquals((gelu.value(z + h) - gelu.value(z - h)) / (2 * h), gelu.derivative(z), 1e-8, "σ'(" + z + ")");
            assertEquals((gelu.derivative(z + h) - gelu.derivative(z - h)) / (2 * h), gelu.secondDerivative(z), 1e-8, "σ''(" + z + ")");
            if (z > -2) {
                // σ(z) = z ½(1 + erf(z/√2)); below −2 the 1 + erf cancels and erf is the less accurate of the two
                double expected = z * 0.5 * (1 + erf.value(z / Math.sqrt(2)));
                assertEquals(expected, gelu.value(z), 1e-14 * Math.abs(expected) + 1e-300, "σ(" + z + ")");
            }
        }
    }

    // compares against: the run's own loss at t = 0; gelu's run must converge as the tanh quickstart does
    @Test
    void aSpecNamingGeluRunsWithThePluginFolderAndIsRefusedWithout() throws IOException {
        Path spec = project.resolve("gelu.json");
        Path out = project.resolve("results/gelu");
        // narrower than the example (512), for the test's time
        Outcome o = cli("run", spec.toString(), "--out", out.toString(), "--set", "model.width=128", "--plugins", target.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("gelu", summary.at("/spec/model/activation/name").asText());
        assertEquals("converged", summary.get("status").asText());
        assertTrue(summary.get("final_loss").asDouble() < 1e-12, summary.toString());
        Outcome refused = cli("run", spec.toString(), "--out", project.resolve("results/none").toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().startsWith("gdflow: error: model.activation: no activation plugin is named 'gelu'"
                + " (did you mean 'relu'?); the activation plugins are erf, relu, sigmoid, softplus, tanh"), refused.err());
    }

    // compares against: the same variant run in this JVM; a study's runs, local or detached, see the plugin path
    @Test
    void aStudySweepingGeluRunsLocallyAndDetached() throws IOException {
        Path spec = Files.writeString(project.resolve("study.json"), """
                { "name": "acts", "seed": 3,
                  "data": {"kind": "sphere", "n": 8, "d": 4, "target": {"kind": "random"}},
                  "model": {"width": 32, "activation": "gelu", "scaling": "ntk"},
                  "integrator": {"name": "rk4", "dt": 0.1},
                  "stop": {"time": 2.0},
                  "sweep": {"model.activation": ["gelu", "tanh"]} }
                """);
        Path out = project.resolve("results/acts");
        Outcome o = cli("run", spec.toString(), "--out", out.toString(), "--jobs", "2", "--plugins", target.toString());
        assertEquals(0, o.status(), o.err());
        List<String> index = Files.readAllLines(out.resolve("index.csv"));
        assertEquals(3, index.size(), index.toString());
        Gdflow gdflow = Gdflow.discover(List.of(target));
        Study study = Study.read(gdflow, spec);
        PlannedRun gelu = study.plan().get(0);
        assertEquals(List.of(target.toAbsolutePath().normalize().toString()), gelu.pluginPath());
        RunFiles detached = RunWork.detached(Gdflow.discover(gelu.pluginPathList()), gelu);
        assertEquals("time_limit", detached.outcome().status());
        // the detached run's summary is the local run's, but for its wall time and start
        JsonNode local = JSON.readTree(out.resolve(gelu.id()).resolve("summary.json").toFile());
        JsonNode remote = JSON.readTree(detached.files().get("summary.json"));
        assertEquals(local.get("final_loss"), remote.get("final_loss"));
        assertEquals(RunOutcome.FAILED, RunWork.run(Gdflow.discover(), gelu, project.resolve("results/no-plugins")).status());
    }
}
