package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Output reaches the streams whole when they are buffered and never flushed by the caller (a pipe, a file):
 * the command flushes what it wrote, on success and on error.
 */
class BufferedStreamsTest {
    private static PrintStream buffered(ByteArrayOutputStream bytes) {
        return new PrintStream(new BufferedOutputStream(bytes, 1 << 16), false, StandardCharsets.UTF_8);
    }

    @Test
    void theVersionIsFlushed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, new Main(buffered(out), buffered(err)).execute("--version"));
        assertEquals("gdflow " + org.gdflow.core.run.Provenance.version() + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anErrorIsFlushed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, new Main(buffered(out), buffered(err)).execute("resume", "/nonexistent/gdflow-run"));
        assertEquals("gdflow: error: /nonexistent/gdflow-run is not a folder; resume takes the output folder of a run (its --out)"
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
