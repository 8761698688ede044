package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.gdflow.api.NetworkKernels;
import org.gdflow.api.NetworkProblem;
import org.gdflow.backend.ejml.EjmlBackend;
import org.junit.jupiter.api.Test;

/**
 * The memory estimate's kernels part against what the ejml backend really allocates when it opens a problem
 * (the JVM's count of the bytes a thread allocated), so that the estimate cannot drift from the code it describes.
 */
class MemoryEstimateAllocationTest {

    @Test
    void ejmlAllocatesWhatTheEstimateCountsForItsKernels() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM counts allocated bytes per thread");
        int n = 64;
        int d = 8;
        int m = 4096;
        NetworkProblem problem = new NetworkProblem(new double[n * d], new double[n], new double[n], n, d, m,
                new org.gdflow.activations.Tanh(), 1 / Math.sqrt(m), 1, true, true);
        EjmlBackend backend = new EjmlBackend();
        // once first, so that class loading and static state are not counted
        backend.open(problem).close();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        NetworkKernels kernels = backend.open(problem);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        kernels.close();
        // no Gram matrix yet (σ(Z) is allocated by its first call), no pattern flips (Z(0) likewise)
        long estimated = MemoryEstimate.of(n, d, m, false, false, false, false, false).parts().get("kernels");
        // by hand: 8·(n·m + 2n·d + 2m·d + 50m + 5n) = 8·(262,144 + 1024 + 65,536 + 204,800 + 320)
        assertTrue(estimated == 8L * 533_824, "estimate " + estimated);
        // the arrays' headers and the kernels' few objects are the difference: under 1 %
        assertTrue(allocated >= estimated && allocated <= estimated * 1.01,
                "open allocated " + allocated + " bytes, the estimate counts " + estimated);
    }
}
