package org.gdflow.scalings;

/** The check every scaling makes of its argument. */
final class Widths {
    private Widths() {
    }

    /** Returns m as a double, or throws if it is not positive. */
    static double check(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException("width must be positive, got " + width + "; use the number m of neurons, m >= 1");
        }
        return width;
    }
}
