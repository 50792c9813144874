package dev.memlint.server;

import dev.memlint.check.SourceChecker;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.Estimates;
import dev.memlint.memory.SizeModel;

import java.util.List;
import java.util.Map;

/**
 * One check of one document text: what SourceChecker found, or why the text could not be checked
 * (a broken configuration, a failure of memlint's), or neither when the configuration skips the
 * file. The function estimates for hovers are computed on the first hover and kept.
 */
final class Analysis {
    /** The size model hovers use: the `estimate` command's default. */
    static final String ESTIMATE_PYTHON = "3.12";

    static final Analysis SKIPPED = new Analysis(null, null);

    private final SourceChecker.Checked checked;
    private final String problem;
    private List<Estimates.Entry> estimates;

    private Analysis(SourceChecker.Checked checked, String problem) {
        this.checked = checked;
        this.problem = problem;
    }

    static Analysis of(SourceChecker.Checked checked) {
        return new Analysis(checked, null);
    }

    static Analysis failed(String problem) {
        return new Analysis(null, problem);
    }

    /** The check's result; null when the file was skipped or could not be checked. */
    SourceChecker.Checked checked() { return checked; }

    /** Why the text could not be checked, or null. */
    String problem() { return problem; }

    /** Per function, what `memlint estimate` prints; empty when the text does not parse. */
    synchronized List<Estimates.Entry> estimates(String displayPath) {
        if (estimates == null) {
            estimates = checked == null || !checked.parses() ? List.of()
                    : Estimates.of(checked.parsed().module(), displayPath, SizeModel.of(ESTIMATE_PYTHON),
                    CollectorMode.DEFAULT, Map.of());
        }
        return estimates;
    }
}
