package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.bench.BenchResult;
import org.gdflow.core.bench.Workload;
import org.junit.jupiter.api.Test;

/** gdflow bench's arguments: which backends and workloads reach the benchmark, and the errors. */
class BenchCommandTest {
    record Call(String backend, List<Workload> workloads) {
    }

    /** Records what would be benchmarked; returns {@code results}. */
    private final List<Call> calls = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private int bench(List<BenchResult> results, String... args) {
        return BenchCommand.run(List.of(args), out, (backend, name, tanh, workloads, progress) -> {
            assertSame(out, progress);
            // the tanh plugin, not another activation
            assertEquals(Math.tanh(0.7), tanh.value(0.7), 1e-15);
            assertTrue(backend.getClass().getSimpleName().toLowerCase().startsWith(name), backend.getClass().getName());
            calls.add(new Call(name, workloads));
            return results;
        });
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static final List<BenchResult> ONE = List.of(new BenchResult("small", "ejml", "field", 1, 1, 1, 5));

    @Test
    void namedBackendAndWorkload() {
        assertEquals(0, bench(ONE, "--backend", "ejml", "--workload", "MEDIUM"));
        assertEquals(List.of(new Call("ejml", List.of(Workload.MEDIUM))), calls);
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "gdflow bench: %d cores, Java %s; tanh, ntk, W and a trained; GFLOP/s counts 4·n·m·d per evaluation",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")), lines.get(0));
    }

    @Test
    void defaultsAreEveryBackendOnEveryStandardWorkload() {
        assertEquals(0, bench(ONE));
        // the test class path has the ejml and nd4j backends; names in order
        assertEquals(List.of(new Call("ejml", Workload.standard()), new Call("nd4j", Workload.standard())), calls);
    }

    @Test
    void severalWorkloadsInTheOrderGiven() {
        assertEquals(0, bench(ONE, "--workload", "large", "--workload", "small", "--backend", "nd4j"));
        assertEquals(List.of(new Call("nd4j", List.of(Workload.LARGE, Workload.SMALL))), calls);
    }

    @Test
    void noResultsIsSaid() {
        assertEquals(0, bench(List.of(), "--backend", "ejml", "--workload", "small"));
        assertEquals("no results for ejml", lines().get(1));
        assertEquals(2, lines().size());
    }

    private void assertRejected(String message, String... args) {
        GdflowException e = assertThrows(GdflowException.class, () -> bench(ONE, args));
        assertEquals(message, e.getMessage());
    }

    @Test
    void badArgumentsAreExplained() {
        assertRejected("bench: --backend needs a value", "--backend");
        assertRejected("bench: --workload needs a value", "--backend", "ejml", "--workload");
        assertRejected("bench: unknown option --fast; the options are --backend NAME and --workload small|medium|large", "--fast");
        assertRejected("bench: unknown option ejml; the options are --backend NAME and --workload small|medium|large", "ejml");
        assertRejected("bench --workload: unknown workload 'huge'; the workloads are small, medium, large", "--workload", "huge");
        assertRejected("bench --backend: no backend plugin is named 'cuda'; the backends are ejml, nd4j", "--backend", "cuda");
        assertEquals(List.of(), calls);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("gdflow bench:")).findAny().orElse(""));
    }

    @Test
    void anUnknownBackendAfterAKnownOneFailsBeforeAnythingIsTimed() {
        assertRejected("bench --backend: no backend plugin is named 'cuda'; the backends are ejml, nd4j",
                "--backend", "ejml", "--backend", "cuda", "--workload", "small");
        assertEquals(List.of(), calls);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
