package dev.memlint.cli;

import dev.memlint.report.LintReport;

/** memlint's exit codes. */
final class ExitStatus {
    static final int CLEAN = 0;
    static final int FINDINGS = 1;
    /** Usage errors, and files that could not be checked (unreadable, or an internal error). */
    static final int ERROR = 2;

    private ExitStatus() {}

    static int of(LintReport report) {
        if (!report.failures().isEmpty()) return ERROR;
        return report.findings().isEmpty() ? CLEAN : FINDINGS;
    }
}
