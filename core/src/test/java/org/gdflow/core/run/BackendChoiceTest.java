package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.api.Plugin;
import org.gdflow.api.PluginKind;
import org.gdflow.core.Gdflow;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.spec.Spec;
import org.junit.jupiter.api.Test;

/**
 * How a run picks its backend: {@code auto} passes over a native backend that cannot start (here a
 * stand-in "nd4j" whose natives fail to load) and runs on ejml with the same numbers as a run that
 * names ejml; a backend named in the spec that cannot start is an error that says what to use.
 */
class BackendChoiceTest {
    private static final Gdflow REAL = Gdflow.discover();

    /** The real plugins, with "nd4j" replaced by a backend whose natives never load. */
    private static Gdflow withBrokenNative() {
        Map<PluginKind, Map<String, Plugin<?, ?>>> plugins = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            plugins.put(kind, new LinkedHashMap<>(REAL.catalog().plugins(kind)));
        }
        plugins.get(PluginKind.BACKEND).put("nd4j", Plugin.backend("nd4j", "natives that never load", () -> problem -> {
            throw new UnsatisfiedLinkError("no jniopenblas in java.library.path");
        }));
        return Gdflow.withCatalog(new PluginCatalog(plugins));
    }

    /** The small test problem made large enough (n·m·d ≥ 2^16) for auto to try the native backend first. */
    private static Spec large(Gdflow gdflow, String backend) {
        Spec spec = gdflow.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 2}"), null);
        spec = gdflow.with(spec, "model.width", "2048");
        return gdflow.with(spec, "backend", "\"" + backend + "\"");
    }

    @Test
    void autoFallsBackToEjmlWhenTheNativeBackendCannotStart() {
        Gdflow gdflow = withBrokenNative();
        Spec auto = large(gdflow, "auto");
        assertEquals(List.of("nd4j", "ejml"), gdflow.runner().backendCandidates(auto, 12, 3));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        RunResult fallback;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            fallback = gdflow.run(auto);
        } finally {
            System.setErr(original);
        }
        assertEquals("gdflow: backend nd4j cannot run here (no jniopenblas in java.library.path); trying the next"
                + System.lineSeparator(), err.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("ejml", fallback.provenance().backend());
        RunResult ejml = REAL.run(large(REAL, "ejml"));
        assertArrayEquals(ejml.finalParameters(), fallback.finalParameters(), 0.0);
        assertEquals(ejml.finalLoss(), fallback.finalLoss(), 0.0);
    }

    @Test
    void theBackendAutoFallsBackToIsCheckedBeforeItAllocates() {
        Gdflow gdflow = withBrokenNative();
        Spec auto = large(gdflow, "auto");
        // a heap that holds the run on nd4j (its matrices native) but not on ejml
        long nd4j = MemoryEstimate.of(auto, "nd4j").bytes() + MemoryEstimate.BASELINE_BYTES;
        long ejml = MemoryEstimate.of(auto, "ejml").bytes() + MemoryEstimate.BASELINE_BYTES;
        assertTrue(nd4j < ejml);
        FlowRun runner = new FlowRun(gdflow.catalog(), () -> new MemoryCheck.Machine(nd4j, 0));
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        org.gdflow.core.error.InsufficientMemoryException e;
        try {
            e = assertThrows(org.gdflow.core.error.InsufficientMemoryException.class, () -> runner.run(auto, List.of()));
        } finally {
            System.setErr(original);
        }
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("backend nd4j cannot run here"), "nd4j was tried first");
        assertTrue(e.getMessage().startsWith("refused: the run needs about " + MemoryEstimate.human(ejml - MemoryEstimate.BASELINE_BYTES)
                + " of Java heap"), e.getMessage());
        // with the heap ejml needs, the same run goes through on ejml
        System.setErr(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals("ejml", new FlowRun(gdflow.catalog(), () -> new MemoryCheck.Machine(ejml, 0)).run(auto, List.of())
                    .provenance().backend());
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aNamedBackendThatCannotStartSaysWhatToUseInstead() {
        Gdflow gdflow = withBrokenNative();
        GdflowException e = assertThrows(GdflowException.class, () -> gdflow.run(large(gdflow, "nd4j")));
        assertEquals("backend: 'nd4j' cannot run here: no jniopenblas in java.library.path; use \"backend\": \"ejml\""
                + " (pure Java) or \"auto\"", e.getMessage());
    }

    @Test
    void autoTakesEjmlFirstBelowTheNativeThreshold() {
        Gdflow gdflow = withBrokenNative();
        // n·m·d = 12 · 16 · 3 = 576 < 2^16: ejml first, then the others in name order
        Spec small = gdflow.with(large(gdflow, "auto"), "model.width", "16");
        assertEquals(List.of("ejml", "nd4j"), gdflow.runner().backendCandidates(small, 12, 3));
        // exactly at the threshold, n·m·d = 2^16, the native backend comes first
        Spec atThreshold = gdflow.with(small, "model.width", "1024");
        assertEquals(List.of("nd4j", "ejml"), gdflow.runner().backendCandidates(atThreshold, 16, 4));
        assertEquals(List.of("ejml", "nd4j"), gdflow.runner().backendCandidates(atThreshold, 16, 3));
        assertEquals("ejml", gdflow.run(small).provenance().backend());
    }

    @Test
    void autoWithNoBackendAtAllIsAnError() {
        Map<PluginKind, Map<String, Plugin<?, ?>>> plugins = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            plugins.put(kind, kind == PluginKind.BACKEND ? Map.of() : REAL.catalog().plugins(kind));
        }
        Gdflow none = Gdflow.withCatalog(new PluginCatalog(plugins));
        Spec spec = none.spec(TestSpecs.small("{\"name\": \"euler\", \"dt\": 0.1}", "{\"max_steps\": 2}")
                .replace("\"backend\": \"ejml\"", "\"backend\": \"auto\""), null);
        GdflowException e = assertThrows(GdflowException.class, () -> none.run(spec));
        assertEquals("backend: no backend plugin is installed; put gdflow-backend-ejml on the class path", e.getMessage());
    }

    @Test
    void autoWhereNoBackendStartsNamesEachFailure() {
        Map<PluginKind, Map<String, Plugin<?, ?>>> plugins = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            plugins.put(kind, new LinkedHashMap<>(REAL.catalog().plugins(kind)));
        }
        plugins.put(PluginKind.BACKEND, Map.of("ejml", Plugin.backend("ejml", "broken", () -> problem -> {
            throw new IllegalStateException("out of luck");
        })));
        Gdflow broken = Gdflow.withCatalog(new PluginCatalog(plugins));
        Spec spec = broken.with(large(broken, "auto"), "model.width", "16");
        GdflowException e = assertThrows(GdflowException.class, () -> broken.run(spec));
        assertEquals("backend: no backend could start: ejml: out of luck", e.getMessage());
    }
}
