package dev.memlint.report;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.FlowStep;
import dev.memlint.rule.Related;
import dev.memlint.rule.RuleInfo;
import dev.memlint.rule.RuleRegistry;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small project under src/test/resources/sarif/project and findings on it, written by hand so
 * that every part of a SARIF result (flow, related location, fix, two findings on one line,
 * columns after astral characters, a file that could not be read) is exercised. Rules MEM990 and
 * MEM991 exist for these tests only; their docs are test resources.
 */
final class SarifFixture {
    static final RuleInfo CONCAT = new RuleInfo("MEM990", "concatenation-in-loop", Severity.WARNING,
            "A string grows by concatenation inside a loop.", true, List.of("performance", "memory"), "high");
    static final RuleInfo LIST = new RuleInfo("MEM991", "list-built-to-iterate", Severity.NOTE,
            "A list is built only to be iterated once.", true, List.of("memory"), "medium");

    private SarifFixture() {}

    static Path root() {
        try {
            return Path.of(SarifFixture.class.getResource("/sarif/project").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fixed, so that rules added to the registry later do not change the golden file. */
    static List<RuleInfo> rules() {
        return List.of(RuleRegistry.SYNTAX_ERROR, CONCAT, LIST);
    }

    static SarifReporter.Settings settings(Path root, String category, BaselineComparison baseline) {
        return new SarifReporter.Settings(new SarifPaths(root, root), rules(), "0.1.0", category, baseline);
    }

    static List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("MEM001", "broken.py", new TextRange(1, 24, 1, 24), Severity.ERROR, "expected ':'"));
        findings.add(new Finding("MEM991", "pkg/größe.py", new TextRange(3, 16, 3, 35), Severity.NOTE,
                "`list()` builds a list of the keys only to be iterated once.", List.of(), List.of(),
                new Fix("Iterate over the keys directly", Fix.Applicability.SAFE,
                        List.of(new Edit(new TextRange(3, 16, 3, 21), ""), new Edit(new TextRange(3, 34, 3, 35), "")))));
        findings.add(new Finding("MEM990", "pkg/report.py", new TextRange(4, 9, 4, 31), Severity.WARNING,
                "`out` grows by `+=` inside a loop, which copies the whole string on every iteration.",
                List.of(), List.of(
                        new FlowStep(new TextRange(2, 5, 2, 13), "`out` starts as an empty string"),
                        new FlowStep(new TextRange(3, 5, 3, 21), "the loop repeats the body"),
                        new FlowStep(new TextRange(4, 9, 4, 31), "each iteration copies `out` into a longer string")),
                null));
        for (int[] cols : new int[][] {{16, 23, 12}, {30, 37, 15}}) {
            findings.add(new Finding("MEM991", "pkg/report.py", new TextRange(9, cols[0], 9, cols[1]), Severity.NOTE,
                    "`list()` builds a list only to be iterated once.",
                    List.of(new Related(new TextRange(8, cols[2], 8, cols[2] + 1), "the parameter iterated")),
                    List.of(), null));
        }
        findings.sort(LintReport.ORDER);
        return findings;
    }

    static LintReport report(Path root, List<Finding> findings) {
        return report(root, findings, List.of(new FileFailure("pkg/locked.py", "cannot read: Permission denied")));
    }

    static LintReport report(Path root, List<Finding> findings, List<FileFailure> failures) {
        return new LintReport(findings, sources(root, findings), 4, failures);
    }

    static Map<String, SourceText> sources(Path root, List<Finding> findings) {
        Map<String, SourceText> sources = new TreeMap<>();
        for (Finding f : findings) {
            sources.computeIfAbsent(f.path(), p -> {
                try {
                    return new SourceText(Files.readString(root.resolve(p), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return sources;
    }
}
