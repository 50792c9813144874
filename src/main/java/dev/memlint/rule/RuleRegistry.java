package dev.memlint.rule;

import java.util.List;

/** Every rule memlint knows, sorted by code. */
public final class RuleRegistry {
    /** Files that do not parse get exactly this finding, at the first error. */
    public static final RuleInfo SYNTAX_ERROR = new RuleInfo("MEM001", "syntax-error", Severity.ERROR,
            "The file is not valid Python for the target version, so nothing else in it is checked.",
            true, List.of("correctness"), "very-high");

    private RuleRegistry() {}

    public static List<RuleInfo> all() {
        return List.of(SYNTAX_ERROR);
    }
}
