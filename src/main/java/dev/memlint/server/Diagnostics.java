package dev.memlint.server;

import dev.memlint.check.SourceChecker;
import dev.memlint.parse.SourceText;
import dev.memlint.report.SarifReporter;
import dev.memlint.rule.Finding;
import dev.memlint.rule.FlowStep;
import dev.memlint.rule.Related;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

import java.util.ArrayList;
import java.util.List;

/**
 * Findings as LSP diagnostics: code, severity, range, message, a link to the rule's documentation
 * (rules/CODE.md on the project's main branch, as SARIF's helpUri), and the finding's other
 * locations (the loop, the cycle's steps) as related information.
 */
final class Diagnostics {
    static final String SOURCE = "memlint";

    private Diagnostics() {}

    static List<Diagnostic> of(String uri, Analysis analysis) {
        if (analysis.problem() != null) {
            Diagnostic d = new Diagnostic(new Range(new Position(0, 0), new Position(0, 0)), analysis.problem(),
                    DiagnosticSeverity.Error, SOURCE);
            return List.of(d);
        }
        SourceChecker.Checked checked = analysis.checked();
        if (checked == null) return List.of();
        List<Diagnostic> out = new ArrayList<>();
        for (Finding f : checked.findings()) out.add(of(uri, checked.source(), f));
        return out;
    }

    static Diagnostic of(String uri, SourceText text, Finding finding) {
        Diagnostic d = new Diagnostic(LspRanges.of(text, finding.range()), finding.message(), severity(finding),
                SOURCE, finding.code());
        d.setCodeDescription(new DiagnosticCodeDescription(SarifReporter.helpUri(finding.code()).toString()));
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (Related r : finding.related()) related.add(related(uri, text, r.range(), r.message()));
        for (FlowStep s : finding.flow()) related.add(related(uri, text, s.range(), s.message()));
        if (!related.isEmpty()) d.setRelatedInformation(related);
        return d;
    }

    private static DiagnosticRelatedInformation related(String uri, SourceText text, dev.memlint.rule.TextRange range,
                                                        String message) {
        return new DiagnosticRelatedInformation(new Location(uri, LspRanges.of(text, range)), message);
    }

    private static DiagnosticSeverity severity(Finding finding) {
        return switch (finding.severity()) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case NOTE -> DiagnosticSeverity.Information;
        };
    }
}
