package org.gdflow.study;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gdflow.core.output.OutputFolder;
import org.gdflow.core.run.RunWriter;

/**
 * The files one run wrote, with how it ended: what an executor in another JVM sends back, to be
 * written into the study folder by {@link #writeInto}.
 *
 * @param outcome how the run ended
 * @param files every file of the run's folder by its path relative to the folder ({@code /}-separated), and its bytes
 */
public record RunFiles(RunOutcome outcome, Map<String, byte[]> files) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the map, sorted by path. */
    public RunFiles {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** An outcome without files (a run that failed before writing any). */
    static RunFiles of(RunOutcome outcome) {
        return new RunFiles(outcome, Map.of());
    }

    /** Reads every regular file under {@code dir} (none if it does not exist). */
    static RunFiles collect(RunOutcome outcome, Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                // the lock file belongs to the folder the run ran in, not to its results
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals(OutputFolder.LOCK_FILE))::iterator) {
                    files.put(dir.relativize(file).toString().replace(java.io.File.separatorChar, '/'), Files.readAllBytes(file));
                }
            } catch (IOException e) {
                return of(new RunOutcome(outcome.id(), RunOutcome.FAILED, "cannot read back the run's files: " + e.getMessage()));
            }
        }
        return new RunFiles(outcome, files);
    }

    /**
     * Writes the files into {@code dir} (created if needed), each atomically, summary.json last so
     * that a complete summary means a complete folder.
     */
    public void writeInto(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> order = new ArrayList<>(files.keySet());
        order.sort(Comparator.comparing((String name) -> name.equals("summary.json")));
        for (String name : order) {
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            RunWriter.writeAtomically(target, files.get(name));
        }
    }

    /** Deletes {@code dir} and everything under it; a file that cannot be deleted is left. */
    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
