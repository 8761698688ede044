package org.gdflow.core.cli;

import java.io.PrintStream;
import java.util.List;
import org.gdflow.core.GdflowException;

/** {@code gdflow bench}: times the vector field on fixed workloads. */
final class BenchCommand {
    private BenchCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        throw new GdflowException("bench: not wired yet");
    }
}
