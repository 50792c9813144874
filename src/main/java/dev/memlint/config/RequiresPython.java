package dev.memlint.config;

import dev.memlint.parse.PythonVersion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lowest Python a project supports, from the {@code requires-python} specifier of its
 * pyproject.toml ({@code ">=3.9"}, {@code "~=3.10"}, {@code ">=3.8, <4"}, {@code "==3.11.*"}): the
 * highest lower bound among its clauses. Versions below 3.8, the oldest memlint knows, count as 3.8.
 */
public final class RequiresPython {
    private static final Pattern CLAUSE = Pattern.compile("\\s*(~=|===|==|>=|>|<=|<|!=)\\s*(\\d+)(?:\\.(\\d+))?[^,]*");

    private RequiresPython() {}

    /** The lowest supported version, or null when the specifier names no lower bound or cannot be read. */
    public static PythonVersion lowest(String specifier) {
        int best = -1;
        for (String clause : specifier.split(",")) {
            if (clause.isBlank()) continue;
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) return null;
            String op = m.group(1);
            if (!op.equals(">=") && !op.equals(">") && !op.equals("~=") && !op.equals("==") && !op.equals("===")) continue;
            int major = Integer.parseInt(m.group(2));
            int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (major != 3) {
                if (major > 3) return null; // no Python 4 to advise for
                continue;                   // >=2.7: no bound on 3.x
            }
            best = Math.max(best, minor); // >3.9 admits 3.9.1: its minor is still 9
        }
        if (best < 0) return null;
        if (best <= PythonVersion.PY38.minor()) return PythonVersion.PY38;
        for (PythonVersion v : PythonVersion.values()) if (v.minor() == best) return v;
        return PythonVersion.LATEST.minor() < best ? PythonVersion.LATEST : null;
    }
}
