package dev.memlint.cli;

import dev.memlint.rule.RuleRegistry;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What --fix did to each file, collected from the checking threads and printed once the run is
 * over, in path order: the fixes applied (--show-fixes), the files left alone and why, and with
 * --diff the changes it would have written.
 */
final class FixOutcomes {
    private record Outcome(String path, List<String> codes, String skipped, String diff) {}

    private final boolean write;
    private final List<Outcome> outcomes = new ArrayList<>();

    /** write: rewrite the files (--fix); else only show the diffs (--diff). */
    FixOutcomes(boolean write) {
        this.write = write;
    }

    boolean writes() {
        return write;
    }

    synchronized void fixed(String path, List<String> codes, String diff) {
        outcomes.add(new Outcome(path, List.copyOf(codes), null, diff));
    }

    synchronized void skipped(String path, String reason) {
        outcomes.add(new Outcome(path, List.of(), reason, null));
    }

    synchronized int applied() {
        return outcomes.stream().mapToInt(o -> o.codes().size()).sum();
    }

    /** "a.py: not fixed: mixed line endings", one line per file left alone. */
    synchronized void printSkipped(PrintWriter err) {
        for (Outcome o : sorted()) {
            if (o.skipped() != null) err.println(o.path() + ": not fixed: " + o.skipped());
        }
    }

    /** Per file, how many fixes of each rule went in (Ruff's --show-fixes). */
    synchronized void printFixes(PrintWriter err) {
        int total = applied();
        if (total == 0) return;
        err.println((write ? "Fixed " : "Would fix ") + total + (total == 1 ? " finding:" : " findings:"));
        for (Outcome o : sorted()) {
            if (o.codes().isEmpty()) continue;
            err.println("- " + o.path() + ":");
            Map<String, Integer> byCode = new TreeMap<>();
            for (String code : o.codes()) byCode.merge(code, 1, Integer::sum);
            byCode.forEach((code, n) -> err.println("    " + n + " × " + code + " (" + RuleRegistry.info(code).name() + ")"));
        }
    }

    synchronized void printDiffs(PrintWriter out) {
        for (Outcome o : sorted()) {
            if (o.diff() != null) out.print(o.diff());
        }
    }

    private List<Outcome> sorted() {
        return outcomes.stream().sorted(Comparator.comparing(Outcome::path)).toList();
    }
}
