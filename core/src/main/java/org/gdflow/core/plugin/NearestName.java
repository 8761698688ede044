package org.gdflow.core.plugin;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name closest to a mistyped one, for "did you mean" in messages: the fewest single-letter
 * insertions, deletions, substitutions and swaps of two neighbours (optimal string alignment
 * distance), if that is at most max(2, length / 3); the first in order on a tie.
 */
public final class NearestName {
    private NearestName() {
    }

    /** The known name nearest {@code typed}, or empty when none is near. */
    public static Optional<String> of(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, typed.length() / 3) + 1;
        for (String name : known) {
            int d = distance(typed, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'tanh'?)"}, or "" when no name is near. */
    public static String hint(String typed, Collection<String> known) {
        return of(typed, known).map(n -> " (did you mean '" + n + "'?)").orElse("");
    }

    /** The optimal string alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                // d(i, j) = min(delete, insert, substitute), or a swap of the last two letters
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
