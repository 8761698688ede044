package org.gdflow.api;

/**
 * For backend authors: the checks every {@link NetworkKernels} method makes on its arguments, with the
 * messages every backend throws. Each check allocates nothing unless it throws.
 */
public final class KernelArguments {
    /** The most elements one Java array (or one native buffer) of a backend may hold: 2³¹ − 9. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private KernelArguments() {
    }

    /**
     * Checks that an array argument has the length the kernels expect.
     *
     * @param name the argument's name in the message (e.g. {@code "theta"}, {@code "velocity"}, {@code "u"})
     * @param array the argument. Not modified.
     * @param expected its required length
     * @throws IllegalArgumentException if {@code array.length ≠ expected}
     */
    public static void checkLength(String name, double[] array, int expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " values, expected " + expected);
        }
    }

    /**
     * Checks that a rows×cols work matrix fits one array of at most 2³¹ − 9 doubles.
     *
     * @param what the matrix in the message (e.g. {@code "Z (n×m)"})
     * @param rows its number of rows
     * @param cols its number of columns
     * @throws IllegalArgumentException if {@code rows·cols > 2³¹ − 9}
     */
    public static void checkFits(String what, long rows, long cols) {
        if (rows * cols > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + " = " + rows + "×" + cols + " is too large for one Java array");
        }
    }

    /**
     * Checks the mini-batch of {@link VectorField#evaluateBatch}: {@code 1 ≤ size ≤ n},
     * {@code size ≤ batch.length}, and every {@code batch[j]}, j &lt; size, a data index in [0, n).
     *
     * @param batch the data indices. Not modified; only the first {@code size} are read.
     * @param size the number of data points in the batch
     * @param n the number of data points of the problem
     * @throws IllegalArgumentException if size is not in [1, n] or exceeds {@code batch.length}
     * @throws IndexOutOfBoundsException for the first {@code batch[j]} (j &lt; size) outside [0, n)
     */
    public static void checkBatch(int[] batch, int size, int n) {
        if (size < 1 || size > n || size > batch.length) {
            throw new IllegalArgumentException("batch size " + size + " must be in [1, n = " + n
                    + "] and at most the batch array's length " + batch.length);
        }
        for (int j = 0; j < size; j++) {
            int i = batch[j];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("batch[" + j + "] = " + i + " is not a data index in [0, " + n + ")");
            }
        }
    }

    /**
     * Checks the arguments of {@link NetworkKernels#symmetricEigen} and returns the size k of the matrix.
     *
     * @param symmetric the k×k matrix, row-major. Not modified.
     * @param eigenvectors the k×k output of the eigenvectors, or null. Not modified.
     * @return k, with {@code k² = symmetric.length}
     * @throws IllegalArgumentException if {@code symmetric.length} is not a square, or eigenvectors is
     *         not null and has a length other than {@code symmetric.length}
     */
    public static int checkSymmetricEigen(double[] symmetric, double[] eigenvectors) {
        int k = (int) Math.round(Math.sqrt(symmetric.length));
        if ((long) k * k != symmetric.length) {
            throw new IllegalArgumentException("a symmetric matrix needs k×k values, got " + symmetric.length);
        }
        if (eigenvectors != null && eigenvectors.length != symmetric.length) {
            throw new IllegalArgumentException("eigenvectors has " + eigenvectors.length + " values for k×k = " + k + "×" + k);
        }
        return k;
    }
}
