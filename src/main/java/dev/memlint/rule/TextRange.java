package dev.memlint.rule;

/** A span of a file as people count it: 1-based lines and 1-based columns in characters (code points); the end is exclusive. */
public record TextRange(int line, int column, int endLine, int endColumn) {
}
