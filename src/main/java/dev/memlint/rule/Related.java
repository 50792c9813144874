package dev.memlint.rule;

/** A secondary location of a finding (SARIF relatedLocations). */
public record Related(TextRange range, String message) {
}
