package org.gdflow.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gdflow.core.error.GdflowException;
import org.gdflow.study.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gdflow report DIR}: draws the plots of a results folder again and writes its report.md
 * and report.html ({@link StudyReport}) from the files alone; no run is started and no plugin is loaded.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Draw the plots of a results folder again and write DIR/report.md and DIR/report.html",
            "(one self-contained file: figures inline, the tables, the spec, the provenance).",
            "Reads the folder's files only: nothing is run again."})
final class ReportCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(paramLabel = "DIR",
            description = "what 'gdflow run' wrote: a study's folder or a run's")
    private Path dir;

    ReportCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new GdflowException("report: " + dir + " is not a folder; give the folder that 'gdflow run' wrote (its --out)");
        }
        List<Path> written = StudyReport.write(dir);
        long plots = written.stream().filter(file -> file.toString().endsWith(".png")).count();
        out.println("wrote " + dir.resolve("report.html") + " and " + dir.resolve("report.md") + " (" + plots + " plot"
                + (plots == 1 ? "" : "s") + ", PNG and SVG)");
        return 0;
    }
}
