package dev.memlint.check;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads with a stack large enough for the parser and tree walks, which recurse once per nesting
 * level. The stack is reserved, not committed: only a deeply nested file touches the pages.
 */
public final class BigStack {
    private static final long STACK_BYTES = 512L << 20;

    private BigStack() {}

    public static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(null, task, name + "-" + count.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs work on one big-stack thread and waits; its exception or error is rethrown here. */
    public static <T> T call(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = threads("memlint").newThread(task);
        thread.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }
}
