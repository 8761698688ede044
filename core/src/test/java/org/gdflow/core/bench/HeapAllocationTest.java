package org.gdflow.core.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The bytes counted between two snapshots, on threads alive at both and on one started between them. */
class HeapAllocationTest {
    /** Where the threads below put what they allocate, so that escape analysis cannot remove it. */
    static volatile Object kept;

    @Test
    void aThreadStartedSinceTheSnapshotCountsFromZero() throws InterruptedException {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        HeapAllocation before = HeapAllocation.now();
        Thread worker = new Thread(() -> {
            // 2^17 longs: 2^20 bytes and a 16-byte header
            kept = new long[1 << 17];
            allocated.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        allocated.await();
        try {
            long bytes = before.bytesSince();
            // the array, the thread's own start-up, this thread's snapshot arrays and the JVM's other threads
            assertTrue(bytes >= (1 << 20) + 16 && bytes < (1 << 20) + 200_000, Long.toString(bytes));
        } finally {
            done.countDown();
            worker.join();
        }
    }

    @Test
    void nothingAllocatedCountsOnlyTheSnapshotsOwnArrays() {
        HeapAllocation before = HeapAllocation.now();
        long bytes = before.bytesSince();
        // two long arrays of one entry per thread, and whatever the JVM's other threads allocated meanwhile
        assertTrue(bytes >= 0 && bytes < 50_000, Long.toString(bytes));
    }
}
