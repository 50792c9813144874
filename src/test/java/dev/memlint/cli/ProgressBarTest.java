package dev.memlint.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress bar appears on a terminal once a run has lasted a second, and is erased at the end. */
class ProgressBarTest {
    @Test
    void drawsAfterASecondAndErasesItself() throws InterruptedException {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), 10, true);
        bar.accept(1);
        assertEquals("", out.toString(), "nothing in the first second");
        Thread.sleep(1_100);
        bar.accept(5);
        assertEquals("\r[===============               ] 5/10 files", out.toString());
        bar.finish();
        assertEquals("\r[===============               ] 5/10 files\r\u001b[K", out.toString());
    }

    @Test
    void drawsNothingWithoutATerminal() throws InterruptedException {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), 10, false);
        Thread.sleep(1_100);
        bar.accept(5);
        bar.finish();
        assertEquals("", out.toString());
    }
}
