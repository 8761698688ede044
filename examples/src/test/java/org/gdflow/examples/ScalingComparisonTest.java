package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.gdflow.study.LineFit;
import org.junit.jupiter.api.Test;

/**
 * The ScalingComparison program prints both scalings at every width with the loss decreasing, and
 * the quantities that separate the regimes: under NTK scaling the weights' relative movement falls
 * like m^-1/2 and the distance from the linearised model faster still; under mean-field scaling
 * neither falls with m.
 */
class ScalingComparisonTest {

    // compares against: the regimes' predicted exponents (-1/2 and 0 for the movement), each row's own L(0),
    // and a least-squares fit of the printed values by this test
    @Test
    void printsMovementAndLinearisationDeviationThatSeparateTheRegimes() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            ScalingComparison.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertEquals(List.of("scaling", "width", "L(0)", "L(T)", "rel_weight_change", "lin_deviation"),
                List.of(lines.get(0).trim().split("\\s+")));
        int row = 1;
        double[][] slopes = new double[2][];
        for (String scaling : List.of("ntk", "mean-field")) {
            double[] widths = new double[3];
            double[] movement = new double[3];
            double[] deviation = new double[3];
            int k = 0;
            for (String width : List.of("64", "256", "1024")) {
                String[] cells = lines.get(row++).trim().split("\\s+");
                assertEquals(List.of(scaling, width), List.of(cells[0], cells[1]));
                double start = Double.parseDouble(cells[2]);
                double end = Double.parseDouble(cells[3]);
                assertTrue(Double.isFinite(end) && end >= 0 && end < start, String.join(" ", cells));
                widths[k] = Double.parseDouble(width);
                movement[k] = Double.parseDouble(cells[4]);
                deviation[k] = Double.parseDouble(cells[5]);
                assertTrue(movement[k] > 0 && deviation[k] > 0, String.join(" ", cells));
                k++;
            }
            double move = LineFit.logLog(widths, movement).slope();
            double lin = LineFit.logLog(widths, deviation).slope();
            // the printed slopes are the fits of the printed (rounded) values
            String expected = String.format(Locale.ROOT, "%-11s slopes against m: rel_weight_change %.2f, lin_deviation %.2f",
                    scaling, move, lin);
            String printed = lines.get(row++);
            assertEquals(expected.substring(0, expected.indexOf(':')), printed.substring(0, printed.indexOf(':')));
            slopes[scaling.equals("ntk") ? 0 : 1] = new double[] {move, lin};
        }
        // NTK: lazy, movement like m^-1/2 and the linearisation ever closer; mean-field: neither falls with m
        assertTrue(slopes[0][0] > -0.7 && slopes[0][0] < -0.35, "ntk movement slope " + slopes[0][0]);
        assertTrue(slopes[0][1] < -0.7, "ntk lin_deviation slope " + slopes[0][1]);
        assertTrue(Math.abs(slopes[1][0]) < 0.15, "mean-field movement slope " + slopes[1][0]);
        assertTrue(Math.abs(slopes[1][1]) < 0.2, "mean-field lin_deviation slope " + slopes[1][1]);
        assertTrue(lines.get(9).startsWith("(at T = 20.0; rel_weight_change = ||W(T) - W(0)||_F / ||W(0)||_F"), lines.get(9));
    }
}
