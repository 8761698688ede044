/**
 * The benchmark harness of {@code gdflow bench}: fixed workloads ({@link org.gdflow.core.bench.Workload}),
 * a warm-up-then-median timer of the vector field and of an rk4 step
 * ({@link org.gdflow.core.bench.VectorFieldBenchmark}) and its results ({@link org.gdflow.core.bench.BenchResult}).
 * It takes a {@link org.gdflow.api.Backend} instance, so core needs no backend at compile time.
 */
package org.gdflow.core.bench;
