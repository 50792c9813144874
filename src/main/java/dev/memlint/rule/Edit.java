package dev.memlint.rule;

/** Replace the text of a range (empty range: insert). */
public record Edit(TextRange range, String replacement) {
}
