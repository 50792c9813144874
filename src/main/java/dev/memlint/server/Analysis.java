package dev.memlint.server;

import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Finding;
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

    static final Analysis SKIPPED = new Analysis(null, null, null, null);

    private final SourceChecker.Checked checked;
    private final String problem;
    /** The checked bytes and version, where checked holds no tree (a result `memlint check` stored): parsed for a hover. */
    private final byte[] storedContent;
    private final PythonVersion target;
    private List<Estimates.Entry> estimates;

    private Analysis(SourceChecker.Checked checked, String problem, byte[] storedContent, PythonVersion target) {
        this.checked = checked;
        this.problem = problem;
        this.storedContent = storedContent;
        this.target = target;
    }

    static Analysis of(SourceChecker.Checked checked) {
        return new Analysis(checked, null, null, null);
    }

    /** Findings `memlint check` stored for exactly these bytes under the same settings; the tree is made only for a hover. */
    static Analysis stored(List<Finding> findings, SourceText shown, byte[] content, PythonVersion target) {
        return new Analysis(new SourceChecker.Checked(findings, shown, null, null), null, content, target);
    }

    static Analysis failed(String problem) {
        return new Analysis(null, problem, null, null);
    }

    /** The check's result; null when the file was skipped or could not be checked. */
    SourceChecker.Checked checked() { return checked; }

    /** Why the text could not be checked, or null. */
    String problem() { return problem; }

    /** Per function, what `memlint estimate` prints; empty when the text does not parse. */
    synchronized List<Estimates.Entry> estimates(String displayPath) {
        if (estimates == null) {
            ParsedFile parsed = checked == null ? null : checked.parses() ? checked.parsed() : parseStored();
            estimates = parsed == null ? List.of()
                    : Estimates.of(parsed.module(), displayPath, SizeModel.of(ESTIMATE_PYTHON), CollectorMode.DEFAULT, Map.of());
        }
        return estimates;
    }

    private ParsedFile parseStored() {
        if (storedContent == null) return null;
        try {
            return PythonSourceParser.parse(storedContent, target);
        } catch (PythonSyntaxError e) {
            return null; // its MEM001 is the stored finding
        }
    }
}
