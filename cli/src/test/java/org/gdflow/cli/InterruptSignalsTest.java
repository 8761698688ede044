package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gdflow.core.run.RunInterrupt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What Ctrl-C does, in this JVM: the first signal asks the run to stop and says so, the second
 * quits at once with status 3 (a fake quit here); a real SIGTERM raised at this process reaches the
 * handler, and closing puts the JVM's own handler back. The child-JVM side is {@link ResumeAfterKillTest}.
 */
class InterruptSignalsTest {
    @Test
    void theFirstSignalAsksTheRunToStopAndTheSecondQuitsWithStatusThree() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        RunInterrupt interrupt = new RunInterrupt();
        List<Integer> quits = new ArrayList<>();
        InterruptSignals signals = InterruptSignals.install(interrupt, stream, "out/dir", quits::add);
        try {
            signals.received("SIGINT", 1, interrupt, stream, "out/dir", quits::add);
            assertTrue(interrupt.requested());
            assertEquals("SIGINT", interrupt.reason());
            assertEquals(List.of(), quits, "the first signal does not quit");
            signals.received("SIGTERM", 2, interrupt, stream, "out/dir", quits::add);
            assertEquals(List.of(3), quits);
            assertEquals("SIGINT", interrupt.reason(), "the first reason is kept");
            assertEquals("gdflow: SIGINT: stopping at the next step boundary to save a checkpoint in out/dir (press Ctrl-C again to"
                    + " quit at once)\ngdflow: SIGTERM again: quitting at once; out/dir keeps its last checkpoint (gdflow resume out/dir)\n",
                    err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        } finally {
            signals.close();
        }
    }

    @Test
    void aRealSigtermReachesTheHandlerAndClosingRestoresTheJvmsOwn() throws Exception {
        RunInterrupt interrupt = new RunInterrupt();
        List<Integer> quits = new ArrayList<>();
        InterruptSignals signals = InterruptSignals.install(interrupt, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), "out", quits::add);
        try {
            // without the handler SIGTERM would end this JVM: raise it only when the handler is in place
            Assumptions.assumeTrue(signals.installed(), "this JVM reserves its signals (-Xrs)");
            Class<?> signal = Class.forName("sun.misc.Signal");
            signal.getMethod("raise", signal).invoke(null, signal.getConstructor(String.class).newInstance("TERM"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!interrupt.requested() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("SIGTERM", interrupt.reason());
            assertEquals(List.of(), quits);
        } finally {
            signals.close();
        }
        assertFalse(signals.installed(), "closed: the handlers are the JVM's again");
        // closing twice is harmless
        signals.close();
    }
}
