package dev.memlint.parse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of how parsing went, for benchmarks and tests: a valid file should always parse with
 * the fast SLL prediction; {@link #llFallbacks()} counts the files that needed the full-context
 * reparse and were then valid (a grammar weakness worth fixing).
 */
public final class ParseStats {
    private static final AtomicLong FILES = new AtomicLong();
    private static final AtomicLong LL_FALLBACKS = new AtomicLong();
    private static final AtomicLong SYNTAX_ERRORS = new AtomicLong();

    private ParseStats() {}

    static void file() { FILES.incrementAndGet(); }

    static void llFallback() { LL_FALLBACKS.incrementAndGet(); }

    static void syntaxError() { SYNTAX_ERRORS.incrementAndGet(); }

    public static long files() { return FILES.get(); }

    public static long llFallbacks() { return LL_FALLBACKS.get(); }

    public static long syntaxErrors() { return SYNTAX_ERRORS.get(); }

    public static void reset() {
        FILES.set(0);
        LL_FALLBACKS.set(0);
        SYNTAX_ERRORS.set(0);
    }
}
