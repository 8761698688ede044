package org.gdflow.core.archfixture.left;

import org.gdflow.core.archfixture.right.Right;

/** One half of a cycle between two packages of one module (the other is Right); a test fixture only. */
public final class Left {
    public void use(Right right) {
    }
}
