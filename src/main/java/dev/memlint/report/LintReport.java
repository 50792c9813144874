package dev.memlint.report;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything a reporter needs from one run.
 *
 * @param findings     sorted by path, line, column (see {@link #ORDER})
 * @param sources      the text of each file that has findings, for source snippets; a file whose
 *                     bytes are not valid UTF-8 is decoded leniently, so its snippet is approximate
 * @param filesChecked files that were read and checked, with or without findings
 * @param failures     files that could not be checked, sorted by path
 */
public record LintReport(List<Finding> findings, Map<String, SourceText> sources, int filesChecked,
                         List<FileFailure> failures) {

    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::path)
            .thenComparingInt(f -> f.range().line())
            .thenComparingInt(f -> f.range().column())
            .thenComparing(Finding::code);

    public long filesWithFindings() {
        return findings.stream().map(Finding::path).distinct().count();
    }
}
