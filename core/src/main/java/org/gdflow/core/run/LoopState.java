package org.gdflow.core.run;

/**
 * Everything a run needs to go on from a step boundary as if it had never stopped, apart from what
 * its spec recreates (data, θ(0), the plugins): the value a checkpoint stores.
 *
 * @param step k
 * @param theta θ_k
 * @param loss L(θ_k) where it was measured; otherwise the last loss measured before
 * @param lossMeasured whether {@code loss} is L(θ_k)
 * @param stepperState what {@link org.gdflow.api.Stepper#saveState()} returned
 * @param randomDraws how far the integrator's random stream has moved
 * @param fieldEvaluations the field evaluations so far
 * @param clock the flow clock
 * @param rowsRecorded the trajectory rows recorded so far
 * @param initialLoss L(0), which the divergence threshold is measured against
 * @param theta0Sha256 {@link #sha256} of θ(0): the spec recreates θ(0) from the seed, and a resumed run
 *     checks that it drew the same one
 */
public record LoopState(long step, double[] theta, double loss, boolean lossMeasured, double[] stepperState, long randomDraws,
                        long fieldEvaluations, FlowClock.State clock, long rowsRecorded, double initialLoss, String theta0Sha256) {
    /** Copies the arrays. */
    public LoopState {
        theta = theta.clone();
        stepperState = stepperState.clone();
    }

    /** A copy of θ_k. */
    @Override
    public double[] theta() {
        return theta.clone();
    }

    /** A copy of the stepper's state. */
    @Override
    public double[] stepperState() {
        return stepperState.clone();
    }

    /** The SHA-256 of the values' IEEE 754 bits (8 bytes each, big-endian), in hexadecimal. */
    public static String sha256(double[] values) {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(8 * 1024);
        for (double v : values) {
            if (!chunk.hasRemaining()) {
                digest.update(chunk.flip());
                chunk.clear();
            }
            chunk.putLong(Double.doubleToRawLongBits(v));
        }
        digest.update(chunk.flip());
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
