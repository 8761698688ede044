/**
 * The {@code spark} executor: a study's runs as Spark tasks, one run per task, the study folder
 * written on the driver exactly as the local executor writes it (docs/CLUSTER.md).
 */
package org.gdflow.executors.spark;
