package org.gdflow.core.archfixture.right;

import org.gdflow.core.archfixture.left.Left;

/** One half of a cycle between two packages of one module (the other is Left); a test fixture only. */
public final class Right {
    public void use(Left left) {
    }
}
