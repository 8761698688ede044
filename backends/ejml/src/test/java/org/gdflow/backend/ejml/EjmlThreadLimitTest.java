package org.gdflow.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A study's thread limit reaches EJML's shared pool. */
class EjmlThreadLimitTest {
    private final int before = EjmlConcurrency.getMaxThreads();

    @AfterEach
    void restore() {
        EjmlConcurrency.setMaxThreads(before);
    }

    @Test
    void theLimitSizesEjmlsPool() {
        new EjmlBackend().limitThreads(1);
        assertEquals(1, EjmlConcurrency.getMaxThreads());
        new EjmlBackend().limitThreads(3);
        assertEquals(3, EjmlConcurrency.getMaxThreads());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EjmlBackend().limitThreads(0));
        assertEquals("threads must be at least 1, got 0", e.getMessage());
        assertEquals(before, EjmlConcurrency.getMaxThreads());
    }

    /** tanh, recording the threads its passes run on. */
    private static final class RecordingTanh implements org.gdflow.api.Activation {
        private final org.gdflow.api.Activation tanh = Fixtures.activation("tanh");
        final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public double value(double z) {
            return tanh.value(z);
        }

        @Override
        public double derivative(double z) {
            return tanh.derivative(z);
        }

        @Override
        public double secondDerivative(double z) {
            return tanh.secondDerivative(z);
        }

        @Override
        public void evaluate(double[] z, double[] value, double[] derivative, int from, int to) {
            threads.add(Thread.currentThread().getName());
            tanh.evaluate(z, value, derivative, from, to);
        }
    }

    @Test
    void theFieldRunsOnTheCallerAloneWithOneThreadOrBelowTheThresholdAndOnTwoAbove() {
        RecordingTanh tanh = new RecordingTanh();
        org.gdflow.api.NetworkProblem p = Fixtures.problem(1, 64, 4, 40, tanh, Fixtures.scaling("ntk"), true, true, false);
        double[] theta = Fixtures.theta(2, p);
        double[] velocity = new double[p.dimension()];
        String caller = Thread.currentThread().getName();
        // above the threshold (0), one thread
        EjmlConcurrency.setMaxThreads(1);
        org.gdflow.api.NetworkKernels above = new EjmlBackend(0).open(p);
        for (int i = 0; i < 50; i++) {
            above.evaluate(theta, velocity);
        }
        assertEquals(java.util.Set.of(caller), tanh.threads);
        // two threads, below the threshold
        EjmlConcurrency.setMaxThreads(2);
        org.gdflow.api.NetworkKernels below = new EjmlBackend(Long.MAX_VALUE).open(p);
        for (int i = 0; i < 50; i++) {
            below.evaluate(theta, velocity);
        }
        assertEquals(java.util.Set.of(caller), tanh.threads);
        // two threads, above: a helper takes blocks in some evaluation
        for (int i = 0; i < 2000 && tanh.threads.size() < 2; i++) {
            above.evaluate(theta, velocity);
        }
        assertEquals(2, tanh.threads.size(), "threads: " + tanh.threads);
        assertTrue(tanh.threads.contains(caller));
    }
}
