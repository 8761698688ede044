package org.gdflow.core.bench;

import java.lang.management.ManagementFactory;

/**
 * The bytes the JVM's threads have allocated on the heap, thread by thread, from the JVM's own count
 * ({@code com.sun.management.ThreadMXBean}): what a timed kernel allocated is the difference of two
 * snapshots, over every thread alive at the second one (a backend's worker threads included). A warm
 * evaluation of gdflow's backends allocates nothing on the heap; one that allocates is running Vector API
 * code that C2 has not compiled yet or left boxed (docs/PERFORMANCE.md, "Allocation per repetition").
 */
final class HeapAllocation {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long[] ids;
    private final long[] bytes;

    private HeapAllocation(long[] ids, long[] bytes) {
        this.ids = ids;
        this.bytes = bytes;
    }

    /** A snapshot of every live thread's allocated bytes (arrays only, so taking it allocates little). */
    static HeapAllocation now() {
        if (THREADS == null) {
            return new HeapAllocation(new long[0], new long[0]);
        }
        long[] ids = THREADS.getAllThreadIds();
        return new HeapAllocation(ids, THREADS.getThreadAllocatedBytes(ids));
    }

    /**
     * The bytes allocated since this snapshot by the threads alive now (a thread started since counts from
     * zero; one that ended since is lost), or −1 where the JVM does not count them.
     */
    long bytesSince() {
        if (THREADS == null) {
            return -1;
        }
        HeapAllocation later = now();
        long total = 0;
        for (int t = 0; t < later.ids.length; t++) {
            // a thread that ended while it was read reports −1
            if (later.bytes[t] >= 0) {
                // allocated since = now − then (0 then for a thread started since)
                total += later.bytes[t] - then(later.ids[t]);
            }
        }
        return total;
    }

    /** The bytes the thread had allocated at this snapshot: 0 if it was not alive (or not readable) then. */
    private long then(long id) {
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] == id) {
                return Math.max(bytes[t], 0);
            }
        }
        return 0;
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        return null;
    }
}
