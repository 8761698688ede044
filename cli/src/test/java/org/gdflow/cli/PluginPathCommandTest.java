package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.example.gdflow.fixture.CubeActivation;
import org.example.gdflow.fixture.CubeRegistration;
import org.example.gdflow.fixture.ThrowingRegistration;
import org.gdflow.api.ApiVersion;
import org.gdflow.cli.CliTest.Outcome;
import org.gdflow.core.plugin.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command sees the plugin path ({@code --plugins DIR}, {@code GDFLOW_PLUGIN_PATH}): against
 * jars the tests write from core's fixture classes; each error's message and exit status.
 */
class PluginPathCommandTest {
    private static final String CUBE_LINE = "  cube         σ(z) = z³ from a jar  [cube.jar 1.0]";

    @TempDir
    Path dir;

    private static Outcome cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment).execute(args);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path cubeJar(Path folder) throws IOException {
        return PluginJars.jar().with(CubeActivation.class).registering(CubeRegistration.class).write(folder.resolve("cube.jar"));
    }

    @Test
    void pluginsListsAJarsPluginsWithTheirSourceOnlyWhenItsFolderIsGiven() throws IOException {
        cubeJar(dir.resolve("plugins"));
        for (List<String> args : List.of(List.of("plugins", "--plugins", dir.resolve("plugins").toString()),
                List.of("--plugins", dir.resolve("plugins").toString(), "plugins"))) {
            Outcome o = cli(Map.of(), args.toArray(String[]::new));
            assertEquals(0, o.status(), o.err());
            assertEquals("", o.err());
            List<String> lines = o.out().lines().toList();
            assertEquals("plugin path: " + dir.resolve("plugins").toAbsolutePath(), lines.get(0));
            assertTrue(lines.contains(CUBE_LINE), o.out());
        }
        Outcome without = cli(Map.of(), "plugins");
        assertFalse(without.out().contains("cube"), without.out());
        assertTrue(without.out().startsWith("activations:"), without.out());
    }

    @Test
    void theEnvironmentVariableAddsFoldersBeforeTheOption() throws IOException {
        cubeJar(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(dir.resolve("c"));
        Outcome o = cli(Map.of("GDFLOW_PLUGIN_PATH", dir.resolve("a") + ":" + dir.resolve("b")), "plugins",
                "--plugins", dir.resolve("c").toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains(CUBE_LINE), o.out());
        assertEquals("plugin path: " + dir.resolve("a").toAbsolutePath() + ", " + dir.resolve("b").toAbsolutePath() + ", "
                + dir.resolve("c").toAbsolutePath(), o.out().lines().findFirst().orElseThrow());
        Outcome missing = cli(Map.of("GDFLOW_PLUGIN_PATH", dir.resolve("gone").toString()), "plugins");
        assertEquals(2, missing.status());
        assertEquals("gdflow: error: the plugin folder " + dir.resolve("gone").toAbsolutePath()
                + " does not exist (--plugins or GDFLOW_PLUGIN_PATH)\n", missing.err());
        assertEquals("", missing.out());
    }

    @Test
    void aSpecNamingAJarsActivationRunsWithItsFolder() throws IOException {
        cubeJar(dir.resolve("plugins"));
        Path spec = Files.writeString(dir.resolve("cube.json"), CliTest.QUICK.replace("\"activation\": \"tanh\", \"scaling\"",
                "\"activation\": \"cube\", \"scaling\"").replace("\"time\": 2.0", "\"time\": 0.1"));
        Outcome o = cli(Map.of(), "run", spec.toString(), "--out", dir.resolve("out").toString(), "--plugins",
                dir.resolve("plugins").toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("gdflow run tanh-ntk: n=16 (sphere, d=4) m=32, cube, ntk, rk4"), o.out());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
        assertEquals("cube", summary.at("/spec/model/activation/name").asText());
        Outcome refused = cli(Map.of(), "run", spec.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().startsWith("gdflow: error: model.activation: no activation plugin is named 'cube';"), refused.err());
    }

    @Test
    void aRegistrationThatThrowsIsAWarningAndTheOthersAreListed() throws IOException {
        Path throwing = PluginJars.jar().with(CubeActivation.class).registering(ThrowingRegistration.class)
                .write(dir.resolve("a-throwing.jar"));
        cubeJar(dir);
        Outcome o = cli(Map.of(), "plugins", "--plugins", dir.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains(CUBE_LINE), o.out());
        assertEquals("gdflow: warning: plugin jar " + throwing.toRealPath() + ": " + ThrowingRegistration.class.getName()
                + " threw while registering its plugins (IllegalStateException: no licence file found); its plugins are left out,"
                + " the others are loaded\n", o.err());
    }

    @Test
    void aBrokenOrIncompatibleJarStopsEveryCommandWithExitTwo() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.jar"), "PK but not really");
        String expected = "gdflow: error: plugin jar " + broken.toRealPath() + " is not a jar (zip) file (zip END header not found):"
                + " remove it from the plugin folder\n";
        Path spec = Files.writeString(dir.resolve("quick.json"), CliTest.QUICK);
        for (List<String> args : List.of(List.of("plugins"), List.of("bench", "--backend", "ejml"), List.of("run", spec.toString()))) {
            Outcome environment = cli(Map.of("GDFLOW_PLUGIN_PATH", dir.toString()), args.toArray(String[]::new));
            List<String> withOption = new java.util.ArrayList<>(args);
            withOption.addAll(List.of("--plugins", dir.toString()));
            Outcome option = cli(Map.of(), withOption.toArray(String[]::new));
            for (Outcome o : List.of(environment, option)) {
                assertEquals(2, o.status(), args.toString());
                assertEquals(expected, o.err(), args.toString());
                assertEquals("", o.out(), args.toString());
            }
        }
        Files.delete(broken);
        Path old = PluginJars.jar().attribute(ApiVersion.MANIFEST_ATTRIBUTE, "7.0").with(CubeActivation.class)
                .registering(CubeRegistration.class).write(dir.resolve("old.jar"));
        Outcome o = cli(Map.of(), "plugins", "--plugins", dir.toString());
        assertEquals(2, o.status());
        String api = ApiVersion.current().text();
        assertEquals("gdflow: error: plugin jar " + old.toRealPath() + " was built against gdflow api 7.0, and this gdflow has api "
                + api + ": rebuild the plugin against gdflow-api " + api + "\n", o.err());
    }

    @Test
    void pluginsJsonGivesKindsSourcesParametersAndWarnings() throws IOException {
        cubeJar(dir);
        PluginJars.jar().with(CubeActivation.class).write(dir.resolve("empty.jar"));
        Outcome o = cli(Map.of(), "plugins", "--json", "--plugins", dir.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertEquals(ApiVersion.current().text(), root.get("api_version").asText());
        assertEquals(dir.toAbsolutePath().toString(), root.get("plugin_path").get(0).asText());
        JsonNode cube = find(root, "activation", "cube");
        assertEquals("σ(z) = z³ from a jar", cube.get("description").asText());
        assertEquals("cube.jar", cube.at("/source/name").asText());
        assertEquals("1.0", cube.at("/source/version").asText());
        assertEquals(dir.resolve("cube.jar").toRealPath().toString(), cube.at("/source/location").asText());
        assertFalse(cube.at("/source/built_in").asBoolean());
        JsonNode gd = find(root, "integrator", "gd");
        assertTrue(gd.at("/source/built_in").asBoolean());
        assertEquals("built in", gd.at("/source/name").asText());
        assertTrue(gd.at("/source/location").isNull());
        JsonNode lr = gd.get("parameters").get(0);
        assertEquals("lr", lr.get("name").asText());
        assertEquals("double", lr.get("type").asText());
        assertTrue(lr.get("required").asBoolean());
        assertTrue(lr.get("default").isNull());
        JsonNode momentum = gd.get("parameters").get(1);
        assertFalse(momentum.get("required").asBoolean());
        assertTrue(momentum.get("default").isNumber(), "the default as the JSON value it is");
        assertEquals(0, momentum.get("default").asInt());
        JsonNode local = find(root, "executor", "local");
        assertEquals("jobs", local.get("parameters").get(0).get("name").asText());
        assertEquals(List.of("plugin jar " + dir.resolve("empty.jar").toRealPath() + " registers no plugin (no"
                + " META-INF/services/org.gdflow.api.PluginRegistration in it); it is left out"),
                new ObjectMapper().convertValue(root.get("warnings"), List.class));
        assertEquals("gdflow: warning: " + root.get("warnings").get(0).asText() + "\n", o.err());
    }

    private static JsonNode find(JsonNode root, String kind, String name) {
        for (JsonNode plugin : root.get("plugins")) {
            if (plugin.get("kind").asText().equals(kind) && plugin.get("name").asText().equals(name)) {
                return plugin;
            }
        }
        throw new AssertionError("no " + kind + " " + name + " in " + root);
    }
}
