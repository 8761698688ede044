package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The counted stream gives the stream's own numbers, and a count that puts a fresh stream at the same place. */
class CountingRandomTest {

    @Test
    void givesTheSameNumbersAsTheStreamItselfAndCountsEachDraw() {
        SplittableRandom plain = new SplittableRandom(42);
        CountingRandom counted = new CountingRandom(new SplittableRandom(42));
        assertEquals(plain.nextInt(17), counted.nextInt(17));
        assertEquals(plain.nextInt(), counted.nextInt());
        assertEquals(plain.nextLong(), counted.nextLong());
        assertEquals(plain.nextDouble(), counted.nextDouble(), 0.0);
        assertEquals(plain.nextGaussian(), counted.nextGaussian(), 0.0);
        assertEquals(plain.nextBoolean(), counted.nextBoolean());
        byte[] a = new byte[13];
        byte[] b = new byte[13];
        plain.nextBytes(a);
        counted.nextBytes(b);
        assertArrayEquals(a, b);
        // afterwards both streams stand at the same place
        assertEquals(plain.nextLong(), counted.nextLong());
        // nextInt(17), nextInt, nextLong, nextDouble, nextBoolean: one each; 13 bytes: two longs; one more long
        long gaussianDraws = counted.draws() - 8;
        assertEquals(true, gaussianDraws >= 1, "a Gaussian takes at least one draw");
    }

    @Test
    void aFreshStreamMovedByTheCountContinuesTheSameSequence() {
        CountingRandom counted = new CountingRandom(new SplittableRandom(7));
        for (int k = 0; k < 25; k++) {
            counted.nextInt(10 + k);
            counted.nextGaussian();
        }
        counted.nextBytes(new byte[9]);
        CountingRandom resumed = CountingRandom.at(new SplittableRandom(7), counted.draws());
        assertEquals(counted.draws(), resumed.draws());
        for (int k = 0; k < 10; k++) {
            assertEquals(counted.nextInt(1000), resumed.nextInt(1000), "draw " + k);
            assertEquals(counted.nextDouble(), resumed.nextDouble(), 0.0);
        }
        assertEquals(counted.draws(), resumed.draws());
    }

    @Test
    void countsBytesAsTheLongsTheyTake() {
        CountingRandom counted = new CountingRandom(new SplittableRandom(1));
        counted.nextBytes(new byte[8]);
        assertEquals(1, counted.draws());
        counted.nextBytes(new byte[9]);
        assertEquals(3, counted.draws());
        counted.nextBytes(new byte[0]);
        assertEquals(3, counted.draws());
        SplittableRandom plain = new SplittableRandom(1);
        for (int k = 0; k < 3; k++) {
            plain.nextLong();
        }
        assertEquals(plain.nextLong(), counted.nextLong());
    }

    @Test
    void aStreamCannotBeMovedBack() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountingRandom.at(new SplittableRandom(1), -1));
        assertEquals("a stream cannot be moved back: draws = -1", e.getMessage());
        assertEquals(new SplittableRandom(3).nextLong(), CountingRandom.at(new SplittableRandom(3), 0).nextLong());
    }
}
