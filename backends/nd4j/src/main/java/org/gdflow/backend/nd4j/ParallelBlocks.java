package org.gdflow.backend.nd4j;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a loop body over [0, count) split into one contiguous block per worker, the caller taking
 * the first block. The tasks are made once and reused. Not thread-safe.
 *
 * <p>The other blocks run on {@code workers − 1} daemon threads that live as long as this object (a
 * fixed pool, never trimmed), and the caller waits on a count of unfinished blocks that each block
 * lowers when it ends, however it ends. It used a {@code ForkJoinPool} before: in one PIT mutation JVM
 * of 2026-12-07 (JDK 17.0.15) a block submitted to a fresh one-worker pool never ran, the pool had no
 * worker thread, and {@code join} waited for good.
 */
final class ParallelBlocks implements AutoCloseable {
    /** A loop body over the indices [from, to), run by worker {@code worker} in [0, workers). */
    @FunctionalInterface
    interface Body {
        void run(int worker, long from, long to);
    }

    /** Numbers the threads of all pools, for their names. */
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final int workers;
    private final ExecutorService pool;
    private final Block[] blocks;
    /** Blocks of the current call not yet finished (by the other threads). */
    private final AtomicInteger unfinished = new AtomicInteger();
    /** The thread of the current call, woken when the last block finishes. */
    private volatile Thread caller;

    /**
     * @param workers the number of blocks (and threads, the caller included); at least 1
     */
    ParallelBlocks(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        this.workers = workers;
        this.pool = workers > 1 ? Executors.newFixedThreadPool(workers - 1, task -> {
            Thread thread = new Thread(task, "gdflow-nd4j-block-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }) : null;
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
     * @throws RuntimeException or Error, the caller's own block's failure first, else the lowest worker's
     */
    void run(long count, long minBlock, Body body) {
        int used = (int) Math.max(1, Math.min(workers, count / Math.max(1, minBlock)));
        if (used == 1 || pool == null) {
            body.run(0, 0, count);
            return;
        }
        caller = Thread.currentThread();
        unfinished.set(used - 1);
        for (int w = 1; w < used; w++) {
            blocks[w].set(body, count * w / used, count * (w + 1) / used);
            pool.execute(blocks[w]);
        }
        Throwable failure = null;
        try {
            body.run(0, 0, count / used);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        while (unfinished.get() > 0) {
            // a block that ends after the check unparks this thread, or the next check sees it
            LockSupport.park(this);
        }
        for (int w = 1; w < used; w++) {
            Throwable thrown = blocks[w].takeFailure();
            if (failure == null) {
                failure = thrown;
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** One reusable block task. */
    private final class Block implements Runnable {
        private final int worker;
        private Body body;
        private long from;
        private long to;
        private Throwable failure;

        Block(int worker) {
            this.worker = worker;
        }

        void set(Body body, long from, long to) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.failure = null;
        }

        /** The failure of the last run, or null; read by the caller after the run. */
        Throwable takeFailure() {
            Throwable thrown = failure;
            failure = null;
            return thrown;
        }

        @Override
        public void run() {
            try {
                body.run(worker, from, to);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                // the caller reads this block's writes after it sees the count fall (a volatile write and read)
                if (unfinished.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
