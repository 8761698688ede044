package org.gdflow.backend.nd4j;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs a loop body over [0, count) split into one contiguous block per worker, the caller taking
 * the first block. The tasks are made once and reused, so a call allocates nothing. Not thread-safe.
 */
final class ParallelBlocks implements AutoCloseable {
    /** A loop body over the indices [from, to), run by worker {@code worker} in [0, workers). */
    @FunctionalInterface
    interface Body {
        void run(int worker, long from, long to);
    }

    private final int workers;
    private final ForkJoinPool pool;
    private final Block[] blocks;

    /**
     * @param workers the number of blocks (and threads, the caller included); at least 1
     */
    ParallelBlocks(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        this.workers = workers;
        this.pool = workers > 1 ? new ForkJoinPool(workers - 1) : null;
        this.blocks = new Block[workers];
        for (int w = 0; w < workers; w++) {
            blocks[w] = new Block(w);
        }
    }

    /** The number of blocks a full call splits into. */
    int workers() {
        return workers;
    }

    /**
     * Runs {@code body} over [0, count) in {@code min(workers, ⌈count / minBlock⌉)} blocks.
     *
     * @param count the number of indices
     * @param minBlock the smallest block worth a thread
     * @param body the loop body; must only touch its own block
     */
    void run(long count, long minBlock, Body body) {
        int used = (int) Math.max(1, Math.min(workers, count / Math.max(1, minBlock)));
        if (used == 1 || pool == null) {
            body.run(0, 0, count);
            return;
        }
        for (int w = 1; w < used; w++) {
            blocks[w].set(body, count * w / used, count * (w + 1) / used);
            pool.execute(blocks[w]);
        }
        RuntimeException failure = null;
        try {
            body.run(0, 0, count / used);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int w = 1; w < used; w++) {
            try {
                blocks[w].join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            blocks[w].reinitialize();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** One reusable block task. */
    private static final class Block extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int worker;
        private transient Body body;
        private long from;
        private long to;

        Block(int worker) {
            this.worker = worker;
        }

        void set(Body body, long from, long to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            body.run(worker, from, to);
        }
    }
}
