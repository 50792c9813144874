package dev.memlint.rule;

/** One step of a chain of statements that explains a finding (SARIF codeFlows). */
public record FlowStep(TextRange range, String message) {
}
