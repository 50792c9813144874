package dev.memlint.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of the calling thread, for the cost figures of `check --stats`. Off unless a run
 * asks for them: loading the JVM's management classes costs a short run tens of milliseconds.
 */
public final class ThreadCpu {
    private static volatile boolean enabled;
    /** A thread whose work is not the run's (the warm-up): its time counts as nothing. */
    private static volatile Thread uncounted;

    private ThreadCpu() {}

    /** Turns measuring on (for the rest of the JVM's life). */
    public static void enable() {
        enabled = true;
    }

    /** Leaves the calling thread's time out of the figures. */
    public static void leaveOutThisThread() {
        uncounted = Thread.currentThread();
    }

    /** Nanoseconds; only differences are meaningful; 0 when off or where the JVM cannot tell. */
    public static long now() {
        if (!enabled || !Bean.SUPPORTED || Thread.currentThread() == uncounted) {
            return 0;
        }
        return Bean.THREADS.getCurrentThreadCpuTime();
    }

    /** Loaded on first use only. */
    private static final class Bean {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();
    }
}
