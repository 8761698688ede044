package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.junit.jupiter.api.Test;

/** Provenance against the JVM's own properties and the test's clock. */
class ProvenanceTest {
    @Test
    void nowRecordsThisMachineTheBackendTheSeedAndTheTime() {
        Instant before = Instant.now();
        java.util.Map<String, String> versions = new java.util.LinkedHashMap<>();
        versions.put("gdflow", "dev");
        versions.put("activation/tanh", "0.1.0 sha256:0123456789abcdef");
        Provenance p = Provenance.now("ejml", 1234567890123L, versions);
        versions.put("backend/ejml", "later");
        Instant after = Instant.now();
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        // the test JVMs resolve jdk.incubator.vector (pom.xml), so the activations ran their SIMD passes
        assertEquals("jdk.incubator.vector, " + org.gdflow.api.VectorSupport.lanes() + " lanes of double", p.vector());
        assertEquals(System.getProperty("java.vendor"), p.javaVendor());
        assertEquals(System.getProperty("os.name") + " " + System.getProperty("os.version"), p.os());
        assertEquals(System.getProperty("os.arch"), p.arch());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.cores());
        assertTrue(p.cores() > 0);
        assertEquals("ejml", p.backend());
        assertEquals(1234567890123L, p.seed());
        assertFalse(p.startTime().isBefore(before), "start " + p.startTime() + " before " + before);
        assertFalse(p.startTime().isAfter(after), "start " + p.startTime() + " after " + after);
        assertEquals(Provenance.version(), p.gdflowVersion());
        // a copy, in the given order
        assertEquals(java.util.List.of("gdflow=dev", "activation/tanh=0.1.0 sha256:0123456789abcdef"),
                p.versions().entrySet().stream().map(Object::toString).toList());
    }

    @Test
    void versionIsTheManifestsOrDevFromClasses() {
        String manifest = Provenance.class.getPackage().getImplementationVersion();
        assertEquals(manifest == null ? "dev" : manifest, Provenance.version());
    }

    @Test
    void aRunRecordsTheVersionsOfGdflowAndOfEachPluginItUsed() throws Exception {
        Gdflow gdflow = Gdflow.discover();
        RunResult result = gdflow.run(gdflow.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 2}"), null));
        // each plugin's jar (or "dev" for a class folder) found here from a class of its module, its SHA-256 by MessageDigest;
        // the teacher's tanh and the model's are one entry
        java.util.List<String> expected = java.util.List.of("gdflow=" + Provenance.version(),
                "activation/tanh=" + org.gdflow.core.output.CheckpointWriterTest.expectedVersion("org.gdflow.activations.Tanh"),
                "scaling/ntk=" + org.gdflow.core.output.CheckpointWriterTest.expectedVersion("org.gdflow.scalings.NtkScaling"),
                "integrator/euler=" + org.gdflow.core.output.CheckpointWriterTest.expectedVersion("org.gdflow.integrators.EulerIntegrator"),
                "backend/ejml=" + org.gdflow.core.output.CheckpointWriterTest.expectedVersion("org.gdflow.backend.ejml.EjmlBackend"));
        assertEquals(expected, result.provenance().versions().entrySet().stream().map(Object::toString).toList());
    }

    @Test
    void aRunRecordsTheBackendThatRanAndTheSpecsSeed() {
        Gdflow gdflow = Gdflow.discover();
        // auto on a tiny problem (n·m·d far below the native threshold) resolves to ejml
        String json = TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 2}")
                .replace("\"backend\": \"ejml\"", "\"backend\": \"auto\"").replace("\"seed\": 11", "\"seed\": 987");
        Instant before = Instant.now();
        RunResult result = gdflow.run(gdflow.spec(json, null));
        Instant after = Instant.now();
        Provenance p = result.provenance();
        assertEquals("ejml", p.backend());
        assertEquals(987L, p.seed());
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        // the test JVMs resolve jdk.incubator.vector (pom.xml), so the activations ran their SIMD passes
        assertEquals("jdk.incubator.vector, " + org.gdflow.api.VectorSupport.lanes() + " lanes of double", p.vector());
        assertFalse(p.startTime().isBefore(before));
        assertFalse(p.startTime().isAfter(after));
    }
}
