package org.knowm.xchart;

/** Stands in for a class of the XChart plot library (not on gdflow's class path) in architecture tests. */
public final class StandInChart {
}
