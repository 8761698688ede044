package org.gdflow.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.run.Provenance;
import org.gdflow.core.run.RunWriter;

/**
 * The report of a results folder, made from its files alone: nothing is run again, and no plugin
 * or backend is needed. {@link #write} draws the plots again ({@link StudyPlots}) and writes
 * {@code report.md} (figures linked as files beside it) and {@code report.html}, one self-contained
 * file: the figures inline as PNG data URIs, the tables (slopes.csv, aggregate.csv, index.csv and
 * any other CSV file in the folder) cell for cell as the files hold them, the spec and the
 * provenance of the runs.
 *
 * <p>A study folder is one with {@code index.csv} (its runs in {@code <id>/}, its spec in
 * {@code study.json}); a run folder is one with {@code summary.json}, reported as a study of one run.
 */
public final class StudyReport {
    /** The table of a run folder's one run. */
    static final String RUN_TABLE = "run";
    /** The tables of a study in the order the report shows them, with their headings. */
    static final Map<String, String> TABLES = tables();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Distinct values of a provenance key listed before the rest are only counted. */
    private static final int LISTED = 8;

    private StudyReport() {
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("slopes.csv", "Log–log slopes against each numeric swept path");
        tables.put("aggregate.csv", "Mean, min and max over seeds");
        tables.put("index.csv", "Runs");
        tables.put(RUN_TABLE, "The run, as a row of index.csv");
        return tables;
    }

    /** What the report shows of one folder. */
    private record Contents(String name, String summary, List<Path> figures, Map<String, List<List<String>>> tables,
                            String specFile, String spec, Map<String, String> provenance) {
    }

    /**
     * Draws the plots of the results folder {@code dir} again and writes {@code report.md} and
     * {@code report.html} into it; returns every file written, the plots (PNG then SVG) first.
     *
     * @throws GdflowException when {@code dir} holds neither index.csv nor summary.json, or a file
     *     the report reads cannot be read
     */
    public static List<Path> write(Path dir) {
        Path index = dir.resolve("index.csv");
        List<IndexRow> rows;
        Function<IndexRow, Path> runDir;
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        String specFile;
        JsonNode spec;
        if (Files.isRegularFile(index)) {
            String text = read(index);
            rows = IndexCsv.parse(text, index.toString());
            runDir = row -> dir.resolve(row.get("id"));
            specFile = "study.json";
            spec = Files.isRegularFile(dir.resolve(specFile)) ? json(dir.resolve(specFile)) : null;
        } else if (Files.isRegularFile(dir.resolve("summary.json"))) {
            specFile = "summary.json";
            spec = json(dir.resolve(specFile)).get("spec");
            Path run = dir.toAbsolutePath().normalize();
            rows = StudyIndex.rows(List.of(new PlannedRun(run.getFileName().toString(), List.of(), "{}", "")), Set.of(),
                    run.getParent());
            runDir = row -> dir;
            tables.put(RUN_TABLE, IndexCsv.records(IndexCsv.format(rows), "the run"));
        } else {
            throw new GdflowException("report: " + dir + " holds neither index.csv (a study) nor summary.json (a run); give"
                    + " the folder that 'gdflow run' wrote (its --out)");
        }
        List<Path> written = new ArrayList<>(StudyPlots.write(dir, rows, runDir));
        for (Path csv : filesEndingIn(dir, ".csv")) {
            String name = csv.getFileName().toString();
            // a run folder's trajectory is drawn, not tabulated
            if (!tables.containsKey(name) && !name.equals("trajectory.csv")) {
                tables.put(name, IndexCsv.records(read(csv), csv.toString()));
            }
        }
        List<Path> figures = new ArrayList<>();
        for (Path file : written) {
            if (file.toString().endsWith(".png")) {
                figures.add(file);
            }
        }
        for (Path png : filesEndingIn(dir, ".png")) {
            if (!figures.contains(png)) {
                figures.add(png);
            }
        }
        String name = spec != null && spec.path("name").isTextual() ? spec.get("name").textValue()
                : dir.toAbsolutePath().normalize().getFileName().toString();
        Contents contents = new Contents(name, summary(rows), figures, ordered(tables), specFile,
                spec == null ? null : pretty(spec), provenance(rows, runDir));
        Path md = dir.resolve("report.md");
        Path html = dir.resolve("report.html");
        try {
            RunWriter.writeAtomically(md, markdown(contents));
            RunWriter.writeAtomically(html, html(contents));
        } catch (IOException e) {
            throw new GdflowException("cannot write " + md + " or " + html + ": " + e.getMessage());
        }
        written.add(md);
        written.add(html);
        return written;
    }

    /** The study's own tables in {@link #TABLES}' order, then the others by file name. */
    private static Map<String, List<List<String>>> ordered(Map<String, List<List<String>>> tables) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        for (String name : TABLES.keySet()) {
            if (tables.containsKey(name)) {
                out.put(name, tables.get(name));
            }
        }
        out.putAll(new TreeMap<>(tables));
        return out;
    }

    /** One sentence on the runs: how many, how they ended, what was swept. */
    static String summary(List<IndexRow> rows) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (IndexRow row : rows) {
            statuses.merge(row.get("status").isEmpty() ? "no status" : row.get("status"), 1, Integer::sum);
        }
        List<String> ended = new ArrayList<>();
        statuses.forEach((status, count) -> ended.add(count + " " + status));
        StringBuilder sb = new StringBuilder();
        sb.append(rows.size()).append(rows.size() == 1 ? " run" : " runs");
        if (!ended.isEmpty()) {
            sb.append(" (").append(String.join(", ", ended)).append(')');
        }
        List<String> swept = rows.isEmpty() ? List.of() : StudyPlots.sweptPaths(rows);
        if (!swept.isEmpty()) {
            List<String> axes = new ArrayList<>();
            for (String path : swept) {
                Set<String> values = new LinkedHashSet<>();
                for (IndexRow row : rows) {
                    values.add(row.get(path));
                }
                axes.add(path + " (" + String.join(", ", values) + ")");
            }
            sb.append("; swept: ").append(String.join("; ", axes));
        }
        return sb.append('.').toString();
    }

    /**
     * The provenance of the runs, key by key as summary.json holds it (an object's keys each as its own
     * key, {@code versions activation/tanh}): the distinct values (the first {@value #LISTED}, then how many
     * more), {@code start_time} as its earliest and latest value, and the sum of the runs' wall-clock seconds.
     */
    static Map<String, String> provenance(List<IndexRow> rows, Function<IndexRow, Path> runDir) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        double wall = 0;
        for (IndexRow row : rows) {
            Path summary = runDir.apply(row).resolve("summary.json");
            if (!Files.isRegularFile(summary)) {
                continue;
            }
            JsonNode node = json(summary);
            wall += node.path("wall_seconds").asDouble(0);
            Iterator<Map.Entry<String, JsonNode>> fields = node.path("provenance").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isObject()) {
                    // versions: one key per plugin ("versions activation/tanh")
                    field.getValue().fields().forEachRemaining(inner -> values.computeIfAbsent(field.getKey() + " " + inner.getKey(),
                            k -> new LinkedHashSet<>()).add(inner.getValue().asText()));
                } else {
                    values.computeIfAbsent(field.getKey(), k -> new LinkedHashSet<>()).add(field.getValue().asText());
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("report written by", "gdflow " + Provenance.version() + " from the files of this folder (no run repeated)");
        for (Map.Entry<String, Set<String>> entry : values.entrySet()) {
            List<String> distinct = new ArrayList<>(entry.getValue());
            if (entry.getKey().equals("start_time")) {
                // ISO-8601 instants in UTC sort as text
                distinct.sort(null);
                out.put("first start_time", distinct.get(0));
                out.put("last start_time", distinct.get(distinct.size() - 1));
            } else if (distinct.size() > LISTED) {
                out.put(entry.getKey(), String.join(", ", distinct.subList(0, LISTED)) + " and " + (distinct.size() - LISTED)
                        + " more");
            } else {
                out.put(entry.getKey(), String.join(", ", distinct));
            }
        }
        out.put("wall_seconds (sum over runs)", String.format(Locale.ROOT, "%.3f", wall));
        return out;
    }

    /** The caption of a figure from its file name. */
    static String caption(Path figure) {
        String name = figure.getFileName().toString();
        name = name.substring(0, name.length() - ".png".length());
        int vs = name.indexOf("_vs_");
        if (vs > 0) {
            return name.substring(0, vs) + " against " + name.substring(vs + "_vs_".length())
                    + " (log–log; the fitted slope in the legend)";
        }
        return name + " against the flow time t";
    }

    private static String markdown(Contents c) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(c.name()).append("\n\n").append(c.summary()).append("\n\n");
        md.append("Made from the files of this folder; `gdflow report DIR` writes it again without running anything."
                + " `report.html` is the same report in one file.\n\n");
        if (!c.figures().isEmpty()) {
            md.append("## Figures\n\n");
            for (Path figure : c.figures()) {
                String file = figure.getFileName().toString();
                String svg = file.substring(0, file.length() - ".png".length()) + ".svg";
                md.append("### ").append(caption(figure)).append("\n\n![").append(caption(figure)).append("](")
                        .append(file).append(")\n\n");
                if (Files.isRegularFile(figure.resolveSibling(svg))) {
                    md.append("[").append(file).append("](").append(file).append("), [").append(svg).append("](")
                            .append(svg).append(")\n\n");
                }
            }
        }
        for (Map.Entry<String, List<List<String>>> table : c.tables().entrySet()) {
            md.append("## ").append(TABLES.getOrDefault(table.getKey(), "Table")).append(" (").append(table.getKey())
                    .append(")\n\n");
            List<List<String>> records = table.getValue();
            for (int r = 0; r < records.size(); r++) {
                md.append('|');
                for (String cell : records.get(r)) {
                    md.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
                }
                md.append('\n');
                if (r == 0) {
                    md.append('|').append(" --- |".repeat(records.get(0).size())).append('\n');
                }
            }
            md.append('\n');
        }
        if (c.spec() != null) {
            md.append("## Spec (").append(c.specFile()).append(")\n\n```json\n").append(c.spec()).append("\n```\n\n");
        }
        md.append("## Provenance\n\n| key | value |\n| --- | --- |\n");
        c.provenance().forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|"))
                .append(" |\n"));
        return md.toString();
    }

    private static String html(Contents c) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(c.name())).append(" (gdflow report)</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 2em auto; max-width: 1700px; padding: 0 1em; }\n")
                .append("figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }\n")
                .append("figcaption { font-size: 0.9em; color: #444; }\n")
                .append(".table { overflow-x: auto; max-height: 40em; overflow-y: auto; margin-bottom: 1em; }\n")
                .append("table { border-collapse: collapse; font-size: 0.8em; }\n")
                .append("th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: right; white-space: nowrap; }\n")
                .append("th { background: #f0f0f0; position: sticky; top: 0; }\n")
                .append("pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(escape(c.name())).append("</h1>\n<p>").append(escape(c.summary())).append("</p>\n");
        h.append("<p>Made from the files of this folder; <code>gdflow report DIR</code> writes it again without running"
                + " anything. Figures are inline; nothing is loaded from elsewhere.</p>\n");
        List<String> sections = new ArrayList<>();
        if (!c.figures().isEmpty()) {
            sections.add("<a href=\"#figures\">Figures</a>");
        }
        for (String table : c.tables().keySet()) {
            sections.add("<a href=\"#" + anchor(table) + "\">" + escape(table) + "</a>");
        }
        if (c.spec() != null) {
            sections.add("<a href=\"#spec\">Spec</a>");
        }
        sections.add("<a href=\"#provenance\">Provenance</a>");
        h.append("<p>").append(String.join(" · ", sections)).append("</p>\n");
        if (!c.figures().isEmpty()) {
            h.append("<h2 id=\"figures\">Figures</h2>\n");
            for (Path figure : c.figures()) {
                byte[] png;
                try {
                    png = Files.readAllBytes(figure);
                } catch (IOException e) {
                    throw new GdflowException("cannot read the plot " + figure + ": " + e.getMessage());
                }
                h.append("<figure><img alt=\"").append(escape(caption(figure))).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>")
                        .append(escape(figure.getFileName() + ": " + caption(figure))).append("</figcaption></figure>\n");
            }
        }
        for (Map.Entry<String, List<List<String>>> table : c.tables().entrySet()) {
            h.append("<h2 id=\"").append(anchor(table.getKey())).append("\">")
                    .append(escape(TABLES.getOrDefault(table.getKey(), "Table"))).append(" (").append(escape(table.getKey()))
                    .append(")</h2>\n<div class=\"table\"><table>\n");
            List<List<String>> records = table.getValue();
            for (int r = 0; r < records.size(); r++) {
                String tag = r == 0 ? "th" : "td";
                h.append("<tr>");
                for (String cell : records.get(r)) {
                    h.append('<').append(tag).append('>').append(escape(cell)).append("</").append(tag).append('>');
                }
                h.append("</tr>\n");
            }
            h.append("</table></div>\n");
        }
        if (c.spec() != null) {
            h.append("<h2 id=\"spec\">Spec (").append(escape(c.specFile())).append(")</h2>\n<pre>").append(escape(c.spec()))
                    .append("</pre>\n");
        }
        h.append("<h2 id=\"provenance\">Provenance</h2>\n<div class=\"table\"><table>\n");
        c.provenance().forEach((key, value) -> h.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(value)).append("</td></tr>\n"));
        h.append("</table></div>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Text with {@code & < > "} as HTML entities. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** An id for a table's heading: its file name with every character outside [A-Za-z0-9-] as '-'. */
    private static String anchor(String file) {
        return "table-" + file.replaceAll("[^A-Za-z0-9-]", "-");
    }

    /** The files of {@code dir} (not its sub-folders) whose names end in {@code suffix}, sorted by name. */
    private static List<Path> filesEndingIn(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new GdflowException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new GdflowException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode json(Path file) {
        try {
            return MAPPER.readTree(read(file));
        } catch (JsonProcessingException e) {
            throw new GdflowException(file + " line " + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String pretty(JsonNode spec) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree read from a file writes back", e);
        }
    }
}
