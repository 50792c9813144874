package dev.memlint.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * A one-line progress bar on stderr, drawn only on an interactive terminal and only once a run
 * has lasted a second, so quick runs, pipes and CI logs never see it.
 */
final class ProgressBar implements IntConsumer {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private boolean drawn;

    ProgressBar(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    static ProgressBar create(PrintWriter err, int total) {
        return new ProgressBar(err, total, Terminal.isInteractive());
    }

    @Override
    public void accept(int done) {
        if (!enabled || total == 0 || System.nanoTime() - start < DELAY_NANOS) return;
        int filled = (int) ((long) WIDTH * done / total);
        err.print("\r[" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " files");
        err.flush();
        drawn = true;
    }

    /** Erases the bar so that what follows starts on a clean line. */
    void finish() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
