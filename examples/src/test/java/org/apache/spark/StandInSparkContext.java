package org.apache.spark;

/** Stands in for a class of Apache Spark (not on gdflow's class path) in architecture tests. */
public final class StandInSparkContext {
}
