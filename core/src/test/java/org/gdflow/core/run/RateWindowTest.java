package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.Gdflow;
import org.gdflow.core.TestSpecs;
import org.gdflow.core.spec.Spec.RateWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** observe.rate_window: the fitted rate and R² against a least-squares fit written out by hand on the chosen rows. */
class RateWindowTest {
    private static final Gdflow GDFLOW = Gdflow.discover();

    /**
     * 20 rows: L = 3 e^(−0.7 t) (1 + 0.05 sin(3t)) for t = 0.5 i up to row 14, then a round-off floor
     * 1e-13·(1 + i/100) that the last rows sit on.
     */
    private static List<double[]> rows() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double t = 0.5 * i;
            double loss = i < 15 ? 3 * Math.exp(-0.7 * t) * (1 + 0.05 * Math.sin(3 * t)) : 1e-13 * (1 + i / 100.0);
            rows.add(new double[] {i, t, loss});
        }
        return rows;
    }

    /** [slope, R²] of y = −log L on t by the textbook formulas over the rows with the given indices. */
    private static double[] handFit(List<double[]> rows, List<Integer> use) {
        double n = use.size();
        double st = 0;
        double sy = 0;
        double stt = 0;
        double sty = 0;
        double syy = 0;
        for (int i : use) {
            double t = rows.get(i)[1];
            double y = -Math.log(rows.get(i)[2]);
            st += t;
            sy += y;
            stt += t * t;
            sty += t * y;
            syy += y * y;
        }
        double slope = (n * sty - st * sy) / (n * stt - st * st);
        double r = (n * sty - st * sy) / Math.sqrt((n * stt - st * st) * (n * syy - sy * sy));
        return new double[] {slope, r * r};
    }

    private static List<Integer> range(int from, int end) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < end; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void theDefaultWindowIsTheLastHalfAndGivesTheRateOfBefore() {
        Diagnostics.RateFit fit = Diagnostics.rate(new TrajectoryRecorder(rows()), RateWindow.LAST_HALF);
        double[] hand = handFit(rows(), range(10, 20));
        assertEquals(hand[0], fit.rate(), 1e-9 * Math.abs(hand[0]));
        assertEquals(hand[1], fit.r2(), 1e-9);
        assertEquals(10, fit.first());
        assertEquals(20, fit.end());
        assertEquals(10, fit.rows());
        // bit for bit the rate the summary gave before windows
        assertEquals(Diagnostics.rate(new Trajectory(List.of("step", "time", "loss"), rows())), fit.rate(), 0.0);
    }

    @Test
    void fractionsChooseRowsFloorFromNToFloorToN() {
        // ⌊0.1·20⌋ = 2 to ⌊0.7·20⌋ = 14 (exclusive): the decay before the floor, slope near 0.7
        Diagnostics.RateFit fit = Diagnostics.rate(new TrajectoryRecorder(rows()), new RateWindow(0.1, 0.7, Double.NaN));
        double[] hand = handFit(rows(), range(2, 14));
        assertEquals(hand[0], fit.rate(), 1e-12 * hand[0]);
        assertEquals(hand[1], fit.r2(), 1e-12);
        assertEquals(0.7, fit.rate(), 0.02);
        assertTrue(fit.r2() > 0.99, "a clean exponential: R² " + fit.r2());
        assertEquals(12, fit.rows());
    }

    @Test
    void lossAboveDropsTheRoundOffFloor() {
        Diagnostics.RateFit fit = Diagnostics.rate(new TrajectoryRecorder(rows()), new RateWindow(0, 1, 1e-10));
        double[] hand = handFit(rows(), range(0, 15));
        assertEquals(hand[0], fit.rate(), 1e-12 * hand[0]);
        assertEquals(hand[1], fit.r2(), 1e-12);
        assertEquals(15, fit.rows());
        // the default window sits half on the floor: the jump to it inflates the slope
        assertTrue(Diagnostics.rate(new TrajectoryRecorder(rows()), RateWindow.LAST_HALF).rate() > 3 * fit.rate());
        // fewer than 3 rows left: no rate
        Diagnostics.RateFit none = Diagnostics.rate(new TrajectoryRecorder(rows()), new RateWindow(0, 1, 1.6));
        assertTrue(Double.isNaN(none.rate()));
        assertEquals(2, none.rows());
    }

    @Test
    void theSummaryRecordsTheWindowAndTheFitsR2(@TempDir Path dir) throws IOException {
        String json = TestSpecs.small("{\"name\": \"rk4\", \"dt\": 0.1}", "{\"max_steps\": 40}")
                .replace("\"observe\": {\"every\": 1}", "\"observe\": {\"every\": 2, \"rate_window\": {\"from\": 0.25, \"to\": 0.75}}");
        GDFLOW.run(GDFLOW.spec(json, dir), dir, ProgressListener.NONE);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        // 21 rows (steps 0, 2, ..., 40): ⌊0.25·21⌋ = 5 to ⌊0.75·21⌋ = 15
        assertEquals("{\"from\":0.25,\"to\":0.75,\"first_row\":5,\"end_row\":15,\"rows\":10}", summary.get("rate_window").toString());
        double[] hand = handFit(Trajectory.read(dir.resolve("trajectory.csv")).rows(), range(5, 15));
        assertEquals(hand[0], summary.get("rate").asDouble(), 1e-9 * Math.abs(hand[0]));
        assertEquals(hand[1], summary.get("rate_r2").asDouble(), 1e-9);
        assertEquals("{\"from\":0.25,\"to\":0.75}", summary.at("/spec/observe/rate_window").toString());
    }
}
