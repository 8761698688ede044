package org.gdflow.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gdflow.api.Activation;
import org.gdflow.api.VectorSupport;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} the activations take their scalar passes by
 * themselves (no class of the Vector API is loaded) and give the same bits as the SIMD passes of this
 * JVM: a child JVM started without the flag prints the bits of every activation on the sweep's edge
 * arguments, compared here with the SIMD results.
 */
class ScalarFallbackTest {
    @Test
    void aJvmWithoutTheModuleRunsTheScalarPassesToTheSameBits() throws IOException, InterruptedException {
        assertTrue(VectorSupport.enabled(), "this JVM runs the SIMD passes (the build adds the module)");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                ScalarFallbackTest.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertEquals(String.join("\n", lines()) + "\n", output);
    }

    /** The child's entry: the description, then one line of bits per activation. */
    public static void main(String[] args) {
        for (String line : lines()) {
            System.out.println(line);
        }
    }

    /** What the child prints; in this JVM, the same lines from the SIMD passes (the description apart). */
    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(VectorSupport.enabled() ? "scalar: jdk.incubator.vector not resolved (java --add-modules jdk.incubator.vector)"
                : VectorSupport.describe());
        double[] z = ActivationSweepTest.arguments(4099, 7);
        for (Activation activation : new Activation[] {new Tanh(), new Sigmoid(), new Softplus(), new Erf(), new Relu()}) {
            double[] value = new double[z.length];
            double[] derivative = new double[z.length];
            activation.evaluate(z, value, derivative, 0, z.length);
            long hash = 1;
            for (int i = 0; i < z.length; i++) {
                hash = 31 * hash + Double.doubleToLongBits(value[i]);
                hash = 31 * hash + Double.doubleToLongBits(derivative[i]);
            }
            lines.add(activation.getClass().getSimpleName() + " " + Long.toHexString(hash));
        }
        return lines;
    }
}
