package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.gdflow.core.plugin.PluginDiscovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors in a folder of the plugin path: an executor compiled here into a jar of its own (a class
 * gdflow's class path does not have) is found beside local, in a loader of its own that shares
 * gdflow's classes; the folder is not reported as registering nothing.
 */
class ExecutorPluginPathTest {
    @TempDir
    Path dir;

    @Test
    void anExecutorInAPluginFolderIsFoundBesideLocalAndSeesGdflowsClasses() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("DemoExecutor.java"), """
                package demo;
                public final class DemoExecutor implements org.gdflow.study.ExecutorPlugin<org.gdflow.api.NoParameters> {
                    public String name() { return "demo"; }
                    public String description() { return "a demo"; }
                    public Class<org.gdflow.api.NoParameters> parametersType() { return org.gdflow.api.NoParameters.class; }
                    public org.gdflow.study.StudyExecutor create(org.gdflow.api.NoParameters p, org.gdflow.core.Gdflow g) {
                        return (runs, dir, listener) -> java.util.List.of();
                    }
                    public static Class<?> plannedRun() { return org.gdflow.study.PlannedRun.class; }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("DemoExecutor.java").toString()));
        Path folder = Files.createDirectories(dir.resolve("plugins/demo"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(folder.resolve("demo.jar")))) {
            jar.putNextEntry(new JarEntry("demo/DemoExecutor.class"));
            jar.write(Files.readAllBytes(classes.resolve("demo/DemoExecutor.class")));
            jar.putNextEntry(new JarEntry("META-INF/services/org.gdflow.study.ExecutorPlugin"));
            jar.write("demo.DemoExecutor\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }

        ExecutorCatalog catalog = ExecutorCatalog.discover(List.of(dir.resolve("plugins")));
        assertEquals(List.of("demo", "local"), List.copyOf(catalog.plugins().keySet()));
        ExecutorPlugin<?> demo = catalog.plugins().get("demo");
        assertNotSame(ExecutorCatalog.class.getClassLoader(), demo.getClass().getClassLoader());
        // gdflow's classes are gdflow's: a PlannedRun made here is one the executor can take
        assertSame(PlannedRun.class, demo.getClass().getMethod("plannedRun").invoke(null));
        // core's discovery passes the executor folder over without a warning
        assertEquals(List.of(), PluginDiscovery.discover(List.of(dir.resolve("plugins"))).warnings());
        // the class path alone does not have it
        assertEquals(List.of("local"), List.copyOf(ExecutorCatalog.discover().plugins().keySet()));
    }

}
