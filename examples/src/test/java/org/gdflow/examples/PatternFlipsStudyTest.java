package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gdflow.core.Gdflow;
import org.gdflow.study.IndexRow;
import org.gdflow.study.LineFit;
import org.gdflow.study.Study;
import org.gdflow.study.StudyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pattern-flips study (Du, Zhai, Póczos and Singh 2019, Section 6) at n = d = 20, widths 64, 256
 * and 1024, two seeds and 100 steps, everything else as the study file has it: gradient descent
 * drives the loss to zero, and both the fraction of flipped ReLU patterns and the largest neuron
 * movement fall with m about like m^-1/2, as the NTK-scale argument predicts.
 */
class PatternFlipsStudyTest {
    private static final Path FILE = ExampleStudiesTest.STUDIES.resolve("pattern-flips.json");
    private static final double[] WIDTHS = {64, 256, 1024};
    private static final int SEEDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The study file with smaller data, widths, seeds and step count. */
    static String small() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(FILE.toFile());
        root.with("data").put("n", 20).put("d", 20);
        root.with("stop").put("max_steps", 100);
        ObjectNode sweep = root.with("sweep");
        sweep.putArray("model.width").add(64).add(256).add(1024);
        sweep.putArray("seed").add(1).add(2);
        return root.toString();
    }

    // compares against: the exponent -1/2 of the NTK-scale bounds (radius O(n/(√m λ0)), flips within that
    // radius of the hyperplanes) fitted by this test over seed means
    @Test
    void flipsAndLargestMovementFallLikeTheInverseSquareRootOfTheWidth(@TempDir Path out) throws IOException {
        Study study = Study.parse(Gdflow.discover(), small(), FILE.getParent());
        List<IndexRow> rows = study.run(out, 0, StudyListener.NONE);
        assertEquals(WIDTHS.length * SEEDS, rows.size());
        double[] flips = new double[WIDTHS.length];
        double[] movement = new double[WIDTHS.length];
        for (IndexRow row : rows) {
            assertEquals("step_limit", row.get("status"), row.get("id"));
            // Du et al.'s claim: gradient descent reaches zero training loss
            assertTrue(Double.parseDouble(row.get("final_loss")) < 1e-10, row.cells().toString());
            double flip = Double.parseDouble(row.get("final_pattern_flip_fraction"));
            assertTrue(flip > 0 && flip < 0.5, row.cells().toString());
            int k = List.of(64.0, 256.0, 1024.0).indexOf(Double.parseDouble(row.get("model.width")));
            flips[k] += flip / SEEDS;
            movement[k] += Double.parseDouble(row.get("final_max_weight_change")) / SEEDS;
        }
        double flipSlope = LineFit.logLog(WIDTHS, flips).slope();
        double movementSlope = LineFit.logLog(WIDTHS, movement).slope();
        assertTrue(flipSlope > -0.65 && flipSlope < -0.35, "pattern_flip_fraction slope " + flipSlope);
        assertTrue(movementSlope > -0.65 && movementSlope < -0.35, "max_weight_change slope " + movementSlope);
        // the slopes the README quotes come from slopes.csv: the same fits
        List<String> slopes = Files.readAllLines(out.resolve("slopes.csv"));
        assertEquals(flipSlope, slope(slopes, "final_pattern_flip_fraction"), 1e-12);
        assertEquals(movementSlope, slope(slopes, "final_max_weight_change"), 1e-12);
    }

    /** The slope of {@code quantity} against model.width in the lines of slopes.csv. */
    private static double slope(List<String> slopes, String quantity) {
        assertEquals("axis,model.width,quantity,points,slope,r2", slopes.get(0));
        String prefix = "model.width,," + quantity + ",3,";
        List<String> lines = slopes.stream().filter(line -> line.startsWith(prefix)).toList();
        assertEquals(1, lines.size(), String.join("\n", slopes));
        return Double.parseDouble(lines.get(0).split(",")[4]);
    }
}
