package org.gdflow.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The two-phase job: every task once per run, phase 2 after all of phase 1, exceptions passed on, helpers reused. */
class PhasedJobTest {
    /** Counts each task's runs, and what phase 2 saw of phase 1 when it started. */
    private static final class Recorder implements PhasedJob.Tasks {
        final AtomicIntegerArray first = new AtomicIntegerArray(64);
        final AtomicIntegerArray second = new AtomicIntegerArray(64);
        final AtomicInteger firstFinished = new AtomicInteger();
        /** The fewest phase-1 tasks finished when a phase-2 task started, over the run. */
        volatile int fewestSeenBySecond = Integer.MAX_VALUE;
        final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void run(int phase, int task) {
            threads.add(Thread.currentThread().getName());
            if (phase == 0) {
                // some work, so that the other thread has time to take tasks too
                double sink = 0;
                for (int i = 0; i < 20_000 * (1 + task % 3); i++) {
                    sink += Math.sqrt(i);
                }
                first.incrementAndGet(task);
                firstFinished.incrementAndGet();
                assertTrue(sink > 0);
            } else {
                int seen = firstFinished.get();
                synchronized (this) {
                    fewestSeenBySecond = Math.min(fewestSeenBySecond, seen);
                }
                second.incrementAndGet(task);
            }
        }

        void reset() {
            for (int i = 0; i < 64; i++) {
                first.set(i, 0);
                second.set(i, 0);
            }
            firstFinished.set(0);
            fewestSeenBySecond = Integer.MAX_VALUE;
        }
    }

    @Test
    void everyTaskRunsOncePerRunAndPhaseTwoStartsAfterAllOfPhaseOne() {
        Recorder recorder = new Recorder();
        PhasedJob job = new PhasedJob(recorder);
        int[][] shapes = {{16, 16}, {16, 0}, {1, 1}, {0, 5}, {7, 33}, {64, 64}, {3, 2}};
        for (int threads = 1; threads <= 3; threads++) {
            for (int round = 0; round < 40; round++) {
                int[] shape = shapes[round % shapes.length];
                recorder.reset();
                job.run(shape[0], shape[1], threads);
                for (int t = 0; t < 64; t++) {
                    assertEquals(t < shape[0] ? 1 : 0, recorder.first.get(t), "phase 1 task " + t + ", " + threads + " threads");
                    assertEquals(t < shape[1] ? 1 : 0, recorder.second.get(t), "phase 2 task " + t + ", " + threads + " threads");
                }
                if (shape[1] > 0) {
                    assertEquals(shape[0], recorder.fewestSeenBySecond, "phase 2 started before phase 1 had finished");
                }
            }
        }
    }

    @Test
    void theCallerWorksAndAHelperJoins() {
        Recorder recorder = new Recorder();
        PhasedJob job = new PhasedJob(recorder);
        job.run(16, 0, 1);
        assertEquals(java.util.Set.of(Thread.currentThread().getName()), recorder.threads, "one thread: the caller alone");
        // with two threads a helper takes some of the tasks in at least one of many runs (it may be busy in any one)
        for (int round = 0; round < 200 && recorder.threads.size() < 2; round++) {
            job.run(64, 0, 2);
        }
        assertEquals(2, recorder.threads.size(), "threads seen: " + recorder.threads);
        assertTrue(recorder.threads.contains(Thread.currentThread().getName()));
        assertTrue(PhasedJob.Helpers.started() >= 1);
        int started = PhasedJob.Helpers.started();
        for (int round = 0; round < 20; round++) {
            job.run(8, 8, 2);
        }
        assertEquals(started, PhasedJob.Helpers.started(), "helpers are reused, not started per run");
    }

    @Test
    void aFinishedJobIsNoLongerHeldByTheHelpers() {
        PhasedJob[] seenDuringRun = new PhasedJob[1];
        PhasedJob job = new PhasedJob((phase, task) -> {
            if (phase == 0 && task == 0) {
                seenDuringRun[0] = PhasedJob.Helpers.posted();
            }
        });
        job.run(4, 4, 2);
        assertSame(job, seenDuringRun[0], "the job is posted to the helpers while it runs");
        assertEquals(null, PhasedJob.Helpers.posted(), "a finished job (and its run's matrices) stays referenced");
        PhasedJob failing = new PhasedJob((phase, task) -> {
            throw new IllegalStateException("task failed");
        });
        assertThrows(IllegalStateException.class, () -> failing.run(2, 0, 2));
        assertEquals(null, PhasedJob.Helpers.posted(), "a failed job stays referenced");
    }

    @Test
    void aTaskThatThrowsFailsTheRunAfterTheOtherTasksAndTheJobRunsAgain() {
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("task 5 failed");
        boolean[] fail = {true};
        PhasedJob job = new PhasedJob((phase, task) -> {
            ran.incrementAndGet();
            if (fail[0] && phase == 0 && task == 5) {
                throw boom;
            }
        });
        for (int threads = 1; threads <= 2; threads++) {
            ran.set(0);
            fail[0] = true;
            int count = threads;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> job.run(16, 4, count));
            assertSame(boom, e);
            assertEquals(20, ran.get(), "every other task still ran");
            fail[0] = false;
            ran.set(0);
            job.run(16, 4, threads);
            assertEquals(20, ran.get());
        }
        AssertionError error = new AssertionError("an error");
        PhasedJob throwsError = new PhasedJob((phase, task) -> {
            if (phase == 1) {
                throw error;
            }
        });
        assertSame(error, assertThrows(AssertionError.class, () -> throwsError.run(2, 2, 2)));
    }

    @Test
    void aJobNeverRunsOnMoreThreadsThanItWasGiven() {
        Recorder recorder = new Recorder();
        PhasedJob job = new PhasedJob(recorder);
        // two helpers exist after a job for three threads
        job.run(8, 0, 3);
        assertTrue(PhasedJob.Helpers.started() >= 2);
        for (int threads = 1; threads <= 2; threads++) {
            for (int round = 0; round < 100; round++) {
                recorder.threads.clear();
                job.run(16, 16, threads);
                assertTrue(recorder.threads.size() <= threads, threads + " threads given, ran on " + recorder.threads);
            }
        }
    }

    @Test
    void aParkedHelperIsWokenByTheNextJob() throws InterruptedException {
        Recorder recorder = new Recorder();
        PhasedJob job = new PhasedJob(recorder);
        job.run(4, 0, 2);
        boolean helped = false;
        for (int round = 0; round < 100 && !helped; round++) {
            // long enough for the helpers to stop spinning and park
            Thread.sleep(1 + PhasedJob.SPIN_NANOS / 100_000);
            recorder.threads.clear();
            job.run(64, 0, 2);
            helped = recorder.threads.size() == 2;
        }
        assertTrue(helped, "no helper joined a job posted while it was parked");
    }

    @Test
    void withOneThreadTheFirstTaskToThrowIsTheOneThrown() {
        IllegalStateException third = new IllegalStateException("task 3");
        IllegalArgumentException seventh = new IllegalArgumentException("task 7");
        PhasedJob job = new PhasedJob((phase, task) -> {
            if (task == 3) {
                throw third;
            }
            if (task == 7) {
                throw seventh;
            }
        });
        assertSame(third, assertThrows(IllegalStateException.class, () -> job.run(10, 0, 1)));
    }

    @Test
    void helpersAreDaemonsSoTheyNeverKeepAJvmAlive() {
        new PhasedJob((phase, task) -> { }).run(4, 4, 2);
        java.util.List<Thread> helpers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gdflow-ejml-helper-")).toList();
        assertTrue(!helpers.isEmpty());
        for (Thread helper : helpers) {
            assertTrue(helper.isDaemon(), helper.getName());
        }
    }
}
