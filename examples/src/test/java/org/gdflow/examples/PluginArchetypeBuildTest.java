package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.gdflow.api.ApiVersion;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.run.RunResult;
import org.gdflow.core.run.RunStatus;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archetype as docs/PLUGINS.md uses it: {@code archetype:generate} makes a project from this
 * build's gdflow-plugin-archetype, Maven builds it (its own tests included) against this build's
 * gdflow-api, offline ({@link PrivateMaven}), and gdflow loads the jar and runs its plugins.
 */
class PluginArchetypeBuildTest {
    private static Path project;

    @BeforeAll
    static void generateAndBuildAProject() throws IOException, InterruptedException {
        PrivateMaven maven = PrivateMaven.withGdflowInstalled();
        Path generated = maven.folder("generated");
        maven.run(generated, "org.apache.maven.plugins:maven-archetype-plugin:3.2.1:generate", "-DarchetypeCatalog=local",
                "-DarchetypeGroupId=org.gdflow", "-DarchetypeArtifactId=gdflow-plugin-archetype",
                "-DarchetypeVersion=" + PrivateMaven.VERSION, "-DgroupId=com.acme", "-DartifactId=acme-plugins",
                "-Dversion=1.0", "-Dpackage=com.acme.gdflow", "-DinteractiveMode=false");
        project = generated.resolve("acme-plugins");
        maven.run(project, "verify");
    }

    // compares against: the coordinates given to archetype:generate
    @Test
    void theProjectHasTheTemplatesInItsPackageAndDependsOnTheApiAlone() throws IOException {
        for (String file : List.of("ProjectPlugins", "SwishActivation", "HeunIntegrator")) {
            assertTrue(Files.isRegularFile(project.resolve("src/main/java/com/acme/gdflow/" + file + ".java")), file);
        }
        assertEquals("com.acme.gdflow.ProjectPlugins",
                Files.readString(project.resolve("src/main/resources/META-INF/services/org.gdflow.api.PluginRegistration")).strip());
        String pom = Files.readString(project.resolve("pom.xml"));
        assertTrue(pom.contains("<gdflow.version>" + PrivateMaven.VERSION + "</gdflow.version>"), pom);
        assertEquals(1, pom.split("<dependency>").length - 2, "gdflow-api and junit only");
        assertTrue(pom.contains("<artifactId>gdflow-api</artifactId>"), pom);
        // the generated test ran in the build
        assertTrue(Files.readString(project.resolve("target/surefire-reports/com.acme.gdflow.ProjectPluginsTest.txt"))
                .contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"));
        try (JarFile jar = new JarFile(project.resolve("target/acme-plugins-1.0.jar").toFile())) {
            assertEquals(PrivateMaven.VERSION, jar.getManifest().getMainAttributes().getValue(ApiVersion.MANIFEST_ATTRIBUTE));
        }
    }

    // compares against: rk4 at the same small step (Heun's order-2 error is far below the tolerance); swish by its formula
    @Test
    void gdflowLoadsTheJarAndItsHeunAgreesWithRk4() {
        Gdflow gdflow = Gdflow.discover(List.of(project.resolve("target")));
        assertEquals("acme-plugins-1.0.jar 1.0", gdflow.catalog().source(PluginKind.INTEGRATOR, "heun").describe());
        assertEquals("acme-plugins-1.0.jar 1.0", gdflow.catalog().source(PluginKind.ACTIVATION, "swish").describe());
        assertEquals(List.of(), gdflow.catalog().warnings());
        String spec = """
                { "name": "acme", "seed": 5,
                  "data": {"kind": "sphere", "n": 8, "d": 4, "target": {"kind": "random"}},
                  "model": {"width": 32, "activation": {"name": "swish", "beta": 1.5}, "scaling": "ntk"},
                  "integrator": {"name": "%s", "dt": 0.01},
                  "stop": {"time": 1.0} }
                """;
        RunResult heun = gdflow.run(gdflow.spec(spec.formatted("heun"), Path.of(".")));
        RunResult rk4 = gdflow.run(gdflow.spec(spec.formatted("rk4"), Path.of(".")));
        assertEquals(RunStatus.TIME_LIMIT, heun.status());
        assertEquals(100, heun.steps());
        assertEquals(rk4.finalLoss(), heun.finalLoss(), 1e-6 * rk4.finalLoss());
        Spec swish = gdflow.spec(spec.formatted("rk4"), Path.of("."));
        assertEquals("swish", swish.model().activation().name());
    }
}
