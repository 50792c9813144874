package dev.memlint.report;

import java.io.IOException;
import java.io.PrintWriter;

/** Writes the outcome of one `memlint check` run in one output format. */
public interface Reporter {
    void write(LintReport report, PrintWriter out) throws IOException;
}
