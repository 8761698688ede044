package org.gdflow.backend.ejml;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A job of two phases of independent tasks, run by the calling thread together with helper threads
 * that the JVM shares (daemons, started on first use, at most {@code threads − 1} per job): phase 1's
 * tasks, then, once all of them are done, phase 2's. Made once per run and run once per evaluation.
 *
 * <p>Why not EJML's {@code loopFor} (a {@code ForkJoinPool} task and a parallel stream per call): at
 * {@code small} an evaluation is under a millisecond, and each of its two {@code loopFor} calls woke pool
 * threads and parked the caller, which did no work. Here the caller takes tasks at once; a helper that is
 * spinning (it spins {@link #SPIN_NANOS} after its last task before it parks) joins within a microsecond,
 * a parked or busy one late or not at all, and the caller then does the tasks alone; one hand-off covers
 * both phases. Tasks are taken one at a time from a shared counter, so the threads stay balanced. A thread
 * waiting for another (at the end of phase 1, or of the job) spins about 1000 rounds, then yields its core.
 *
 * <p>Results do not depend on which thread runs a task: the tasks must not share outputs. Not for
 * concurrent use of one job; distinct jobs may run at once (each takes the helpers that are free).
 */
final class PhasedJob {
    /** The tasks of a job. */
    interface Tasks {
        /**
         * Runs one task.
         *
         * @param phase 0 or 1
         * @param task the task's index in its phase
         */
        void run(int phase, int task);
    }

    /** How long a helper spins for the next job after its last task before it parks, in nanoseconds. */
    static final long SPIN_NANOS = 50_000L;

    private final Tasks tasks;
    /** The epoch (high 32 bits) and the next task to claim (low 32 bits; phase 1's, then phase 2's after them). */
    private final AtomicLong claim = new AtomicLong();
    /** Tasks of phase 1 finished in this epoch. */
    private final AtomicInteger firstDone = new AtomicInteger();
    /** Tasks finished in this epoch. */
    private final AtomicInteger done = new AtomicInteger();
    /** Helpers that may still join this epoch. */
    private final AtomicInteger seats = new AtomicInteger();
    /** Phase 1's task count of this epoch (written before the epoch is published). */
    private int firstTasks;
    /** Both phases' task count of this epoch. */
    private int allTasks;
    /** The first exception a task threw in this epoch. */
    private volatile Throwable failure;

    /** @param tasks the tasks; called from the caller's and the helpers' threads */
    PhasedJob(Tasks tasks) {
        this.tasks = tasks;
    }

    /**
     * Runs phase 1's tasks, then phase 2's, on this thread and up to {@code threads − 1} helpers, and
     * returns when all are done.
     *
     * @throws RuntimeException or Error, the first a task threw (after every task has run)
     */
    void run(int phase1Tasks, int phase2Tasks, int threads) {
        long epoch = (claim.get() >>> 32) + 1;
        firstTasks = phase1Tasks;
        allTasks = phase1Tasks + phase2Tasks;
        firstDone.set(0);
        done.set(0);
        failure = null;
        seats.set(threads - 1);
        // publishes the counts above to whoever reads the new epoch
        claim.set(epoch << 32);
        Helpers.post(this, threads - 1);
        work();
        for (int spins = 0; done.get() < allTasks; spins++) {
            // a helper is finishing its last task
            pause(spins);
        }
        // closed: no task is left to claim until the next epoch
        claim.set((epoch << 32) | CLOSED);
        // the helpers keep no reference to a finished job (and so to its run's matrices) until the next post
        Helpers.retire(this);
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
    }

    /** The claim counter of a finished epoch: above every task. */
    private static final long CLOSED = Integer.MAX_VALUE;

    /** A helper joins if a seat is left, and takes tasks. */
    private void help() {
        if (seats.getAndDecrement() > 0) {
            work();
        }
    }

    /**
     * Takes and runs tasks until none is left. A task is claimed with the epoch it belongs to, so a claim
     * never crosses into another evaluation; the counts read after the claim's epoch are that epoch's
     * (written before it was published, and not rewritten before all its tasks are done).
     */
    private void work() {
        while (true) {
            long current = claim.get();
            int task = (int) current;
            if (task >= allTasks) {
                return;
            }
            if (!claim.compareAndSet(current, current + 1)) {
                continue;
            }
            try {
                if (task < firstTasks) {
                    tasks.run(0, task);
                } else {
                    for (int spins = 0; firstDone.get() < firstTasks; spins++) {
                        // phase 2 waits for the last tasks of phase 1 on other threads
                        pause(spins);
                    }
                    tasks.run(1, task - firstTasks);
                }
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                if (task < firstTasks) {
                    firstDone.incrementAndGet();
                }
                done.incrementAndGet();
            }
        }
    }

    /** Spins, and after 1000 rounds (tens of microseconds) yields the core: the thread it waits for may have been descheduled. */
    private static void pause(int spins) {
        if (spins < 1_000) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** The helper threads of the JVM and the job posted last. */
    static final class Helpers {
        /** The job posted last (helpers take tasks of it while it has some). */
        private static volatile PhasedJob posted;
        /** Counts the posts, so a helper notices a job posted again. */
        private static final AtomicLong POSTS = new AtomicLong();
        private static Helper[] helpers = new Helper[0];

        private Helpers() {
        }

        /** Posts a job for up to {@code wanted} helpers, starting helpers as needed and waking parked ones. */
        static void post(PhasedJob job, int wanted) {
            Helper[] all = ensure(wanted);
            posted = job;
            POSTS.incrementAndGet();
            for (int h = 0; h < wanted; h++) {
                if (all[h].parked) {
                    LockSupport.unpark(all[h]);
                }
            }
        }

        /** Forgets {@code job} if it is the job posted last, so that a finished run's matrices can be collected. */
        static void retire(PhasedJob job) {
            if (posted == job) {
                posted = null;
            }
        }

        /** The job posted last and not yet finished, or null (for tests). */
        static PhasedJob posted() {
            return posted;
        }

        /** The helpers, at least {@code count} of them. */
        private static synchronized Helper[] ensure(int count) {
            if (helpers.length < count) {
                Helper[] more = java.util.Arrays.copyOf(helpers, count);
                for (int h = helpers.length; h < count; h++) {
                    more[h] = new Helper(h);
                    more[h].start();
                }
                helpers = more;
            }
            return helpers;
        }

        /** The number of helper threads started so far (for tests). */
        static synchronized int started() {
            return helpers.length;
        }
    }

    /** A helper thread: helps each job it sees posted, spins a while after, then parks until the next post. */
    private static final class Helper extends Thread {
        volatile boolean parked;

        Helper(int index) {
            super("gdflow-ejml-helper-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            long idleSince = System.nanoTime();
            for (int spins = 0;; spins++) {
                long posts = Helpers.POSTS.get();
                if (posts != seen) {
                    seen = posts;
                    PhasedJob job = Helpers.posted;
                    if (job != null) {
                        job.help();
                    }
                    idleSince = System.nanoTime();
                    spins = 0;
                } else if ((spins & 63) != 0 || System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    // a post between the check above and here is seen now, or unparks this thread
                    if (Helpers.POSTS.get() == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
