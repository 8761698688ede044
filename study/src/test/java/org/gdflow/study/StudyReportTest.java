package org.gdflow.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.Provenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The report of a results folder: made from the files alone (nothing in the runs' folders is
 * touched), one self-contained HTML file, tables equal to the CSV files cell for cell, the spec and
 * the provenance as the runs recorded them.
 */
class StudyReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SWEEP = "{\"model.width\": [4, 8], \"seed\": [1, 2]}";

    /** One finished study, run once for the whole class; each test gets its own copy. */
    @TempDir
    static Path shared;
    private static Path finished;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheStudyOnce() {
        finished = shared.resolve("study");
        Study.parse(StudyPlanTest.GDFLOW, StudySpecs.withSweep(SWEEP), Path.of(".")).run(finished, 1, StudyListener.NONE);
    }

    /** Copies the finished study into this test's folder, modification times included. */
    private void runStudy() throws Exception {
        try (Stream<Path> files = Files.walk(finished)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(finished.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Every regular file under {@code root} with its bytes and modification time. */
    private static Map<Path, Object[]> snapshot(Path root) throws Exception {
        Map<Path, Object[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(file), new Object[] {Files.readAllBytes(file), Files.getLastModifiedTime(file)});
            }
        }
        return out;
    }

    /** The cells of the HTML table under the heading with {@code id}, entities decoded. */
    private static List<List<String>> htmlTable(String html, String id) {
        int start = html.indexOf("<h2 id=\"" + id + "\">");
        assertTrue(start >= 0, "no heading " + id);
        String table = html.substring(html.indexOf("<table>", start), html.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd]>(.*?)</t[hd]>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The cells of the Markdown table under the heading {@code heading}. */
    private static List<List<String>> markdownTable(String md, String heading) {
        int start = md.indexOf(heading + "\n");
        assertTrue(start >= 0, "no heading " + heading);
        List<List<String>> rows = new ArrayList<>();
        for (String line : md.substring(start).lines().skip(2).takeWhile(l -> l.startsWith("|")).toList()) {
            if (line.startsWith("| ---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(2, line.length() - 2).split(" \\| ", -1)) {
                cells.add(cell.strip().replace("\\|", "|"));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void reportOnAStudyFolderRunsNothingAndDrawsThePlotsAgain() throws Exception {
        runStudy();
        Files.setLastModifiedTime(dir.resolve("index.csv"), FileTime.fromMillis(1_000_000_000_000L));
        Map<Path, Object[]> before = snapshot(dir);

        List<Path> written = StudyReport.write(dir);

        assertEquals(List.of(dir.resolve("loss.png"), dir.resolve("loss.svg"), dir.resolve("max_weight_change.png"),
                dir.resolve("max_weight_change.svg")), written.subList(0, 4));
        assertEquals(List.of(dir.resolve("report.md"), dir.resolve("report.html")), written.subList(written.size() - 2,
                written.size()));
        Map<Path, Object[]> after = snapshot(dir);
        // every file that was there is as it was, bytes and modification time: no run was repeated
        for (Map.Entry<Path, Object[]> file : before.entrySet()) {
            assertArrayEquals((byte[]) file.getValue()[0], (byte[]) after.get(file.getKey())[0], file.getKey().toString());
            assertEquals(file.getValue()[1], after.get(file.getKey())[1], file.getKey().toString());
        }
        // what is new is exactly what the report says it wrote
        List<Path> added = new ArrayList<>(after.keySet());
        added.removeAll(before.keySet());
        List<Path> expected = new ArrayList<>(written.stream().map(dir::relativize).toList());
        expected.sort(null);
        assertEquals(expected, added);
        assertEquals(14, added.size());
        StudyPlotsTest.assertPng(dir.resolve("loss.png"), 800, 500);
    }

    @Test
    void theHtmlIsOneSelfContainedFileWithTheFiguresInline() throws Exception {
        runStudy();
        Files.writeString(dir.resolve("notes.csv"), "a,b\n1,\"<x>\"\n");
        StudyReport.write(dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html.substring(0, 40));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("url("));
        List<String> images = new ArrayList<>();
        Matcher attribute = Pattern.compile("\\b(src|href)=\"([^\"]*)\"").matcher(html);
        while (attribute.find()) {
            String value = attribute.group(2);
            if (attribute.group(1).equals("src")) {
                assertTrue(value.startsWith("data:image/png;base64,"), value.substring(0, Math.min(40, value.length())));
                images.add(value.substring("data:image/png;base64,".length()));
            } else {
                // links only within the page, to headings that exist
                assertTrue(value.startsWith("#"), value);
                assertTrue(html.contains(" id=\"" + value.substring(1) + "\""), value);
            }
        }
        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(pngs.size(), images.size());
        // the inline images are the PNG files, byte for byte (in the order the plots are drawn)
        List<String> expected = new ArrayList<>();
        for (String name : List.of("loss", "max_weight_change", "final_loss_vs_model.width",
                "final_max_weight_change_vs_model.width", "rate_vs_model.width", "gram_min_eig_initial_vs_model.width")) {
            expected.add(Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(name + ".png"))));
        }
        assertEquals(expected, images);
        assertTrue(html.contains("<p><a href=\"#figures\">Figures</a> · <a href=\"#table-slopes-csv\">slopes.csv</a>"), html);
        assertTrue(html.contains("<a href=\"#spec\">Spec</a> · <a href=\"#provenance\">Provenance</a></p>"));
        assertTrue(html.contains("<tr><th>backend</th><td>ejml</td></tr>\n"));
        // a cell's markup is escaped, not interpreted
        assertEquals(List.of(List.of("a", "b"), List.of("1", "<x>")), htmlTable(html, "table-notes-csv"));
        assertTrue(html.contains("<td>&lt;x&gt;</td>"));
    }

    @Test
    void theTablesHoldTheCsvFilesCellForCell() throws Exception {
        runStudy();
        StudyReport.write(dir);
        String html = Files.readString(dir.resolve("report.html"));
        String md = Files.readString(dir.resolve("report.md"));
        for (String[] table : new String[][] {{"index.csv", "table-index-csv", "## Runs (index.csv)"},
                {"aggregate.csv", "table-aggregate-csv", "## Mean, min and max over seeds (aggregate.csv)"},
                {"slopes.csv", "table-slopes-csv", "## Log–log slopes against each numeric swept path (slopes.csv)"}}) {
            List<List<String>> csv = IndexCsv.records(Files.readString(dir.resolve(table[0])), table[0]);
            assertEquals(5, IndexCsv.records(Files.readString(dir.resolve("index.csv")), "index.csv").size());
            assertEquals(csv, htmlTable(html, table[1]), table[0]);
            assertEquals(csv, markdownTable(md, table[2]), table[0]);
        }
        // the numbers are the runs' own: final_loss of the first run as its summary.json has it
        JsonNode summary = MAPPER.readTree(dir.resolve("width=4_seed=1").resolve("summary.json").toFile());
        List<List<String>> index = htmlTable(html, "table-index-csv");
        assertEquals(summary.get("final_loss").asText(), index.get(1).get(index.get(0).indexOf("final_loss")));
        // one separator line under each table's header: slopes, aggregate, index, provenance
        assertEquals(4, md.lines().filter(line -> line.startsWith("| --- |")).count());
        // slopes first, then the means, then the runs
        assertTrue(md.indexOf("(slopes.csv)") < md.indexOf("(aggregate.csv)"));
        assertTrue(md.indexOf("(aggregate.csv)") < md.indexOf("(index.csv)"));
    }

    @Test
    void theSpecAndTheProvenanceAreTheRunsOwn() throws Exception {
        runStudy();
        StudyReport.write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.startsWith("# tiny\n\n4 runs (4 step_limit); swept: model.width (4, 8); seed (1, 2).\n\n"), md);
        String json = md.substring(md.indexOf("## Spec (study.json)\n\n```json\n") + "## Spec (study.json)\n\n```json\n".length());
        json = json.substring(0, json.indexOf("\n```"));
        assertEquals(MAPPER.readTree(StudySpecs.withSweep(SWEEP)), MAPPER.readTree(json));
        Map<String, String> provenance = new LinkedHashMap<>();
        List<List<String>> table = markdownTable(md, "## Provenance");
        for (List<String> row : table.subList(1, table.size())) {
            provenance.put(row.get(0), row.get(1));
        }
        List<String> starts = new ArrayList<>();
        double wall = 0;
        for (String id : List.of("width=4_seed=1", "width=4_seed=2", "width=8_seed=1", "width=8_seed=2")) {
            JsonNode summary = MAPPER.readTree(dir.resolve(id).resolve("summary.json").toFile());
            starts.add(summary.get("provenance").get("start_time").asText());
            wall += summary.get("wall_seconds").asDouble();
        }
        starts.sort(null);
        assertEquals(starts.get(0), provenance.get("first start_time"));
        assertEquals(starts.get(3), provenance.get("last start_time"));
        assertEquals("1, 2", provenance.get("seed"));
        assertEquals("ejml", provenance.get("backend"));
        assertEquals(Provenance.version(), provenance.get("gdflow_version"));
        assertEquals(String.format(Locale.ROOT, "%.3f", wall), provenance.get("wall_seconds (sum over runs)"));
        assertEquals("gdflow " + Provenance.version() + " from the files of this folder (no run repeated)",
                provenance.get("report written by"));
        // after the start times, one row per entry of the runs' versions (gdflow and each plugin), each with its one value
        JsonNode versions = MAPPER.readTree(dir.resolve("width=4_seed=1").resolve("summary.json").toFile()).at("/provenance/versions");
        List<String> keys = new ArrayList<>(List.of("report written by", "gdflow_version", "java_version", "java_vendor", "os", "arch",
                "cores", "simd", "backend", "seed", "first start_time", "last start_time"));
        versions.fields().forEachRemaining(v -> {
            keys.add("versions " + v.getKey());
            assertEquals(v.getValue().asText(), provenance.get("versions " + v.getKey()));
        });
        keys.add("wall_seconds (sum over runs)");
        assertEquals(keys, List.copyOf(provenance.keySet()));
        assertEquals(5, versions.size(), versions.toString());
        // the Markdown links each figure and its SVG beside it
        assertTrue(md.contains("### loss against the flow time t\n\n![loss against the flow time t](loss.png)\n\n"
                + "[loss.png](loss.png), [loss.svg](loss.svg)\n"), md);
    }

    @Test
    void aRunFolderIsReportedAsAStudyOfOneRun() throws Exception {
        Study.parse(StudyPlanTest.GDFLOW, StudySpecs.withSweep(""), Path.of(".")).run(dir, 1, StudyListener.NONE);
        Path run = dir.resolve("tiny");
        List<Path> written = StudyReport.write(run);
        assertEquals(List.of(run.resolve("loss.png"), run.resolve("loss.svg"), run.resolve("max_weight_change.png"),
                run.resolve("max_weight_change.svg"), run.resolve("report.md"), run.resolve("report.html")), written);
        String html = Files.readString(run.resolve("report.html"));
        List<List<String>> table = htmlTable(html, "table-run");
        JsonNode summary = MAPPER.readTree(run.resolve("summary.json").toFile());
        assertEquals("tiny", table.get(1).get(0));
        assertEquals(summary.get("final_loss").asText(), table.get(1).get(table.get(0).indexOf("final_loss")));
        assertEquals(summary.get("steps").asText(), table.get(1).get(table.get(0).indexOf("steps")));
        // the trajectory is drawn, not tabulated; the spec is the resolved one of summary.json
        assertFalse(html.contains("table-trajectory-csv"));
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.startsWith("# tiny\n\n1 run (1 step_limit).\n\n"), md);
        assertTrue(md.contains("## The run, as a row of index.csv (run)\n"), md);
        String json = md.substring(md.indexOf("## Spec (summary.json)\n\n```json\n") + "## Spec (summary.json)\n\n```json\n".length());
        assertEquals(summary.get("spec"), MAPPER.readTree(json.substring(0, json.indexOf("\n```"))));
    }

    @Test
    void otherFiguresAndTablesOfTheFolderAreIncluded() throws Exception {
        runStudy();
        XYChart extra = new XYChartBuilder().width(40).height(30).build();
        extra.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
        ChartFiles.write(extra, dir, "extra");
        Files.writeString(dir.resolve("threshold.csv"), "n,m_star\n16,4\n");
        StudyReport.write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("![extra against the flow time t](extra.png)"), md);
        assertEquals(List.of(List.of("n", "m_star"), List.of("16", "4")), markdownTable(md, "## Table (threshold.csv)"));
        // after the study's own tables
        assertTrue(md.indexOf("(index.csv)") < md.indexOf("(threshold.csv)"));
        assertTrue(md.indexOf("(loss.png)") < md.indexOf("(extra.png)"));
    }

    @Test
    void aFolderWithoutFiguresOrSpecLinksToNeither() throws Exception {
        // a hand-made study folder: one failed run (no trajectory), no study.json
        Files.writeString(dir.resolve("index.csv"), "id,status,final_loss\nx,failed,\n");
        assertEquals(List.of(dir.resolve("report.md"), dir.resolve("report.html")), StudyReport.write(dir));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<p><a href=\"#table-index-csv\">index.csv</a> · <a href=\"#provenance\">Provenance</a></p>"),
                html);
        assertFalse(html.contains("id=\"figures\""));
        assertFalse(html.contains("id=\"spec\""));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.startsWith("# " + dir.getFileName() + "\n\n1 run (1 failed).\n\n"), md);
        assertFalse(md.contains("## Figures"));
        assertFalse(md.contains("## Spec"));
    }

    @Test
    void aFolderWithoutResultsIsRefused() throws Exception {
        GdflowException e = assertThrows(GdflowException.class, () -> StudyReport.write(dir));
        assertEquals("report: " + dir + " holds neither index.csv (a study) nor summary.json (a run); give the folder that"
                + " 'gdflow run' wrote (its --out)", e.getMessage());
        Files.writeString(dir.resolve("summary.json"), "{\"spec\": [1,");
        GdflowException bad = assertThrows(GdflowException.class, () -> StudyReport.write(dir));
        assertTrue(bad.getMessage().startsWith(dir.resolve("summary.json") + " line 1: not valid JSON: "), bad.getMessage());
    }

    @Test
    void summaryCaptionsAndEscapes() {
        List<IndexRow> rows = List.of(
                StudyPlotsTest.row("a", StudyPlotsTest.sw("model.scaling", "ntk", "seed", "1"), "converged", "0", Map.of()),
                StudyPlotsTest.row("b", StudyPlotsTest.sw("model.scaling", "ntk", "seed", "2"), "diverged", "1", Map.of()),
                StudyPlotsTest.row("c", StudyPlotsTest.sw("model.scaling", "mean-field", "seed", "1"), "converged", "0", Map.of()),
                StudyPlotsTest.row("d", StudyPlotsTest.sw("model.scaling", "mean-field", "seed", "2"), "", "", Map.of()));
        assertEquals("4 runs (2 converged, 1 diverged, 1 no status); swept: model.scaling (ntk, mean-field); seed (1, 2).",
                StudyReport.summary(rows));
        assertEquals("0 runs.", StudyReport.summary(List.of()));
        assertEquals("loss against the flow time t", StudyReport.caption(Path.of("x", "loss.png")));
        assertEquals("final_loss against model.width (log–log; the fitted slope in the legend)",
                StudyReport.caption(Path.of("final_loss_vs_model.width.png")));
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot;", StudyReport.escape("a & b <c> \"d\""));
        // a name that starts with _vs_ names no quantity: a plot against t
        assertEquals("_vs_width against the flow time t", StudyReport.caption(Path.of("_vs_width.png")));
    }

    @Test
    void manyDistinctProvenanceValuesAreCounted() throws Exception {
        List<IndexRow> rows = new ArrayList<>();
        for (int seed = 1; seed <= 11; seed++) {
            Path run = Files.createDirectories(dir.resolve("r" + seed));
            Files.writeString(run.resolve("summary.json"), "{\"wall_seconds\": 0.5, \"provenance\": {\"seed\": " + seed
                    + ", \"start_time\": \"2026-01-0" + (seed % 9 + 1) + "T00:00:00Z\"}}");
            rows.add(StudyPlotsTest.row("r" + seed, Map.of(), "converged", "0", Map.of()));
        }
        rows.add(StudyPlotsTest.row("missing", Map.of(), "failed", "", Map.of()));
        Map<String, String> provenance = StudyReport.provenance(rows, row -> dir.resolve(row.get("id")));
        assertEquals("1, 2, 3, 4, 5, 6, 7, 8 and 3 more", provenance.get("seed"));
        assertEquals("2026-01-01T00:00:00Z", provenance.get("first start_time"));
        assertEquals("2026-01-09T00:00:00Z", provenance.get("last start_time"));
        assertEquals("5.500", provenance.get("wall_seconds (sum over runs)"));
        // eight distinct values are all listed
        Map<String, String> eight = StudyReport.provenance(rows.subList(0, 8), row -> dir.resolve(row.get("id")));
        assertEquals("1, 2, 3, 4, 5, 6, 7, 8", eight.get("seed"));
    }

    @Test
    void thePluginVersionsAreOneRowPerPlugin() throws Exception {
        List<IndexRow> rows = new ArrayList<>();
        String[] tanh = {"0.1.0 sha256:0123456789abcdef", "0.1.0 sha256:0123456789abcdef", "0.2.0 sha256:fedcba9876543210"};
        for (int r = 0; r < 3; r++) {
            Path run = Files.createDirectories(dir.resolve("v" + r));
            Files.writeString(run.resolve("summary.json"), "{\"provenance\": {\"backend\": \"ejml\", \"versions\": {\"gdflow\": \"dev\","
                    + " \"activation/tanh\": \"" + tanh[r] + "\"}}}");
            rows.add(StudyPlotsTest.row("v" + r, Map.of(), "converged", "0", Map.of()));
        }
        Map<String, String> provenance = StudyReport.provenance(rows, row -> dir.resolve(row.get("id")));
        assertEquals(List.of("report written by", "backend", "versions gdflow", "versions activation/tanh",
                "wall_seconds (sum over runs)"), List.copyOf(provenance.keySet()));
        assertEquals("dev", provenance.get("versions gdflow"));
        // two jars of tanh among the runs: both listed
        assertEquals("0.1.0 sha256:0123456789abcdef, 0.2.0 sha256:fedcba9876543210", provenance.get("versions activation/tanh"));
    }
}
