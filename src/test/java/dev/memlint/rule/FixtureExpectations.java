package dev.memlint.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code # expect: CODE[, CODE]} marks of a fixture and how findings compare with them. */
final class FixtureExpectations {
    private static final Pattern MARK = Pattern.compile("#\\s*expect:\\s*([A-Z]+[0-9]+(?:\\s*,\\s*[A-Z]+[0-9]+)*)");

    private FixtureExpectations() {}

    /** Line number to the codes expected there. */
    static Map<Integer, Set<String>> parse(String text) {
        Map<Integer, Set<String>> out = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MARK.matcher(lines[i]);
            if (m.find()) for (String c : m.group(1).split("\\s*,\\s*")) out.computeIfAbsent(i + 1, k -> new TreeSet<>()).add(c);
        }
        return out;
    }

    /** Differences between marks and findings of the codes in scope, one line each; empty when equal. */
    static List<String> compare(Map<Integer, Set<String>> expected, List<Finding> findings, Set<String> codes) {
        Map<Integer, Set<String>> actual = new TreeMap<>();
        for (Finding f : findings) {
            if (codes.contains(f.code())) actual.computeIfAbsent(f.range().line(), k -> new TreeSet<>()).add(f.code());
        }
        List<String> problems = new ArrayList<>();
        Set<Integer> lines = new TreeSet<>(expected.keySet());
        lines.addAll(actual.keySet());
        for (int line : lines) {
            Set<String> want = new TreeSet<>(expected.getOrDefault(line, Set.of()));
            want.retainAll(codes);
            Set<String> got = actual.getOrDefault(line, Set.of());
            if (!want.equals(got)) problems.add("line " + line + ": expected " + want + ", reported " + got
                    + findings.stream().filter(f -> f.range().line() == line).map(f -> " [" + f.message() + "]")
                    .reduce("", String::concat));
        }
        return problems;
    }
}
