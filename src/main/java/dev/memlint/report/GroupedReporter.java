package dev.memlint.report;

import dev.memlint.rule.Finding;

import java.io.PrintWriter;
import java.util.List;

/**
 * The findings under their file's name, one indented {@code line:col CODE message} line each, the
 * positions aligned within a file; a blank line after each file, then the summary line.
 */
public final class GroupedReporter implements Reporter {
    private final Ansi ansi;

    public GroupedReporter(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public void write(LintReport report, PrintWriter out) {
        List<Finding> findings = report.findings(); // sorted by path, so each file's findings are together
        for (int start = 0; start < findings.size(); ) {
            String path = findings.get(start).path();
            int end = start;
            while (end < findings.size() && findings.get(end).path().equals(path)) end++;
            List<Finding> file = findings.subList(start, end);
            int width = file.stream().mapToInt(f -> position(f).length()).max().orElse(0);
            out.println(ansi.style(path, Ansi.BOLD) + ":");
            for (Finding f : file) {
                String position = position(f);
                out.println("  " + position + " ".repeat(width - position.length()) + " "
                        + ansi.style(f.code(), Ansi.BOLD, TextReporter.colorOf(f.severity())) + " " + f.message());
            }
            out.println();
            start = end;
        }
        out.println(TextReporter.summary(report));
    }

    private static String position(Finding f) {
        return f.range().line() + ":" + f.range().column();
    }
}
