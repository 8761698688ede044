/**
 * The error a user of gdflow can meet and act on. A leaf package: every other core package may
 * throw {@link org.gdflow.core.error.GdflowException}, and it depends on none of them, so no
 * package cycle runs through it.
 */
package org.gdflow.core.error;
