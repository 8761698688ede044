package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ScalingComparison program runs to its table: both scalings at every width, each loss decreasing. */
class ScalingComparisonTest {

    // compares against: the 2 scalings × 3 widths the program promises, and each row's own L(0)
    @Test
    void printsOneRowPerScalingAndWidthWithTheLossDecreasing() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            ScalingComparison.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertEquals(List.of("scaling", "width", "L(0)", "L(20)"), List.of(lines.get(0).trim().split("\\s+")));
        int row = 1;
        for (String scaling : List.of("ntk", "mean-field")) {
            for (String width : List.of("64", "256", "1024")) {
                String[] cells = lines.get(row++).trim().split("\\s+");
                assertEquals(List.of(scaling, width), List.of(cells[0], cells[1]));
                double start = Double.parseDouble(cells[2]);
                double end = Double.parseDouble(cells[3]);
                assertTrue(Double.isFinite(end) && end >= 0 && end < start, String.join(" ", cells));
            }
        }
    }
}
