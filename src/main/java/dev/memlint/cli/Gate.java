package dev.memlint.cli;

import dev.memlint.report.Baseline;
import dev.memlint.report.BaselineComparison;
import dev.memlint.report.DiffBase;
import dev.memlint.report.LintReport;
import dev.memlint.report.SarifPaths;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --diff-base}, {@code --baseline}, {@code --fail-on}, {@code --exit-zero} and
 * {@code --write-baseline} make of a finished run: which findings are reported, how they compare
 * with the baseline, and the exit status.
 *
 * @param report     the findings that remain after {@code --diff-base}; SARIF shows all of them
 * @param comparison their states against the baseline, parallel to {@code report.findings()}; null without one
 * @param shown      what the other formats show: with a baseline, only the new findings
 */
record Gate(LintReport report, BaselineComparison comparison, LintReport shown, int exitStatus) {

    /**
     * @param diff     changed lines, or null without {@code --diff-base}
     * @param baseline the baseline, or null without {@code --baseline}
     * @param failOn   the lowest severity that fails the run
     * @param exitZero whether findings leave the exit status 0 ({@code --exit-zero}, {@code --write-baseline})
     */
    static Gate apply(LintReport run, DiffBase diff, Baseline baseline, SarifPaths paths, Severity failOn,
                      boolean exitZero) {
        LintReport report = diff == null ? run : withFindings(run, run.findings().stream().filter(diff::touches).toList());
        BaselineComparison comparison = baseline == null ? null
                : baseline.compare(report.findings(), report.sources(), paths);
        List<Finding> shown = new ArrayList<>();
        boolean failing = false;
        for (int i = 0; i < report.findings().size(); i++) {
            if (comparison != null && !comparison.isNew(i)) continue;
            Finding f = report.findings().get(i);
            shown.add(f);
            // Severity lists ERROR, WARNING, NOTE: "at or above" is an ordinal at most failOn's.
            failing |= f.severity().compareTo(failOn) <= 0;
        }
        int status = !report.failures().isEmpty() ? ExitStatus.ERROR
                : failing && !exitZero ? ExitStatus.FINDINGS : ExitStatus.CLEAN;
        return new Gate(report, comparison, comparison == null ? report : withFindings(report, shown), status);
    }

    private static LintReport withFindings(LintReport report, List<Finding> findings) {
        return new LintReport(findings, report.sources(), report.filesChecked(), report.failures());
    }
}
