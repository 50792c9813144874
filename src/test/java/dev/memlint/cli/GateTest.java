package dev.memlint.cli;

import dev.memlint.parse.SourceText;
import dev.memlint.report.Baseline;
import dev.memlint.report.FileFailure;
import dev.memlint.report.LintReport;
import dev.memlint.report.SarifPaths;
import dev.memlint.report.SarifReporter;
import dev.memlint.rule.Finding;
import dev.memlint.rule.RuleRegistry;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GateTest {
    @TempDir
    Path root;

    private static final String TEXT = "a = 1\nb = 2\n";

    private static Finding finding(int line, Severity severity) {
        return new Finding("MEM001", "m.py", new TextRange(line, 1, line, 2), severity, "m");
    }

    private static LintReport report(List<Finding> findings, List<FileFailure> failures) {
        return new LintReport(findings, Map.of("m.py", new SourceText(TEXT)), 1, failures);
    }

    private Gate gate(LintReport report, Baseline baseline, Severity failOn, boolean exitZero) {
        return Gate.apply(report, null, baseline, new SarifPaths(root, root), failOn, exitZero);
    }

    @Test
    void failOnCountsOnlyFindingsAtOrAboveTheLevel() {
        LintReport notes = report(List.of(finding(1, Severity.NOTE), finding(2, Severity.WARNING)), List.of());
        assertEquals(ExitStatus.FINDINGS, gate(notes, null, Severity.NOTE, false).exitStatus());
        assertEquals(ExitStatus.FINDINGS, gate(notes, null, Severity.WARNING, false).exitStatus());
        assertEquals(ExitStatus.CLEAN, gate(notes, null, Severity.ERROR, false).exitStatus());
        assertEquals(ExitStatus.CLEAN, gate(notes, null, Severity.NOTE, true).exitStatus());
    }

    @Test
    void filesThatCouldNotBeCheckedFailEvenWithExitZero() {
        LintReport failed = report(List.of(), List.of(new FileFailure("x.py", "error: cannot read: denied")));
        assertEquals(ExitStatus.ERROR, gate(failed, null, Severity.NOTE, true).exitStatus());
    }

    @Test
    void findingsInTheBaselineDoNotFailAndAreNotShown() throws Exception {
        Files.writeString(root.resolve("m.py"), TEXT);
        LintReport old = report(List.of(finding(1, Severity.ERROR)), List.of());
        Path baselineFile = root.resolve("baseline.sarif");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(baselineFile))) {
            new SarifReporter(new SarifReporter.Settings(new SarifPaths(root, root), List.of(RuleRegistry.SYNTAX_ERROR), "0", null, null))
                    .write(old, out);
        }
        Baseline baseline = Baseline.read(baselineFile);
        assertEquals(ExitStatus.CLEAN, gate(old, baseline, Severity.NOTE, false).exitStatus());
        assertEquals(List.of(), gate(old, baseline, Severity.NOTE, false).shown().findings());

        LintReport now = report(List.of(finding(1, Severity.ERROR), finding(2, Severity.ERROR)), List.of());
        Gate gate = gate(now, baseline, Severity.NOTE, false);
        assertEquals(ExitStatus.FINDINGS, gate.exitStatus());
        assertEquals(List.of(finding(2, Severity.ERROR)), gate.shown().findings());
        assertEquals(2, gate.report().findings().size(), "SARIF still gets both, with their states");
    }
}
