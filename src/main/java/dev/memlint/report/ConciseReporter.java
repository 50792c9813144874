package dev.memlint.report;

import dev.memlint.rule.Finding;
import dev.memlint.rule.TextRange;

import java.io.PrintWriter;

/** One line per finding, {@code path:line:col: CODE message}, no source lines; then the summary line. */
public final class ConciseReporter implements Reporter {
    private final Ansi ansi;

    public ConciseReporter(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public void write(LintReport report, PrintWriter out) {
        for (Finding f : report.findings()) {
            TextRange r = f.range();
            out.println(ansi.style(f.path(), Ansi.BOLD) + ":" + r.line() + ":" + r.column() + ": "
                    + ansi.style(f.code(), Ansi.BOLD, TextReporter.colorOf(f.severity())) + " " + f.message());
        }
        out.println(TextReporter.summary(report));
    }
}
