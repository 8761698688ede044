package org.gdflow.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The argument checks shared by the backends: each accepts up to its documented bound and names the bad value. */
class KernelArgumentsTest {

    @Test
    void checkLengthAcceptsTheExpectedLengthOnly() {
        assertDoesNotThrow(() -> KernelArguments.checkLength("theta", new double[6], 6));
        assertDoesNotThrow(() -> KernelArguments.checkLength("u", new double[0], 0));
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.checkLength("theta", new double[5], 6));
        assertEquals("theta has 5 values, expected 6", shorter.getMessage());
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.checkLength("velocity", new double[7], 6));
        assertEquals("velocity has 7 values, expected 6", longer.getMessage());
    }

    @Test
    void checkFitsAllowsExactlyTwoToTheThirtyOneMinusNineElements() {
        // 2³¹ − 9 = 2147483639 = 7 × 306783377 (factored by hand): the largest allowed matrix
        long max = Integer.MAX_VALUE - 8;
        assertEquals(2147483639L, max);
        assertEquals(max, 7L * 306783377L);
        assertDoesNotThrow(() -> KernelArguments.checkFits("Z (n×m)", 7, 306783377));
        assertDoesNotThrow(() -> KernelArguments.checkFits("Z (n×m)", 306783377, 7));
        assertDoesNotThrow(() -> KernelArguments.checkFits("Z (n×m)", 1, max));
        assertDoesNotThrow(() -> KernelArguments.checkFits("Z (n×m)", 0, Long.MAX_VALUE));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.checkFits("Z (n×m)", 1, max + 1));
        assertEquals("Z (n×m) = 1×2147483640 is too large for one Java array", one.getMessage());
        // 65536 × 65536 = 2³² overflows an int but not the long product
        IllegalArgumentException square = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.checkFits("H (n×n)", 65536, 65536));
        assertEquals("H (n×n) = 65536×65536 is too large for one Java array", square.getMessage());
    }

    @Test
    void checkBatchAcceptsSizesFromOneToNWithinTheArray() {
        int[] batch = {4, 0, 3, -1, 99};
        assertDoesNotThrow(() -> KernelArguments.checkBatch(batch, 1, 5));
        // only the first `size` entries are read: batch[3] = −1 is not part of a batch of 3
        assertDoesNotThrow(() -> KernelArguments.checkBatch(batch, 3, 5));
        // size = n = batch.length, every index from 0 to n − 1
        assertDoesNotThrow(() -> KernelArguments.checkBatch(new int[] {2, 0, 1}, 3, 3));

        String[][] refused = {
            {"0", "5", "batch size 0 must be in [1, n = 5] and at most the batch array's length 5"},
            {"-2", "5", "batch size -2 must be in [1, n = 5] and at most the batch array's length 5"},
            {"5", "4", "batch size 5 must be in [1, n = 4] and at most the batch array's length 5"},
        };
        for (String[] row : refused) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelArguments.checkBatch(batch, Integer.parseInt(row[0]), Integer.parseInt(row[1])));
            assertEquals(row[2], e.getMessage());
        }
        IllegalArgumentException beyondArray = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.checkBatch(new int[] {0, 1}, 3, 10));
        assertEquals("batch size 3 must be in [1, n = 10] and at most the batch array's length 2", beyondArray.getMessage());
    }

    @Test
    void checkBatchNamesTheFirstIndexOutsideTheData() {
        IndexOutOfBoundsException negative = assertThrows(IndexOutOfBoundsException.class,
                () -> KernelArguments.checkBatch(new int[] {4, 0, 3, -1, 99}, 4, 5));
        assertEquals("batch[3] = -1 is not a data index in [0, 5)", negative.getMessage());
        IndexOutOfBoundsException tooLarge = assertThrows(IndexOutOfBoundsException.class,
                () -> KernelArguments.checkBatch(new int[] {4, 0, 5, -1}, 4, 5));
        assertEquals("batch[2] = 5 is not a data index in [0, 5)", tooLarge.getMessage());
        IndexOutOfBoundsException first = assertThrows(IndexOutOfBoundsException.class,
                () -> KernelArguments.checkBatch(new int[] {-1}, 1, 1));
        assertEquals("batch[0] = -1 is not a data index in [0, 1)", first.getMessage());
    }

    @Test
    void checkSymmetricEigenReturnsTheSideOfASquareMatrix() {
        assertEquals(3, KernelArguments.checkSymmetricEigen(new double[9], null));
        assertEquals(3, KernelArguments.checkSymmetricEigen(new double[9], new double[9]));
        assertEquals(1, KernelArguments.checkSymmetricEigen(new double[1], new double[1]));
        assertEquals(0, KernelArguments.checkSymmetricEigen(new double[0], null));
        assertEquals(12, KernelArguments.checkSymmetricEigen(new double[144], null));
        for (int length : new int[] {2, 8, 10, 143, 145}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelArguments.checkSymmetricEigen(new double[length], null));
            assertEquals("a symmetric matrix needs k×k values, got " + length, e.getMessage());
        }
        IllegalArgumentException vectors = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.checkSymmetricEigen(new double[9], new double[3]));
        assertEquals("eigenvectors has 3 values for k×k = 3×3", vectors.getMessage());
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.checkSymmetricEigen(new double[4], new double[9]));
        assertEquals("eigenvectors has 9 values for k×k = 2×2", longer.getMessage());
    }
}
