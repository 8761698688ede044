package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gdflow.core.error.GdflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aggregate.csv and slopes.csv against values worked out by hand: means over seeds, slopes of
 * power laws, a noisy fit, grouping by another axis, the skipping rules, and a real study.
 */
class StudyTablesTest {
    private static final double TOL = 1e-12;

    @TempDir
    Path dir;

    /** A study under construction: planned runs and their index rows. */
    private static final class Table {
        final List<PlannedRun> runs = new ArrayList<>();
        final List<IndexRow> rows = new ArrayList<>();

        /**
         * Adds a run; {@code swept} alternates path and JSON value, {@code cells} alternates column and
         * cell.
         */
        Table add(List<String> swept, String... cells) {
            List<SweptValue> values = new ArrayList<>();
            List<String> idParts = new ArrayList<>();
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < swept.size(); i += 2) {
                values.add(new SweptValue(swept.get(i), swept.get(i + 1)));
                idParts.add(swept.get(i) + "=" + swept.get(i + 1));
            }
            String id = String.join("_", idParts);
            row.put("id", id);
            for (SweptValue v : values) {
                row.put(v.path(), v.cell());
            }
            row.put("status", "converged");
            for (int i = 0; i < cells.length; i += 2) {
                row.put(cells[i], cells[i + 1]);
            }
            runs.add(new PlannedRun(id, values, "{}", "."));
            rows.add(new IndexRow(row));
            return this;
        }

        Optional<String> aggregate() {
            return SeedAggregate.csv(runs, rows);
        }

        Optional<String> slopes() {
            return LogLogSlopes.csv(runs, rows);
        }
    }

    /** CSV text (no quoted cell) as rows of cells by column. */
    static List<Map<String, String>> parse(String csv) {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.length, cells.length, line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The slopes row of {@code axis} and {@code quantity} whose other cells match {@code group} (path, cell, ...). */
    private static Map<String, String> slopeRow(String csv, String axis, String quantity, String... group) {
        List<Map<String, String>> found = new ArrayList<>();
        for (Map<String, String> row : parse(csv)) {
            boolean match = row.get("axis").equals(axis) && row.get("quantity").equals(quantity);
            for (int i = 0; i < group.length; i += 2) {
                match &= row.get(group[i]).equals(group[i + 1]);
            }
            if (match) {
                found.add(row);
            }
        }
        assertEquals(1, found.size(), axis + " " + quantity + " " + List.of(group));
        return found.get(0);
    }

    private static List<String> sw(String... pathValue) {
        return List.of(pathValue);
    }

    @Test
    void meanMinMaxOverThreeSeedsByHand() {
        Table t = new Table();
        // width 4: loss (0.5 + 0.25 + 1.5)/3 = 0.75; steps all 4; max_weight_change (0.125 + 0.375)/2 = 0.25 (seed 2 has none)
        t.add(sw("model.width", "4", "seed", "1"), "final_loss", "0.5", "steps", "4", "final_max_weight_change", "0.125");
        t.add(sw("model.width", "4", "seed", "2"), "final_loss", "0.25", "steps", "4", "final_max_weight_change", "");
        t.add(sw("model.width", "4", "seed", "3"), "final_loss", "1.5", "steps", "4", "final_max_weight_change", "0.375");
        // width 8: seed 2 failed (no cells), seed 3 diverged (Infinity and NaN count as absent)
        t.add(sw("model.width", "8", "seed", "1"), "final_loss", "2.0", "steps", "4", "final_max_weight_change", "NaN");
        t.add(sw("model.width", "8", "seed", "2"), "final_loss", "", "steps", "", "final_max_weight_change", "");
        t.add(sw("model.width", "8", "seed", "3"), "final_loss", "Infinity", "steps", "3", "final_max_weight_change", "NaN");
        // the rows are joined to the runs by id, whatever their order
        List<IndexRow> reversed = new ArrayList<>(t.rows);
        java.util.Collections.reverse(reversed);
        String expected = """
                variant,model.width,seeds,final_loss_mean,final_loss_min,final_loss_max,final_loss_seeds,\
                steps_mean,steps_min,steps_max,steps_seeds,final_max_weight_change_mean,final_max_weight_change_min,\
                final_max_weight_change_max,final_max_weight_change_seeds
                width=4,4,3,0.75,0.25,1.5,3,4.0,4.0,4.0,3,0.25,0.125,0.375,2
                width=8,8,3,2.0,2.0,2.0,1,3.5,3.0,4.0,2,,,,0
                """;
        assertEquals(expected, SeedAggregate.csv(t.runs, reversed).orElseThrow());
        assertEquals(expected, t.aggregate().orElseThrow());
    }

    @Test
    void variantsAreTheRunsThatDifferOnlyInSeed() {
        Table t = new Table();
        for (String scaling : List.of("\"ntk\"", "\"mean-field\"")) {
            for (String seed : List.of("1", "2")) {
                for (String n : List.of("4", "8")) {
                    t.add(sw("model.scaling", scaling, "seed", seed, "data.n", n), "final_loss", seed);
                }
            }
        }
        List<Map<String, String>> rows = parse(t.aggregate().orElseThrow());
        assertEquals(List.of("scaling=ntk_n=4", "scaling=ntk_n=8", "scaling=mean-field_n=4", "scaling=mean-field_n=8"),
                rows.stream().map(r -> r.get("variant")).toList());
        assertEquals(List.of("variant", "model.scaling", "data.n", "seeds", "final_loss_mean", "final_loss_min",
                "final_loss_max", "final_loss_seeds"), List.copyOf(rows.get(0).keySet()));
        assertEquals("mean-field", rows.get(3).get("model.scaling"));
        assertEquals("8", rows.get(3).get("data.n"));
        assertEquals("2", rows.get(3).get("seeds"));
        assertEquals("1.5", rows.get(3).get("final_loss_mean"));
        // only seed swept: one variant, named "all"
        Table only = new Table().add(sw("seed", "1"), "final_loss", "1").add(sw("seed", "2"), "final_loss", "3");
        assertEquals("variant,seeds,final_loss_mean,final_loss_min,final_loss_max,final_loss_seeds\nall,2,2.0,1.0,3.0,2\n",
                only.aggregate().orElseThrow());
        // only seed swept: no numeric axis, so no slopes
        assertTrue(only.slopes().isEmpty());
    }

    @Test
    void noSeedAxisNoAggregateNoNumericAxisNoSlopes() {
        Table widths = new Table().add(sw("model.width", "4"), "final_loss", "1").add(sw("model.width", "8"), "final_loss", "2");
        assertTrue(widths.aggregate().isEmpty());
        assertTrue(widths.slopes().isPresent());
        Table strings = new Table().add(sw("model.scaling", "\"ntk\"", "seed", "1"), "final_loss", "1");
        assertTrue(strings.slopes().isEmpty());
        assertTrue(strings.aggregate().isPresent());
        // an axis with a value that is not a positive number has no logarithm: no slopes
        Table zero = new Table().add(sw("model.alpha", "0"), "final_loss", "1").add(sw("model.alpha", "1"), "final_loss", "2");
        assertTrue(zero.slopes().isEmpty());
        Table negative = new Table().add(sw("model.alpha", "-1"), "final_loss", "1").add(sw("model.alpha", "1"), "final_loss", "2");
        assertTrue(negative.slopes().isEmpty());
        Table mixed = new Table().add(sw("model.alpha", "1"), "final_loss", "1").add(sw("model.alpha", "\"2\""), "final_loss", "2");
        assertTrue(mixed.slopes().isEmpty());
        // a study without runs writes neither
        assertTrue(new Table().aggregate().isEmpty());
        assertTrue(new Table().slopes().isEmpty());
        assertTrue(SeedAggregate.csv(widths.runs, List.of()).isEmpty());
        assertTrue(LogLogSlopes.csv(widths.runs, List.of()).isEmpty());
    }

    @Test
    void slopeOfMinusOneHalfOnCTimesMToTheMinusOneHalf() {
        Table t = new Table();
        for (int m : new int[] {4, 16, 64}) {
            // 2 m^-1/2 = 1, 0.5, 0.25 as the mean of 1.5 and 0.5 times it; steps the same everywhere
            double c = 2 / Math.sqrt(m);
            t.add(sw("model.width", Integer.toString(m), "seed", "1"), "final_loss", Double.toString(1.5 * c), "steps", "10");
            t.add(sw("model.width", Integer.toString(m), "seed", "2"), "final_loss", Double.toString(0.5 * c), "steps", "10");
        }
        String csv = t.slopes().orElseThrow();
        assertEquals("axis,model.width,quantity,points,slope,r2", csv.lines().findFirst().orElseThrow());
        assertEquals(2, parse(csv).size());
        Map<String, String> loss = slopeRow(csv, "model.width", "final_loss");
        assertEquals("", loss.get("model.width"));
        assertEquals("3", loss.get("points"));
        assertEquals(-0.5, Double.parseDouble(loss.get("slope")), TOL);
        assertEquals(1.0, Double.parseDouble(loss.get("r2")), TOL);
        // constant values: slope 0, R² = 1 − 0/0 undefined
        Map<String, String> steps = slopeRow(csv, "model.width", "steps");
        assertEquals("0.0", steps.get("slope"));
        assertEquals("", steps.get("r2"));
    }

    @Test
    void noisyFitWorkedByHand() {
        // x = (0, 1, 2), y = (0, 2, 1): x̄ = ȳ = 1, Σ(x−x̄)(y−ȳ) = 1, Σ(x−x̄)² = 2, slope 1/2, intercept 1/2;
        // residuals (−1/2, 1, −1/2): SS_res = 3/2, SS_tot = 2, R² = 1 − 3/4 = 1/4
        LineFit fit = LineFit.through(new double[] {0, 1, 2}, new double[] {0, 2, 1});
        assertEquals(0.5, fit.slope());
        assertEquals(0.25, fit.r2());
        // the same in logarithms: widths 1, 2, 4 (x = 0, L, 2L with L = ln 2) and seed means 1, 4, 2
        // (y = 0, 2L, L): slope L²/(2L²) = 1/2, R² = 1 − (3/2)L²/(2L²) = 1/4. Fitting all six points
        // instead of the seed means would give another line.
        Table t = new Table();
        String[][] values = {{"1", "0.5", "1.5"}, {"2", "3", "5"}, {"4", "1", "3"}};
        for (String[] v : values) {
            t.add(sw("model.width", v[0], "seed", "1"), "final_loss", v[1]);
            t.add(sw("model.width", v[0], "seed", "2"), "final_loss", v[2]);
        }
        Map<String, String> row = slopeRow(t.slopes().orElseThrow(), "model.width", "final_loss");
        assertEquals(0.5, Double.parseDouble(row.get("slope")), TOL);
        assertEquals(0.25, Double.parseDouble(row.get("r2")), TOL);
        // seeds zipped with the width: 1 run at width 1 (value 1), 2 at width 2 (3 and 5, mean 4): slope ln 4 / ln 2 = 2
        Table zipped = new Table().add(sw("model.width", "1", "seed", "1"), "final_loss", "1")
                .add(sw("model.width", "2", "seed", "1"), "final_loss", "3")
                .add(sw("model.width", "2", "seed", "2"), "final_loss", "5");
        assertEquals(2.0, Double.parseDouble(slopeRow(zipped.slopes().orElseThrow(), "model.width", "final_loss").get("slope")),
                TOL);
        // two points: the line passes through both
        LineFit two = LineFit.through(new double[] {1, 3}, new double[] {5, 1});
        assertEquals(-2.0, two.slope());
        assertEquals(1.0, two.r2());
        // equal values after a different first one are not constant: ȳ = 4/3, slope (−2/3 − 1/3)/2
        assertEquals(-0.5, LineFit.through(new double[] {0, 1, 2}, new double[] {2, 1, 1}).slope(), TOL);
        // three equal values whose mean rounds off them ((0.1 + 0.1 + 0.1)/3 ≠ 0.1): still slope 0, R² undefined
        LineFit flat = LineFit.through(new double[] {0, 1, 2}, new double[] {0.1, 0.1, 0.1});
        assertEquals(0.0, flat.slope());
        assertTrue(Double.isNaN(flat.r2()));
        // x not centred: x = (1, 2, 4), y = (1, 3, 2); x̄ = 7/3, ȳ = 2; Σ(x−x̄)(y−ȳ) = 4/3 − 1/3 + 0 = 1,
        // Σ(x−x̄)² = 16/9 + 1/9 + 25/9 = 14/3, slope 3/14; SS_tot = 2, SS_res = SS_tot − slope·Σ(x−x̄)(y−ȳ)
        // = 25/14, R² = 1 − 25/28 = 3/28
        LineFit offCentre = LineFit.through(new double[] {1, 2, 4}, new double[] {1, 3, 2});
        assertEquals(3.0 / 14, offCentre.slope(), TOL);
        assertEquals(3.0 / 28, offCentre.r2(), TOL);
        assertEquals(0.0, LineFit.through(new double[] {0, 1}, new double[] {3, 3}).slope());
        assertTrue(Double.isNaN(LineFit.through(new double[] {0, 1}, new double[] {3, 3}).r2()));
    }

    @Test
    void groupsByTheOtherAxes() {
        // loss = n m^-1/2 (ntk) or n m^-1 (mean-field): slope -1/2 or -1 against width, 1 against n
        Table t = new Table();
        for (String scaling : List.of("ntk", "mean-field")) {
            for (int m : new int[] {1, 4, 16}) {
                for (int n : new int[] {2, 8}) {
                    double loss = scaling.equals("ntk") ? n / Math.sqrt(m) : (double) n / m;
                    t.add(sw("model.scaling", "\"" + scaling + "\"", "model.width", Integer.toString(m), "data.n",
                            Integer.toString(n)), "final_loss", Double.toString(loss));
                }
            }
        }
        String csv = t.slopes().orElseThrow();
        assertEquals("axis,model.scaling,model.width,data.n,quantity,points,slope,r2", csv.lines().findFirst().orElseThrow());
        // 4 groups (scaling × n) for the width, 6 (scaling × width) for n; the scaling is not numeric
        List<Map<String, String>> rows = parse(csv);
        assertEquals(10, rows.size());
        assertEquals(4, rows.stream().filter(r -> r.get("axis").equals("model.width")).count());
        Map<String, String> first = rows.get(0);
        assertEquals(List.of("model.width", "ntk", "", "2", "final_loss", "3"),
                List.of(first.get("axis"), first.get("model.scaling"), first.get("model.width"), first.get("data.n"),
                        first.get("quantity"), first.get("points")));
        for (String n : List.of("2", "8")) {
            Map<String, String> ntk = slopeRow(csv, "model.width", "final_loss", "model.scaling", "ntk", "data.n", n);
            assertEquals(-0.5, Double.parseDouble(ntk.get("slope")), TOL);
            Map<String, String> mf = slopeRow(csv, "model.width", "final_loss", "model.scaling", "mean-field", "data.n", n);
            assertEquals(-1.0, Double.parseDouble(mf.get("slope")), TOL);
            assertEquals(1.0, Double.parseDouble(mf.get("r2")), TOL);
        }
        for (String m : List.of("1", "4", "16")) {
            Map<String, String> byN = slopeRow(csv, "data.n", "final_loss", "model.scaling", "mean-field", "model.width", m);
            assertEquals("", byN.get("data.n"));
            assertEquals("2", byN.get("points"));
            assertEquals(1.0, Double.parseDouble(byN.get("slope")), TOL);
        }
    }

    @Test
    void skippedFitsHaveEmptyCells() {
        Table t = new Table();
        for (String m : List.of("1", "2")) {
            for (String seed : List.of("1", "2")) {
                boolean gap = m.equals("2") && seed.equals("2");
                t.add(sw("model.width", m, "seed", seed, "data.n", "4"),
                        "final_loss", m.equals("1") ? "1" : "0.5",
                        "rate", gap ? "" : "3", // one seed without a value
                        "time", gap ? "0" : "1", // a zero: no logarithm
                        "lambda0", gap ? "-1" : "1", // a negative value
                        "final_x", gap ? "Infinity" : "1"); // a diverged value
            }
        }
        String csv = t.slopes().orElseThrow();
        assertEquals(-1.0, Double.parseDouble(slopeRow(csv, "model.width", "final_loss").get("slope")), TOL);
        for (String q : List.of("rate", "time", "lambda0", "final_x")) {
            Map<String, String> row = slopeRow(csv, "model.width", q);
            assertEquals("2", row.get("points"), q);
            assertEquals("", row.get("slope"), q);
            assertEquals("", row.get("r2"), q);
        }
        // data.n has one value: groups of one point have no slope, even with values everywhere
        Map<String, String> single = slopeRow(csv, "data.n", "final_loss", "model.width", "1");
        assertEquals("1", single.get("points"));
        assertEquals("", single.get("slope"));
        assertEquals("", single.get("r2"));
        // status and id are not quantities; every row's quantity is one of the numbers
        assertFalse(csv.contains("status"));
        // 5 quantities for 1 width group (n = 4) and for 2 n groups (width 1, 2)
        assertEquals(15, parse(csv).size());
    }

    @Test
    void numbersAndQuantities() {
        assertEquals(2.5, StudyTables.number("2.5"));
        assertEquals(-3.0, StudyTables.number("-3"));
        assertNull(StudyTables.number(""));
        assertNull(StudyTables.number("converged"));
        assertNull(StudyTables.number("NaN"));
        assertNull(StudyTables.number("Infinity"));
        assertNull(StudyTables.number("-Infinity"));
        assertEquals("1.0E-9", StudyTables.cell(1e-9));
        assertEquals("", StudyTables.cell(Double.NaN));
        assertEquals("", StudyTables.cell(Double.NEGATIVE_INFINITY));
        Map<String, String> cells = new LinkedHashMap<>();
        for (String c : List.of("id", "model.width", "seed", "status", "final_loss", "steps", "time", "wall_seconds",
                "rate", "rate_bound", "gram_min_eig_initial", "lambda0", "final_max_weight_change", "final_gram_min_eig")) {
            cells.put(c, "");
        }
        assertEquals(List.of("final_loss", "steps", "time", "wall_seconds", "rate", "rate_bound", "gram_min_eig_initial",
                "lambda0", "final_max_weight_change", "final_gram_min_eig"), StudyTables.quantities(List.of(new IndexRow(cells))));
    }

    @Test
    void writesOnlyTheTablesAStudyHas() throws Exception {
        Table both = new Table().add(sw("model.width", "4", "seed", "1"), "final_loss", "1")
                .add(sw("model.width", "8", "seed", "1"), "final_loss", "2");
        StudyTables.write(dir, both.runs, both.rows);
        assertEquals(both.aggregate().orElseThrow(), Files.readString(dir.resolve("aggregate.csv")));
        assertEquals(both.slopes().orElseThrow(), Files.readString(dir.resolve("slopes.csv")));
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Table neither = new Table().add(sw("model.scaling", "\"ntk\""), "final_loss", "1");
        StudyTables.write(plain, neither.runs, neither.rows);
        try (var files = Files.list(plain)) {
            assertEquals(0, files.count());
        }
        Path file = Files.writeString(dir.resolve("file"), "x");
        GdflowException e = assertThrows(GdflowException.class, () -> StudyTables.write(file, both.runs, both.rows));
        assertTrue(e.getMessage().startsWith("cannot write " + file.resolve("aggregate.csv") + ": "), e.getMessage());
        Table slopesOnly = new Table().add(sw("model.width", "4"), "final_loss", "1");
        GdflowException s = assertThrows(GdflowException.class, () -> StudyTables.write(file, slopesOnly.runs, slopesOnly.rows));
        assertTrue(s.getMessage().startsWith("cannot write " + file.resolve("slopes.csv") + ": "), s.getMessage());
    }

    @Test
    void aRealStudyOfWidthsAndSeeds() throws Exception {
        Study study = Study.parse(StudyPlanTest.GDFLOW, StudySpecs.withSweep("{\"model.width\": [4, 16], \"seed\": [1, 2]}"),
                Path.of("."));
        List<IndexRow> rows = study.run(dir, 1, StudyListener.NONE);
        StudyTables.write(dir, study.plan(), rows);
        Map<String, Double> loss = new LinkedHashMap<>();
        for (IndexRow row : rows) {
            loss.put(row.get("id"), Double.parseDouble(row.get("final_loss")));
        }
        List<Map<String, String>> aggregate = parse(Files.readString(dir.resolve("aggregate.csv")));
        assertEquals(List.of("width=4", "width=16"), aggregate.stream().map(r -> r.get("variant")).toList());
        double mean4 = (loss.get("width=4_seed=1") + loss.get("width=4_seed=2")) / 2;
        double mean16 = (loss.get("width=16_seed=1") + loss.get("width=16_seed=2")) / 2;
        assertEquals(mean4, Double.parseDouble(aggregate.get(0).get("final_loss_mean")));
        assertEquals(Math.min(loss.get("width=16_seed=1"), loss.get("width=16_seed=2")),
                Double.parseDouble(aggregate.get(1).get("final_loss_min")));
        assertEquals("2", aggregate.get(1).get("final_max_weight_change_seeds"));
        Map<String, String> slope = slopeRow(Files.readString(dir.resolve("slopes.csv")), "model.width", "final_loss");
        assertEquals((Math.log(mean16) - Math.log(mean4)) / (Math.log(16) - Math.log(4)), Double.parseDouble(slope.get("slope")),
                1e-9);
        assertEquals(1.0, Double.parseDouble(slope.get("r2")), 1e-9);
    }
}
