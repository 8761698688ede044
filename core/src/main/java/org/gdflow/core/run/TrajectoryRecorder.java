package org.gdflow.core.run;

import java.util.ArrayList;
import java.util.List;

/** Keeps the recorded rows in memory, for the {@link RunResult} a Java caller gets back. */
final class TrajectoryRecorder implements RowHistory {
    private List<String> columns = List.of();
    private final List<double[]> rows = new ArrayList<>();

    /** A recorder that already holds the rows of the part of a run before a checkpoint. */
    TrajectoryRecorder(List<double[]> earlierRows) {
        rows.addAll(earlierRows);
    }

    TrajectoryRecorder() {
        this(List.of());
    }

    @Override
    public void started(List<String> columns) {
        this.columns = columns;
    }

    @Override
    public void recorded(double[] row) {
        rows.add(row);
    }

    @Override
    public long rows() {
        return rows.size();
    }

    @Override
    public Trajectory trajectory() {
        return new Trajectory(columns, rows);
    }

    @Override
    public void visitTimeLoss(long from, TimeLossVisitor visitor) {
        for (int i = (int) from; i < rows.size(); i++) {
            visitor.visit(rows.get(i)[1], rows.get(i)[2]);
        }
    }
}
