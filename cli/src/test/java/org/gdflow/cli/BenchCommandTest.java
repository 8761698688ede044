package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.bench.ActivationForks;
import org.gdflow.core.bench.BenchResult;
import org.gdflow.core.bench.VectorFieldBenchmark;
import org.gdflow.core.bench.Workload;
import org.junit.jupiter.api.Test;

/** gdflow bench's arguments: which backends and workloads reach the benchmark, and the errors. */
class BenchCommandTest {
    record Call(String backend, List<Workload> workloads) {
    }

    /** Records what would be benchmarked; returns {@code results}. */
    private final List<Call> calls = new ArrayList<>();
    /** σ(0.7) of the activation each call received. */
    private final List<Double> activations = new ArrayList<>();
    /** The activation line each call received. */
    private final List<VectorFieldBenchmark.ActivationLine> activationLines = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int bench(List<BenchResult> results, String... args) {
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new Main(out, err, (backend, name, activation, workloads, progress, activationLine) -> {
            assertSame(out, progress);
            activationLines.add(activationLine);
            activations.add(activation.value(0.7));
            assertTrue(backend.getClass().getSimpleName().toLowerCase().startsWith(name), backend.getClass().getName());
            calls.add(new Call(name, workloads));
            return results;
        }).execute(all.toArray(String[]::new));
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static final List<BenchResult> ONE = List.of(new BenchResult("small", "ejml", "field", 1, 1, 1, 5));

    @Test
    void namedBackendAndWorkload() {
        assertEquals(0, bench(ONE, "--backend", "ejml", "--workload=MEDIUM"));
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(new Call("ejml", List.of(Workload.MEDIUM))), calls);
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "gdflow bench: %d cores, Java %s, SIMD %s; tanh, ntk, W and a trained;"
                + " GFLOP/s counts 4·n·m·d per evaluation", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), org.gdflow.api.VectorSupport.describe()), lines.get(0));
        // the tanh plugin by default
        assertEquals(Math.tanh(0.7), activations.get(0), 2e-16);
        assertEquals(1, activations.size());
    }

    @Test
    void theActivationPassIsTimedInFiveForkedJvmsUnlessToldOtherwise() {
        assertEquals(0, bench(ONE, "--backend", "ejml", "--backend", "nd4j", "--workload", "small", "--activation", "erf"));
        assertEquals(2, activationLines.size());
        assertSame(activationLines.get(0), activationLines.get(1), "one line for all backends");
        ActivationForks forks = (ActivationForks) activationLines.get(0);
        assertEquals(5, forks.forks());
        // the child is told the activation and this run's plugin path (none here)
        List<String> command = forks.command(Workload.SMALL);
        assertEquals(List.of(ActivationForks.class.getName(), "small", "256", "16", "1024", "erf"),
                command.subList(command.size() - 12, command.size() - 6));
        activationLines.clear();
        assertEquals(0, bench(ONE, "--backend", "ejml", "--workload", "small", "--forks", "2"));
        assertEquals(2, ((ActivationForks) activationLines.get(0)).forks());
        assertEquals(0, bench(ONE, "--backend", "ejml", "--workload", "small", "--forks=1"));
        assertEquals(1, ((ActivationForks) activationLines.get(1)).forks());
        command = ((ActivationForks) activationLines.get(0)).command(Workload.SMALL);
        assertEquals("tanh", command.get(command.size() - 7));
    }

    @Test
    void thePluginFoldersReachTheForks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        assertEquals(0, bench(ONE, "--plugins", folder.toString(), "--backend", "ejml", "--workload", "small"));
        List<String> command = ((ActivationForks) activationLines.get(0)).command(Workload.SMALL);
        assertEquals(folder.toAbsolutePath().normalize().toString(), command.get(command.size() - 1));
    }

    @Test
    void anotherActivationIsPassedOnAndNamedInTheHeader() {
        assertEquals(0, bench(ONE, "--backend", "ejml", "--workload", "small", "--activation", "sigmoid"));
        assertEquals(1 / (1 + Math.exp(-0.7)), activations.get(0), 2e-16);
        assertTrue(lines().get(0).contains("; sigmoid, ntk, W and a trained;"), lines().get(0));
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

    private static final String USAGE = "Usage: gdflow bench [-hV] [--debug] [--activation=NAME] [--forks=N] [--backend=NAME]...\n"
            + "                    [--plugins=DIR]... [--workload=NAME]...\n";
    private static final String HINT = "Try 'gdflow bench --help' for more information.\n";

    /** Asserts exit 2, exactly {@code expected} on standard error (lines end in \n here), and nothing on standard output. */
    private void assertRejected(String expected, String... args) {
        errBytes.reset();
        assertEquals(2, bench(ONE, args));
        assertEquals(expected.replace("\n", System.lineSeparator()), errBytes.toString(StandardCharsets.UTF_8));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsAreExplained() {
        assertRejected("gdflow: error: Missing required parameter for option '--backend' (NAME)\n" + USAGE + HINT, "--backend");
        assertRejected("gdflow: error: Missing required parameter for option '--workload' (NAME)\n" + USAGE + HINT,
                "--backend", "ejml", "--workload");
        assertRejected("gdflow: error: Unknown option: '--fast'\n" + USAGE + HINT, "--fast");
        assertRejected("gdflow: error: Unmatched argument at index 1: 'ejml'\n" + USAGE + HINT, "ejml");
        assertRejected("gdflow: error: bench --workload: unknown workload 'huge'; the workloads are small, lowdim, medium, large\n",
                "--workload", "huge");
        assertRejected("gdflow: error: bench --backend: no backend plugin is named 'cuda'; the backends are ejml, nd4j\n",
                "--backend", "cuda");
        assertRejected("gdflow: error: bench --backend: no backend plugin is named 'nd4' (did you mean 'nd4j'?); the backends are"
                + " ejml, nd4j\n", "--backend", "nd4");
        assertRejected("gdflow: error: bench --activation: no activation plugin is named 'gelu' (did you mean 'relu'?); the activations are "
                + "erf, relu, sigmoid, softplus, tanh\n", "--activation", "gelu");
        assertRejected("gdflow: error: bench --forks: the activation pass needs at least one JVM, not 0\n", "--forks", "0");
        assertRejected("gdflow: error: bench --forks: the activation pass needs at least one JVM, not -3\n", "--forks=-3");
        assertEquals(List.of(), calls);
    }

    @Test
    void anUnknownBackendAfterAKnownOneFailsBeforeAnythingIsTimed() {
        assertRejected("gdflow: error: bench --backend: no backend plugin is named 'cuda'; the backends are ejml, nd4j\n",
                "--backend", "ejml", "--backend", "cuda", "--workload", "small");
        assertEquals(List.of(), calls);
    }
}
