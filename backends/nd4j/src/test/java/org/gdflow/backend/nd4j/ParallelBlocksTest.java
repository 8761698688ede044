package org.gdflow.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The split of [0, count) into blocks, checked against a direct count of the indices each call visits. */
class ParallelBlocksTest {

    /** One block as a body saw it. */
    private record Seen(int worker, long from, long to) {
    }

    /** Runs one call and returns its blocks ordered by worker. */
    private static List<Seen> blocks(ParallelBlocks blocks, long count, long minBlock) {
        Seen[] seen = new Seen[blocks.workers()];
        blocks.run(count, minBlock, (worker, from, to) -> {
            assertEquals(null, seen[worker], "worker " + worker + " runs one block");
            seen[worker] = new Seen(worker, from, to);
        });
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void blocksCoverTheRangeOnceInBalancedContiguousPieces() {
        for (int workers : new int[] {1, 2, 3, 4, 7}) {
            try (ParallelBlocks pb = new ParallelBlocks(workers)) {
                for (long count : new long[] {0, 1, 2, 5, 9, 10, 11, 64, 100, 1001}) {
                    for (long minBlock : new long[] {1, 2, 3, 10}) {
                        List<Seen> seen = blocks(pb, count, minBlock);
                        // expected number of blocks by hand: min(workers, count / minBlock), at least one
                        long expectedBlocks = Math.max(1, Math.min(workers, count / minBlock));
                        String what = "workers=" + workers + " count=" + count + " minBlock=" + minBlock + ": " + seen;
                        assertEquals(expectedBlocks, seen.size(), what);
                        // worker w takes the w-th piece, the pieces are contiguous from 0 to count
                        long next = 0;
                        int[] visits = new int[(int) count];
                        for (int w = 0; w < seen.size(); w++) {
                            Seen s = seen.get(w);
                            assertEquals(w, s.worker(), what);
                            assertEquals(next, s.from(), what);
                            for (long i = s.from(); i < s.to(); i++) {
                                visits[(int) i]++;
                            }
                            next = s.to();
                            // balanced: each piece is ⌊count/blocks⌋ or ⌈count/blocks⌉ long
                            long size = s.to() - s.from();
                            assertTrue(size == count / expectedBlocks || size == (count + expectedBlocks - 1) / expectedBlocks, what);
                        }
                        assertEquals(count, next, what);
                        for (int i = 0; i < count; i++) {
                            assertEquals(1, visits[i], "index " + i + " visited once; " + what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aLargeRangeIsSplitAcrossAllWorkers() {
        // 4 workers, 10⁶ indices, blocks of at least 1000: four pieces of 250 000, by hand
        try (ParallelBlocks pb = new ParallelBlocks(4)) {
            assertEquals(List.of(new Seen(0, 0, 250_000), new Seen(1, 250_000, 500_000), new Seen(2, 500_000, 750_000),
                    new Seen(3, 750_000, 1_000_000)), blocks(pb, 1_000_000, 1000));
            // minBlock 0 counts as 1
            assertEquals(List.of(new Seen(0, 0, 1), new Seen(1, 1, 2), new Seen(2, 2, 3)), blocks(pb, 3, 0));
            // 2 999 indices with blocks of at least 1000: two pieces
            assertEquals(List.of(new Seen(0, 0, 1499), new Seen(1, 1499, 2999)), blocks(pb, 2999, 1000));
        }
    }

    @Test
    void theCallsAreReusableAndFailuresPropagate() {
        try (ParallelBlocks pb = new ParallelBlocks(3)) {
            IllegalStateException inWorker = new IllegalStateException("worker 2");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pb.run(30, 1, (worker, from, to) -> {
                if (worker == 2) {
                    throw inWorker;
                }
            }));
            assertSame(inWorker, e, "a failure in another thread reaches the caller as it was thrown");
            AssertionError error = new AssertionError("worker 1");
            assertSame(error, assertThrows(AssertionError.class, () -> pb.run(30, 1, (worker, from, to) -> {
                if (worker == 1) {
                    throw error;
                }
            })), "an Error in another thread reaches the caller after every block ended");
            IllegalStateException inCaller = new IllegalStateException("worker 0");
            assertSame(inCaller, assertThrows(IllegalStateException.class, () -> pb.run(30, 1, (worker, from, to) -> {
                throw worker == 0 ? inCaller : new IllegalStateException("worker " + worker);
            })), "the caller's own failure comes first");
            // the blocks run again after failures
            assertEquals(3, blocks(pb, 30, 1).size());
        }
    }

    @Test
    void aPoolKeepsRunningBlocksOverManyCalls() {
        // 10^5 calls, the other thread going idle between some of them: every block runs (a ForkJoinPool here once
        // kept a submitted block unrun with no worker thread, and the caller waited for good; see the class comment)
        try (ParallelBlocks pb = new ParallelBlocks(2)) {
            long[] sums = new long[2];
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
                for (int call = 0; call < 100_000; call++) {
                    pb.run(2, 1, (worker, from, to) -> sums[worker] += to - from);
                    if (call % 1000 == 0) {
                        // long enough for the other thread to go idle between calls
                        Thread.sleep(1);
                    }
                }
            });
            // each call gives one index to each worker, counted by hand
            assertEquals(100_000, sums[0]);
            assertEquals(100_000, sums[1]);
        }
    }

    @Test
    void theWorkerThreadsAreDaemonsSoAForgottenPoolNeverKeepsAJvmAlive() {
        try (ParallelBlocks pb = new ParallelBlocks(2)) {
            Thread[] worker = new Thread[1];
            // 2 blocks of one index: block 1 runs on the pool's one thread
            pb.run(2, 1, (w, from, to) -> {
                if (w == 1) {
                    worker[0] = Thread.currentThread();
                }
            });
            assertTrue(worker[0].getName().startsWith("gdflow-nd4j-block-"), worker[0].getName());
            assertTrue(worker[0].isDaemon(), worker[0].getName());
        }
    }

    @Test
    void workersAreCheckedAndAClosedPoolRefusesParallelWork() {
        assertEquals("workers must be >= 1: 0",
                assertThrows(IllegalArgumentException.class, () -> new ParallelBlocks(0)).getMessage());
        ParallelBlocks single = new ParallelBlocks(1);
        assertEquals(List.of(new Seen(0, 0, 100)), blocks(single, 100, 1));
        single.close();
        // one worker has no pool: the caller runs the whole range, closed or not
        assertEquals(List.of(new Seen(0, 0, 100)), blocks(single, 100, 1));

        ParallelBlocks two = new ParallelBlocks(2);
        assertEquals(2, blocks(two, 100, 1).size());
        two.close();
        assertThrows(RejectedExecutionException.class, () -> blocks(two, 100, 1));
        assertEquals(1, blocks(two, 1, 1).size(), "a single block still runs in the caller");
    }
}
