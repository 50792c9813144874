package dev.memlint.oracle;

import dev.memlint.oracle.OracleRun.Kind;
import dev.memlint.oracle.OracleRun.Outcome;
import dev.memlint.parse.PythonVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts and first-difference histogram of an {@link OracleRun}, as text for target/oracle-*.txt. */
final class OracleReport {
    private static final int EXAMPLES = 40;

    private final String title;
    private final String oracle;
    private final PythonVersion target;
    private final Path root;
    private final List<Outcome> outcomes;
    private final double seconds;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);

    OracleReport(String title, String oracle, PythonVersion target, Path root, List<Outcome> outcomes, double seconds) {
        this.title = title;
        this.oracle = oracle;
        this.target = target;
        this.root = root;
        this.outcomes = outcomes;
        this.seconds = seconds;
        for (Kind k : Kind.values()) counts.put(k, 0);
        for (Outcome o : outcomes) counts.merge(o.kind(), 1, Integer::sum);
    }

    int count(Kind kind) { return counts.get(kind); }

    int files() { return outcomes.size(); }

    /** Files the oracle accepted (their trees are compared), less those compile() refuses as memlint does. */
    int accepted() {
        return count(Kind.IDENTICAL) + count(Kind.DIFFERENT) + count(Kind.MEMLINT_REFUSED) + count(Kind.CRASHED)
                + count(Kind.TIMEOUT);
    }

    /** Files the oracle refused with a SyntaxError. */
    int refused() {
        return count(Kind.REFUSED_SAME_LINE) + count(Kind.REFUSED_OTHER_LINE) + count(Kind.REFUSED_BUT_ACCEPTED)
                + count(Kind.REFUSED_CRASHED);
    }

    /** Refused files where memlint's message is CPython's, word for word. */
    int sameMessage() { return (int) outcomes.stream().filter(Outcome::sameMessage).count(); }

    double identicalRatio() { return accepted() == 0 ? 1.0 : count(Kind.IDENTICAL) / (double) accepted(); }

    double rejectAgreement() { return refused() == 0 ? 1.0 : count(Kind.REFUSED_SAME_LINE) / (double) refused(); }

    String summary() {
        return String.format(Locale.ROOT, "%s: %d files; accepted by CPython %d: identical %d (%.3f%%), differing %d,"
                        + " memlint refused %d (%d more where CPython's compile() refuses them alike), crashed %d,"
                        + " timeouts %d; refused by CPython %d: memlint refused on the"
                        + " same line %d (%.2f%%; same message %d), on another line %d, accepted %d, crashed %d;"
                        + " oracle failed %d; %.1f s",
                title, files(), accepted(), count(Kind.IDENTICAL), 100 * identicalRatio(), count(Kind.DIFFERENT),
                count(Kind.MEMLINT_REFUSED), count(Kind.REFUSED_AT_COMPILE_STAGE), count(Kind.CRASHED), count(Kind.TIMEOUT),
                refused(),
                count(Kind.REFUSED_SAME_LINE), 100 * rejectAgreement(), sameMessage(), count(Kind.REFUSED_OTHER_LINE),
                count(Kind.REFUSED_BUT_ACCEPTED), count(Kind.REFUSED_CRASHED), count(Kind.ORACLE_FAILED), seconds);
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append('\n');
        b.append("oracle: ").append(oracle).append("; memlint target: ").append(target.label())
                .append("; corpus: ").append(root).append('\n');
        b.append(summary()).append("\n\n");
        Map<String, List<Outcome>> byKind = outcomes.stream().filter(o -> o.kind() == Kind.DIFFERENT)
                .collect(Collectors.groupingBy(o -> o.diff().kind(), LinkedHashMap::new, Collectors.toList()));
        b.append("## First differences by kind (count, then up to 3 examples)\n");
        byKind.entrySet().stream()
                .sorted((x, y) -> y.getValue().size() - x.getValue().size())
                .forEach(e -> {
                    b.append(String.format(Locale.ROOT, "%6d  %s%n", e.getValue().size(), e.getKey()));
                    e.getValue().stream().limit(3).forEach(o -> b.append("          ")
                            .append(rel(o.file())).append(':').append(o.diff().line())
                            .append("\n            CPython: ").append(o.diff().expected())
                            .append("\n            memlint: ").append(o.diff().actual()).append('\n'));
                });
        for (Kind k : List.of(Kind.CRASHED, Kind.MEMLINT_REFUSED, Kind.REFUSED_AT_COMPILE_STAGE, Kind.TIMEOUT, Kind.REFUSED_CRASHED, Kind.REFUSED_OTHER_LINE,
                Kind.REFUSED_BUT_ACCEPTED, Kind.ORACLE_FAILED)) {
            groups(b, k.toString(), outcomes.stream().filter(o -> o.kind() == k).toList());
        }
        groups(b, "REFUSED_SAME_LINE with another message", outcomes.stream()
                .filter(o -> o.kind() == Kind.REFUSED_SAME_LINE && !o.sameMessage()).toList());
        return b.toString();
    }

    private void groups(StringBuilder b, String heading, List<Outcome> list) {
        if (list.isEmpty()) return;
        Map<String, List<Outcome>> groups = list.stream()
                .collect(Collectors.groupingBy(Outcome::group, LinkedHashMap::new, Collectors.toList()));
        b.append("\n## ").append(heading).append(" (").append(list.size()).append(", by cause)\n");
        groups.entrySet().stream()
                .sorted((x, y) -> y.getValue().size() - x.getValue().size())
                .limit(EXAMPLES)
                .forEach(e -> {
                    b.append(String.format(Locale.ROOT, "%6d  %s%n", e.getValue().size(), e.getKey()));
                    e.getValue().stream().limit(3).forEach(o -> b.append("          ").append(rel(o.file()))
                            .append(": ").append(o.detail()).append('\n'));
                });
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, render());
    }

    private String rel(Path file) {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }
}
