package org.gdflow.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
