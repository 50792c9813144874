package dev.memlint.rule;

import java.util.List;

/**
 * What reports and `memlint rules` need to know of a rule.
 *
 * @param code           stable key, e.g. "MEM201"
 * @param name           kebab-case name of the problem, e.g. "string-concatenation-in-loop"
 * @param summary        one neutral sentence
 * @param precision      SARIF precision: "very-high", "high", "medium" or "low"
 */
public record RuleInfo(String code, String name, Severity severity, String summary, boolean defaultEnabled,
                       List<String> tags, String precision) {
}
