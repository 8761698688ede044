package org.gdflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** run's progress lines: one only when more than two seconds (of a fake clock) passed since the last. */
class ThrottledProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void printsOnlyAfterMoreThanTwoSeconds() {
        long[] now = {7 * SECOND};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Main.ThrottledProgress progress = new Main.ThrottledProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);

        now[0] += 2 * SECOND;
        progress.recorded(1, 0.5, 0.25);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "exactly 2 s after the start: no line");

        now[0] += 1;
        progress.recorded(2, 1.0, 0.125);
        String first = "  step 2  t = 1.00000  loss 1.250000e-01" + System.lineSeparator();
        assertEquals(first, bytes.toString(StandardCharsets.UTF_8));

        now[0] += SECOND;
        progress.recorded(3, 1.5, 0.0625);
        now[0] += SECOND;
        progress.recorded(4, 2.0, 0.03125);
        assertEquals(first, bytes.toString(StandardCharsets.UTF_8), "1 s, then exactly 2 s after the last line: none");

        now[0] += 1;
        progress.recorded(5, 2.5, 3.0e-5);
        assertEquals(first + "  step 5  t = 2.50000  loss 3.000000e-05" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }
}
