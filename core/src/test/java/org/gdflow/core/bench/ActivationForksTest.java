package org.gdflow.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.bench.VectorFieldBenchmark.Timing;
import org.junit.jupiter.api.Test;

/** The activation line timed in forked JVMs: their command line, the median of their medians, their output, one real fork. */
class ActivationForksTest {
    private static final Workload TINY = new Workload("tiny", 2, 3, 16);
    private static final Timing QUICK = new Timing(1, 0.0, 5, 0.0, 5, 0.0);
    private static final List<String> JAVA = List.of("/jdk/bin/java", "--add-modules=jdk.incubator.vector", "-cp", "a.jar:b.jar");

    @Test
    void theJavaCommandRepeatsHomeFlagsAndClassPath() {
        assertEquals(List.of(Path.of("/opt/jdk-17", "bin", "java").toString(), "--add-modules=jdk.incubator.vector", "-Xmx2g",
                "-cp", "lib/a.jar:lib/b.jar"), ActivationForks.javaCommand("/opt/jdk-17",
                List.of("--add-modules=jdk.incubator.vector", "-Xmx2g"), "lib/a.jar:lib/b.jar"));
        assertEquals(List.of(Path.of("/j", "bin", "java").toString(), "-cp", "x.jar"), ActivationForks.javaCommand("/j", List.of(), "x.jar"));
    }

    @Test
    void aForkStartsNoFlightRecordingAndNoDebugger() {
        assertEquals(List.of(Path.of("/j", "bin", "java").toString(), "-Xss2m", "-XX:FlightRecorderOptions=stackdepth=96",
                "-javaagent:cov.jar", "-cp", "x.jar"), ActivationForks.javaCommand("/j", List.of(
                        "-XX:StartFlightRecording=filename=/tmp/gdflow.jfr,settings=profile", "-Xss2m",
                        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-XX:FlightRecorderOptions=stackdepth=96",
                        "-Xrunjdwp:transport=dt_socket", "-javaagent:cov.jar"), "x.jar"));
    }

    @Test
    void aForkIsToldTheWorkloadActivationTimingAndPluginPath() {
        ActivationForks forks = new ActivationForks(3, "erf", List.of(Path.of("/p/one"), Path.of("/p/two")), JAVA,
                new Timing(3, 2.0, 5, 6.5, 200, 0.0), command -> "");
        assertEquals(List.of("/jdk/bin/java", "--add-modules=jdk.incubator.vector", "-cp", "a.jar:b.jar",
                "org.gdflow.core.bench.ActivationForks", "small", "256", "16", "1024", "erf", "3", "2.0", "5", "6.5", "200",
                "0.0", "/p/one", "/p/two"), forks.command(Workload.SMALL));
        assertEquals(3, forks.forks());
    }

    @Test
    void theStandardForksAreThisJvmsJavaWithTheStandardTiming() {
        ActivationForks forks = new ActivationForks(ActivationForks.DEFAULT_FORKS, "tanh", List.of());
        List<String> command = forks.command(Workload.MEDIUM);
        List<String> expected = new ArrayList<>(ActivationForks.javaCommand(System.getProperty("java.home"),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path")));
        expected.addAll(List.of(ActivationForks.class.getName(), "medium", "1024", "64", "8192", "tanh", "3", "2.0", "5", "6.0", "200",
                "20.0"));
        assertEquals(expected, command);
        assertEquals(5, forks.forks());
    }

    @Test
    void atLeastOneFork() {
        assertEquals("forks = 0 must be at least 1", assertThrows(IllegalArgumentException.class,
                () -> new ActivationForks(0, "tanh", List.of(), JAVA, QUICK, command -> "")).getMessage());
        assertEquals(1, new ActivationForks(1, "tanh", List.of(), JAVA, QUICK, command -> "").forks());
    }

    @Test
    void theLineIsTheMedianOfTheMediansWithTheirRange() {
        double[] medians = {0.21, 0.19, 0.236, 0.2, 0.22};
        BenchResult r = ActivationForks.result(Workload.SMALL, "ejml", medians, 0.18, 1000, 42);
        // sorted 0.19 0.2 0.21 0.22 0.236: the middle one
        assertEquals(0.21, r.medianMillis(), 0.0);
        assertEquals(List.of(0.19, 0.2, 0.21, 0.22, 0.236), r.jvmMedians());
        assertEquals(0.18, r.minMillis(), 0.0);
        assertEquals(1000, r.repetitions());
        assertEquals(42, r.bytesPerRepetition());
        assertEquals(0.0, r.gflops(), 0.0);
        assertEquals("small", r.workload());
        assertEquals("ejml", r.backend());
        assertEquals(BenchResult.ACTIVATION, r.kernel());
        assertArrayEquals(new double[] {0.21, 0.19, 0.236, 0.2, 0.22}, medians, "not modified");
        // an even count: the mean of the two middle ones, (2 + 3) / 2
        assertEquals(2.5, ActivationForks.result(TINY, "b", new double[] {10, 3, 1, 2}, 1, 4, -1).medianMillis(), 0.0);
    }

    @Test
    void eachForkRunsTheCommandAndItsLastTimingLineCounts() {
        List<List<String>> commands = new ArrayList<>();
        String[] outputs = {
            "WARNING: Using incubator modules: jdk.incubator.vector\nactivation-timing 0.25 0.2 200 17\n",
            "activation-timing 9 9 9 9\nactivation-timing 0.3 0.125 150 2000000\n",
            "activation-timing 0.2 0.19 100 0",
        };
        ActivationForks forks = new ActivationForks(3, "erf", List.of(), JAVA, QUICK, command -> {
            commands.add(command);
            return outputs[commands.size() - 1];
        });
        BenchResult r = forks.time(TINY, "nd4j");
        assertEquals(List.of(forks.command(TINY), forks.command(TINY), forks.command(TINY)), commands);
        assertEquals(0.25, r.medianMillis(), 0.0);
        assertEquals(List.of(0.2, 0.25, 0.3), r.jvmMedians());
        assertEquals(0.125, r.minMillis(), 0.0);
        assertEquals(450, r.repetitions());
        // the most any JVM allocated
        assertEquals(2_000_000, r.bytesPerRepetition());
        assertEquals("nd4j", r.backend());
        assertEquals("tiny", r.workload());
    }

    @Test
    void anOutputWithoutATimingLineIsAnError() {
        ActivationForks forks = new ActivationForks(1, "erf", List.of(), JAVA, QUICK, command -> "  Exception in main\nactivation-timings 1 2 3\n");
        assertEquals("the JVM timing the activation pass printed no timing: Exception in main\nactivation-timings 1 2 3",
                assertThrows(IllegalStateException.class, () -> forks.time(TINY, "ejml")).getMessage());
    }

    @Test
    void aForkTimesThePassInItsJvmAndSaysSo() {
        String line = ActivationForks.child(new String[] {"tiny", "2", "3", "16", "softplus", "1", "0.0", "5", "0.0", "5", "0.0"});
        String[] words = line.split(" ");
        assertEquals(5, words.length, line);
        assertEquals("activation-timing", words[0]);
        double median = Double.parseDouble(words[1]);
        double min = Double.parseDouble(words[2]);
        assertTrue(min > 0 && min <= median && median < 1000, line);
        assertEquals("5", words[3]);
        // bytes per repetition (cold code, 5 repetitions after one warm-up: the Vector API's boxes are counted)
        assertTrue(Long.parseLong(words[4]) >= 0, line);
    }

    @Test
    void aForkFindsItsActivationOnThePluginPathAndPrintsItsLine(@org.junit.jupiter.api.io.TempDir Path folder) {
        // an empty plugin folder: the built-in erf is found all the same; main prints what child returns
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            ActivationForks.main(new String[] {"tiny", "2", "3", "16", "erf", "1", "0.0", "3", "0.0", "3", "0.0", folder.toString()});
        } finally {
            System.setOut(stdout);
        }
        String line = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(line.matches("activation-timing [0-9.E-]+ [0-9.E-]+ 3 [0-9]+" + System.lineSeparator()), line);
    }

    @Test
    void oneRealForkOnThisClassPath() {
        // one JVM with the vector module, this class path and the quick timing: its line comes back
        List<String> java = ActivationForks.javaCommand(System.getProperty("java.home"), List.of("--add-modules=jdk.incubator.vector"),
                System.getProperty("java.class.path"));
        BenchResult r = new ActivationForks(1, "tanh", List.of(), java, QUICK, ActivationForks::launch).time(TINY, "ejml");
        assertEquals(5, r.repetitions());
        assertEquals(1, r.jvmMedians().size());
        assertEquals(r.jvmMedians().get(0), r.medianMillis(), 0.0);
        assertTrue(r.minMillis() > 0 && r.minMillis() <= r.medianMillis(), r.toString());
    }

    @Test
    void aFailingOrMissingJavaIsAnError() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> ActivationForks.launch(List.of(java, "--no-such-option")));
        assertTrue(failed.getMessage().startsWith("the JVM timing the activation pass exited with 1: "), failed.getMessage());
        assertTrue(failed.getMessage().contains("--no-such-option"), failed.getMessage());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> ActivationForks.launch(List.of("/no/such/java")));
        assertTrue(missing.getMessage().startsWith("cannot run a JVM to time the activation pass: "), missing.getMessage());
    }
}
