package org.gdflow.core.run;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gdflow.core.error.InsufficientMemoryException;
import org.gdflow.core.spec.Spec;

/**
 * Refuses, before any work, a run that cannot fit: an array longer than Java allows (sizes are
 * multiplied in 64 bits, so m·d never wraps around), or a {@link MemoryEstimate} above what the JVM
 * may use (its heap, {@code -Xmx}) or, for the native backend, above what the machine has beside
 * that heap. The refusal names the estimate, the limit and what to change.
 */
public final class MemoryCheck {
    /** The longest Java array this check allows (the JDK's own soft limit, {@code Integer.MAX_VALUE − 8}). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private MemoryCheck() {
    }

    /**
     * What this JVM and machine have.
     *
     * @param maxHeap the most heap Java may use ({@code Runtime.maxMemory()}, set by {@code -Xmx})
     * @param physical the machine's (or container's) memory in bytes; 0 when unknown
     */
    public record Machine(long maxHeap, long physical) {
        /** This JVM on this machine. */
        public static Machine here() {
            long physical = 0;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                physical = os.getTotalMemorySize();
            }
            return new Machine(Runtime.getRuntime().maxMemory(), physical);
        }
    }

    /**
     * One array a run allocates: its name in messages, its length, and what to change when it is too
     * long ({@code null} when its length grows with the width: the largest width that fits is found then).
     */
    private record Array(String what, long length, String change) {
    }

    /**
     * Refuses {@code spec}'s run on {@code backend} if it cannot fit on {@code machine}.
     *
     * @param nativeInstalled whether the native backend is installed (then it is suggested when the heap is too small)
     * @throws InsufficientMemoryException with the estimate, the limit and what to change
     */
    public static void require(Spec spec, String backend, Machine machine, boolean nativeInstalled) {
        long m = spec.model().width();
        for (Array array : arrays(spec, m, backend)) {
            if (array.length() > MAX_ARRAY) {
                List<String> changes = new ArrayList<>();
                if (array.change() == null) {
                    addWidth(changes, spec, backend, machine);
                } else {
                    changes.add(array.change());
                }
                throw new InsufficientMemoryException(String.format(Locale.ROOT,
                        "refused: %s would hold %,d values, more than a Java array can (%,d); %s", array.what(), array.length(),
                        MAX_ARRAY, changes.isEmpty() ? "make the run smaller" : String.join(", or ", changes)));
            }
        }
        MemoryEstimate estimate = MemoryEstimate.of(spec, backend);
        long heapNeed = estimate.bytes() + MemoryEstimate.BASELINE_BYTES;
        if (heapNeed > machine.maxHeap()) {
            List<String> changes = new ArrayList<>();
            if (machine.physical() == 0 || heapNeed < machine.physical()) {
                changes.add("give Java more memory (GDFLOW_JAVA_OPTS=-Xmx" + gibibytes(heapNeed) + "g ./gdflow ...; this machine has "
                        + (machine.physical() == 0 ? "an unknown amount" : MemoryEstimate.human(machine.physical())) + ")");
            }
            addWidth(changes, spec, backend, machine);
            if (!backend.equals(MemoryEstimate.NATIVE_BACKEND) && nativeInstalled
                    && fits(MemoryEstimate.of(spec, MemoryEstimate.NATIVE_BACKEND), machine)) {
                changes.add("use \"backend\": \"" + MemoryEstimate.NATIVE_BACKEND + "\" (its work matrices live outside the heap: it needs "
                        + MemoryEstimate.of(spec, MemoryEstimate.NATIVE_BACKEND) + ")");
            }
            throw new InsufficientMemoryException("refused: the run needs about " + MemoryEstimate.human(estimate.bytes())
                    + " of Java heap (" + MemoryEstimate.describe(estimate.parts()) + ") and " + MemoryEstimate.human(MemoryEstimate.BASELINE_BYTES)
                    + " for gdflow itself, but Java may use at most " + MemoryEstimate.human(machine.maxHeap()) + " here (-Xmx); "
                    + String.join(", or ", changes));
        }
        long nativeRoom = nativeRoom(machine);
        if (estimate.nativeBytes() > nativeRoom) {
            List<String> changes = new ArrayList<>();
            addWidth(changes, spec, backend, machine);
            long smallerHeap = Math.max(1, gibibytes(heapNeed));
            if ((smallerHeap << 30) + estimate.nativeBytes() <= machine.physical()) {
                // only where that heap and the native part fit the machine together
                changes.add("give Java a smaller heap (GDFLOW_JAVA_OPTS=-Xmx" + smallerHeap + "g) to leave the machine more");
            }
            throw new InsufficientMemoryException("refused: the " + backend + " backend needs about " + MemoryEstimate.human(estimate.nativeBytes())
                    + " outside the Java heap (" + MemoryEstimate.describe(estimate.nativeParts()) + "), but this machine has "
                    + MemoryEstimate.human(machine.physical()) + ", of which Java's heap may take " + MemoryEstimate.human(machine.maxHeap())
                    + "; " + String.join(", or ", changes));
        }
    }

    /** The arrays of a run that grow with its sizes, each with its length in 64 bits. */
    private static List<Array> arrays(Spec spec, long m, String backend) {
        long n = spec.data().n();
        long d = spec.data().d();
        List<Array> arrays = new ArrayList<>();
        arrays.add(new Array("θ (m·d + m = " + m + "·" + d + " + " + m + ")", m * d + m, null));
        arrays.add(new Array("the inputs X (n·d = " + n + "·" + d + ")", n * d, "use fewer data points or dimensions"));
        if (!backend.equals(MemoryEstimate.NATIVE_BACKEND)) {
            arrays.add(new Array("the n×m work matrices of the " + backend + " backend (n·m = " + n + "·" + m + ")", n * m, null));
        }
        if (MemoryEstimate.of(spec, 1, backend).parts().containsKey("gram")) {
            arrays.add(new Array("the n×n Gram matrix (n² = " + n + "²)", n * n,
                    "use data.n ≤ " + (long) Math.sqrt(MAX_ARRAY) + ", or drop the Gram metrics and the theory"
                    + " (above n = " + Diagnostics.GRAM_LIMIT + " the end-of-run Gram diagnostics are skipped)"));
        }
        if (spec.data() instanceof Spec.GeneratedData g) {
            if (g.target() instanceof Spec.TeacherTarget t) {
                arrays.add(new Array("the teacher's weights (width·d = " + t.width() + "·" + d + ")", t.width() * d,
                        "use data.target.width ≤ " + MAX_ARRAY / d));
            } else if (g.target() instanceof Spec.FunctionTarget f && f.function().equals("polynomial")) {
                arrays.add(new Array("the polynomial's directions (degree·d = " + f.degree() + "·" + d + ")", (long) f.degree() * d,
                        "use data.target.degree ≤ " + MAX_ARRAY / d));
            }
        }
        return arrays;
    }

    private static boolean fits(MemoryEstimate estimate, Machine machine) {
        return estimate.bytes() + MemoryEstimate.BASELINE_BYTES <= machine.maxHeap() && estimate.nativeBytes() <= nativeRoom(machine);
    }

    /** What the machine has beside the heap, which may grow to its maximum; unbounded when unknown. */
    private static long nativeRoom(Machine machine) {
        return machine.physical() == 0 ? Long.MAX_VALUE : machine.physical() - machine.maxHeap();
    }

    /** "use model.width ≤ W", the largest width that fits here, if any does. */
    private static void addWidth(List<String> changes, Spec spec, String backend, Machine machine) {
        long lo = 0;
        long hi = spec.model().width();
        // the estimate grows with m: bisect for the largest m that fits (m = lo fits, m = hi does not)
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (fitsWidth(spec, mid, backend, machine)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (lo >= 1) {
            changes.add("use model.width ≤ " + lo + (spec.model().init().symmetric() && lo % 2 == 1 ? " (even, for symmetric pairs: " + (lo - 1) + ")" : ""));
        }
    }

    private static boolean fitsWidth(Spec spec, long m, String backend, Machine machine) {
        for (Array array : arrays(spec, m, backend)) {
            if (array.length() > MAX_ARRAY) {
                return false;
            }
        }
        return fits(MemoryEstimate.of(spec, m, backend), machine);
    }

    /** Bytes in whole GiB, rounded up with a tenth to spare: the {@code -Xmx} to suggest. */
    private static long gibibytes(long bytes) {
        return (long) Math.ceil(bytes * 1.1 / (1L << 30));
    }
}
