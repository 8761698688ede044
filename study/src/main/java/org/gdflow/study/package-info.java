/**
 * Studies: many runs planned from one spec with a {@code "sweep"} block, run by an executor, and
 * tabulated in {@code index.csv}. Core runs each variant and never depends on this package.
 */
package org.gdflow.study;
