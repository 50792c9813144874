package dev.memlint.report;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextReporterTest {
    private static String render(LintReport report, boolean statistics) {
        StringWriter text = new StringWriter();
        new TextReporter(false, statistics).write(report, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void findingWithSnippetSpanningTwoLines() {
        SourceText source = new SourceText("a = 1\n\tb = [x\n  for x in y]\n");
        Finding f = new Finding("MEM001", "p.py", new TextRange(2, 6, 3, 14), Severity.ERROR, "msg");
        String out = render(new LintReport(List.of(f), Map.of("p.py", source), 4, List.of()), false);
        assertEquals("p.py:2:6: MEM001 error: msg\n"
                + "  |\n"
                + "2 |     b = [x\n"
                + "  |         ^^\n"
                + "\n"
                + "Found 1 finding in 1 file (4 files checked).\n", out);
    }

    @Test
    void theFirstLineShowsTheSeverityAndMarksWhatFixFixes() {
        TextRange r = new TextRange(1, 1, 1, 2);
        Fix safe = new Fix("drop it", Fix.Applicability.SAFE, List.of(new Edit(r, "")));
        Fix unsafe = new Fix("drop it", Fix.Applicability.UNSAFE, List.of(new Edit(r, "")));
        List<Finding> findings = List.of(
                new Finding("MEM302", "p.py", r, Severity.WARNING, "a", List.of(), List.of(), safe),
                new Finding("MEM301", "p.py", r, Severity.NOTE, "b", List.of(), List.of(), unsafe),
                new Finding("MEM601", "p.py", r, Severity.WARNING, "c"));
        String out = render(new LintReport(findings, Map.of(), 1, List.of()), false);
        assertEquals(List.of("p.py:1:1: MEM302 [*] warning: a", "p.py:1:1: MEM301 note: b", "p.py:1:1: MEM601 warning: c"),
                out.lines().filter(l -> l.startsWith("p.py")).toList());
    }

    @Test
    void findingWithoutSourceIsOneLine() {
        Finding f = new Finding("MEM001", "p.py", new TextRange(1, 1, 1, 1), Severity.ERROR, "msg");
        assertEquals("p.py:1:1: MEM001 error: msg\n\nFound 1 finding in 1 file (1 file checked).\n",
                render(new LintReport(List.of(f), Map.of(), 1, List.of()), false));
    }

    @Test
    void summaries() {
        assertEquals("All checks passed (0 files checked).\n",
                render(new LintReport(List.of(), Map.of(), 0, List.of()), false));
        assertEquals("No findings (2 files checked). 1 file could not be checked.\n",
                render(new LintReport(List.of(), Map.of(), 2, List.of(new FileFailure("x.py", "error: y"))), false));
    }

    @Test
    void statisticsSortedByCountThenCode() {
        List<Finding> findings = List.of(
                new Finding("MEM002", "a.py", new TextRange(1, 1, 1, 1), Severity.ERROR, "m"),
                new Finding("MEM001", "a.py", new TextRange(2, 1, 2, 1), Severity.ERROR, "m"),
                new Finding("MEM002", "b.py", new TextRange(1, 1, 1, 1), Severity.ERROR, "m"));
        assertEquals("2  MEM002  \n1  MEM001  syntax-error\n\nFound 3 findings in 2 files (2 files checked).\n",
                render(new LintReport(findings, Map.of(), 2, List.of()), true));
    }
}
