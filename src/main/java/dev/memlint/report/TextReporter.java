package dev.memlint.report;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.RuleInfo;
import dev.memlint.rule.RuleRegistry;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The human format: {@code path:line:col: CODE message}, the source line with carets under the
 * span, then a summary line. With statistics on, a count per rule replaces the list.
 */
public final class TextReporter implements Reporter {
    private final Ansi ansi;
    private final boolean statistics;

    public TextReporter(boolean color, boolean statistics) {
        this.ansi = new Ansi(color);
        this.statistics = statistics;
    }

    @Override
    public void write(LintReport report, PrintWriter out) {
        if (statistics) {
            writeStatistics(report, out);
        } else {
            for (Finding finding : report.findings()) {
                writeFinding(finding, report.sources().get(finding.path()), out);
            }
        }
        out.println(summary(report));
    }

    private void writeFinding(Finding f, SourceText source, PrintWriter out) {
        TextRange r = f.range();
        // "a.py:2:14: MEM302 [*] warning: ...": [*] marks a finding --fix can fix (as Ruff does).
        boolean fixable = f.fix() != null && !f.fix().edits().isEmpty() && f.fix().applicability() == Fix.Applicability.SAFE;
        out.println(ansi.style(f.path(), Ansi.BOLD) + ":" + r.line() + ":" + r.column() + ": "
                + ansi.style(f.code(), Ansi.BOLD, colorOf(f.severity())) + (fixable ? " [*] " : " ")
                + ansi.style(f.severity().label() + ":", colorOf(f.severity())) + " " + f.message());
        if (source != null && r.line() >= 1 && r.line() <= source.lineCount()) {
            int end = r.endLine() == r.line() ? r.endColumn() : -1;
            Snippet snippet = Snippet.of(source, r.line(), r.column(), end);
            String number = Integer.toString(r.line());
            String gutter = " ".repeat(number.length() + 1) + ansi.style("|", Ansi.BLUE);
            out.println(gutter);
            out.println(ansi.style(number, Ansi.BLUE) + " " + ansi.style("|", Ansi.BLUE) + " " + snippet.text);
            out.println(gutter + " " + " ".repeat(snippet.caretStart)
                    + ansi.style("^".repeat(snippet.caretWidth), Ansi.BOLD, colorOf(f.severity())));
        }
        out.println();
    }

    private void writeStatistics(LintReport report, PrintWriter out) {
        Map<String, Long> counts = report.findings().stream()
                .collect(Collectors.groupingBy(Finding::code, TreeMap::new, Collectors.counting()));
        Map<String, String> names = RuleRegistry.all().stream()
                .collect(Collectors.toMap(RuleInfo::code, RuleInfo::name));
        int width = counts.values().stream().map(c -> Long.toString(c).length()).max(Integer::compare).orElse(1);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.println(String.format("%" + width + "d", e.getValue()) + "  "
                        + ansi.style(e.getKey(), Ansi.BOLD) + "  " + names.getOrDefault(e.getKey(), "")));
        if (!counts.isEmpty()) out.println();
    }

    static String colorOf(Severity severity) {
        return switch (severity) {
            case ERROR -> Ansi.RED;
            case WARNING -> Ansi.YELLOW;
            case NOTE -> Ansi.CYAN;
        };
    }

    /** "Found 3 findings in 2 files (120 files checked)." or "All checks passed (120 files checked)." */
    static String summary(LintReport report) {
        String checked = "(" + count(report.filesChecked(), "file") + " checked)";
        String text;
        if (!report.findings().isEmpty()) {
            text = "Found " + count(report.findings().size(), "finding") + " in "
                    + count(report.filesWithFindings(), "file") + " " + checked + ".";
        } else if (report.failures().isEmpty()) {
            text = "All checks passed " + checked + ".";
        } else {
            text = "No findings " + checked + ".";
        }
        if (!report.failures().isEmpty()) {
            text += " " + count(report.failures().size(), "file") + " could not be checked.";
        }
        return text;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
