package org.gdflow.executors.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.gdflow.api.Activation;
import org.gdflow.api.ApiVersion;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.plugin.PluginSource;
import org.gdflow.study.ExecutorCatalog;
import org.gdflow.study.IndexRow;
import org.gdflow.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin (the {@code gelu} activation of {@code examples/plugin-example}, compiled here
 * into a jar) in a temporary plugin folder of the driver: on {@code local[2]} the tasks load it from
 * Spark's copy of the jar (in {@code SparkFiles.getRootDirectory()}), not from the driver's folder, with core's
 * discovery, and the runs' numbers are the local executor's.
 */
class ShippedPluginsTest {
    /** The example plugin's sources, from the module's folder (where Maven runs the tests). */
    private static final Path EXAMPLE = Path.of("../../examples/plugin-example/src/main").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** Compiles the example plugin into {@code folder/gelu.jar}, with the manifest its pom gives it. */
    static Path geluJar(Path work, Path folder) throws Exception {
        Path classes = Files.createDirectories(work.resolve("gelu-classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-nowarn"));
        try (Stream<Path> sources = Files.walk(EXAMPLE.resolve("java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "0.1.0");
        manifest.getMainAttributes().put(new Attributes.Name(ApiVersion.MANIFEST_ATTRIBUTE), ApiVersion.current().toString());
        Path jar = Files.createDirectories(folder).resolve("gelu.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Stream.concat(Files.walk(classes), Files.walk(EXAMPLE.resolve("resources")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path base = file.startsWith(classes) ? classes : EXAMPLE.resolve("resources");
                out.putNextEntry(new JarEntry(base.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Two seeds of a gelu network (6 points on S², 8 neurons, 4 gd steps), on the executor given. */
    static String geluSweep(String executor) {
        return StudyFolders.sweep(executor).replace("\"sweep\": {\"seed\": [1, 2], \"integrator.lr\": [0.5, 1e6]}", "\"sweep\": {\"seed\": [1, 2]}")
                .replace("\"model\": {\"width\": 8, \"activation\": \"tanh\"", "\"model\": {\"width\": 8, \"activation\": \"gelu\"");
    }

    @Test
    void tasksLoadThePluginFromSparksCopyOfItsJarAndGiveTheLocalExecutorsNumbers() throws Exception {
        Path driverPlugins = dir.resolve("driver-plugins");
        Path jar = geluJar(dir, driverPlugins);
        Gdflow gdflow = Gdflow.discover(List.of(driverPlugins));
        assertEquals(jar.toRealPath(), gdflow.catalog().source(PluginKind.ACTIVATION, "gelu").location());

        Study local = Study.parse(gdflow, geluSweep(""), dir);
        assertTrue(local.plan().get(0).specJson().contains("\"gelu\""), local.plan().get(0).specJson());
        local.run(dir.resolve("local"), 2, o -> { });
        Set<List<Object>> earlier = Set.copyOf(ShippedPlugins.discovered().keySet());
        Study onSpark = Study.parse(gdflow, geluSweep("{\"name\": \"spark\", \"master\": \"local[2]\"}"), dir);
        List<IndexRow> rows = onSpark.run(dir.resolve("spark"), onSpark.executor(ExecutorCatalog.discover(), "spark", null), o -> { }, false);
        assertEquals(List.of("step_limit", "step_limit"), rows.stream().map(r -> r.cells().get("status")).toList());
        Files.delete(dir.resolve("local/study.json"));
        Files.delete(dir.resolve("spark/study.json"));
        StudyFolders.assertSameFolder(dir.resolve("local"), dir.resolve("spark"));

        // the executor side's gdflow: discovered once (two tasks) for this job's Spark files folder (SparkFiles.getRootDirectory())
        List<Map.Entry<List<Object>, Gdflow>> mine = ShippedPlugins.discovered().entrySet().stream()
                .filter(e -> !earlier.contains(e.getKey())).toList();
        assertEquals(1, mine.size(), ShippedPlugins.discovered().keySet().toString());
        Path sparkFiles = Path.of((String) mine.get(0).getKey().get(0));
        assertTrue(sparkFiles.getFileName().toString().startsWith("userFiles-"), sparkFiles.toString());
        assertEquals(List.of(new ShippedPlugins.Jar("0/gelu.jar", "gelu.jar")), mine.get(0).getKey().get(1));
        Gdflow executorSide = mine.get(0).getValue();
        PluginSource source = executorSide.catalog().source(PluginKind.ACTIVATION, "gelu");
        assertEquals(sparkFiles.resolve("gelu.jar"), source.location());
        assertFalse(source.location().startsWith(driverPlugins), source.location().toString());
        assertEquals("gelu.jar", source.name());
        assertEquals("0.1.0", source.version());
        // the class itself comes from Spark's copy, in a loader of its own (core's isolation)
        Class<?> gelu = executorSide.catalog().create(executorSide.catalog().named(PluginKind.ACTIVATION, "gelu"), Activation.class).getClass();
        Path codeSource = Path.of(gelu.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(sparkFiles.resolve("gelu.jar"), codeSource);
        assertFalse(gelu.getClassLoader() == ShippedPluginsTest.class.getClassLoader());
    }

    @Test
    void onlyBundlesThatRegisterGdflowPluginsAreShippedTwoJarsOfOneNameUnderTwoNames() throws Exception {
        Path first = dir.resolve("first");
        Path jar = geluJar(dir, first);
        // a plugin with a dependency of its own (a sub-folder) whose jar has the same name, and an executor-like folder that registers nothing
        Path second = dir.resolve("second");
        Files.createDirectories(second.resolve("gelu-with-deps"));
        Files.copy(jar, second.resolve("gelu-with-deps/gelu.jar"));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(second.resolve("gelu-with-deps/dep.jar")))) {
            out.putNextEntry(new JarEntry("dep/README"));
            out.write("a dependency".getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(second.resolve("an-executor"));
        Files.copy(second.resolve("gelu-with-deps/dep.jar"), second.resolve("an-executor/spark.jar"));
        List<String> added = new ArrayList<>();
        List<Path> staged = new ArrayList<>();
        ShippedPlugins plugins = ShippedPlugins.register(List.of(first.toString(), second.toString()), real -> {
            staged.add(real);
            return dir.resolve("staged-2-gelu.jar");
        }, added::add);
        assertEquals(List.of(new ShippedPlugins.Jar("0/gelu.jar", "gelu.jar"), new ShippedPlugins.Jar("1/gelu-with-deps/dep.jar", "dep.jar"),
                new ShippedPlugins.Jar("1/gelu-with-deps/gelu.jar", "staged-2-gelu.jar")), plugins.jars());
        assertEquals(List.of(second.resolve("gelu-with-deps/gelu.jar").toRealPath()), staged);
        assertEquals(List.of(jar.toRealPath().toString(), second.resolve("gelu-with-deps/dep.jar").toRealPath().toString(),
                dir.resolve("staged-2-gelu.jar").toString()), added);
    }

    @Test
    void theExecutorSideLoadsTheCopiesOnceForAFilesFolderAndJarSetAndSaysWhichCopyIsMissing() throws Exception {
        // Spark's files folder as an executor sees it, with the copy fetched under its shipped name
        Path sparkFiles = Files.createDirectories(dir.resolve("userFiles-test"));
        Path fetched = geluJar(dir, sparkFiles);
        ShippedPlugins plugins = new ShippedPlugins(List.of(new ShippedPlugins.Jar("0/gelu.jar", "gelu.jar")));
        Gdflow first = plugins.gdflow(sparkFiles, sparkFiles::resolve);
        assertEquals(fetched.toRealPath(), first.catalog().source(PluginKind.ACTIVATION, "gelu").location());
        // a second task of the job: the same gdflow, no second discovery
        assertTrue(first == new ShippedPlugins(List.of(new ShippedPlugins.Jar("0/gelu.jar", "gelu.jar"))).gdflow(sparkFiles, sparkFiles::resolve));
        try (Stream<Path> layouts = Files.list(sparkFiles)) {
            assertEquals(1, layouts.filter(p -> p.getFileName().toString().startsWith("gdflow-plugins-")).count());
        }
        // a jar Spark did not fetch
        ShippedPlugins missing = new ShippedPlugins(List.of(new ShippedPlugins.Jar("0/other.jar", "other.jar")));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> missing.gdflow(sparkFiles, sparkFiles::resolve));
        assertEquals("the plugin jar other.jar shipped with the job is not in Spark's files (" + sparkFiles.resolve("other.jar") + ")", e.getMessage());
        // no jars: the built-in plugins, without Spark
        assertTrue(ShippedPlugins.NONE.gdflow(null, null).catalog().source(PluginKind.ACTIVATION, "tanh").builtIn());
    }
}
