package org.gdflow.core.run;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A run's random stream that counts its draws, so a checkpoint can record where the stream stands
 * and a resumed run can put a fresh stream from the same seed at the same place.
 *
 * <p>{@link SplittableRandom} overrides only {@code nextInt()}, {@code nextLong()} and
 * {@code nextBytes}; every other method of {@link RandomGenerator} (bounded ints, doubles,
 * Gaussians) is a default method built on those two, so forwarding them gives the same numbers as
 * the stream itself, and each of them moves the stream by exactly one state transition.
 */
final class CountingRandom implements RandomGenerator {
    private final SplittableRandom stream;
    private long draws;

    CountingRandom(SplittableRandom stream) {
        this.stream = stream;
    }

    /** {@code stream} moved forward by {@code draws} transitions, as after that many draws. */
    static CountingRandom at(SplittableRandom stream, long draws) {
        if (draws < 0) {
            throw new IllegalArgumentException("a stream cannot be moved back: draws = " + draws);
        }
        CountingRandom random = new CountingRandom(stream);
        for (long k = 0; k < draws; k++) {
            stream.nextLong();
        }
        random.draws = draws;
        return random;
    }

    /** The state transitions taken so far. */
    long draws() {
        return draws;
    }

    @Override
    public int nextInt() {
        draws++;
        return stream.nextInt();
    }

    @Override
    public long nextLong() {
        draws++;
        return stream.nextLong();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        // SplittableRandom fills 8 bytes per nextLong, plus one nextLong for a remainder
        draws += (bytes.length + 7L) / 8;
        stream.nextBytes(bytes);
    }
}
