package dev.memlint.ast;

/**
 * A node's extent as CPython reports it: 1-based lines, 0-based columns counted in UTF-8 bytes
 * of the line (CPython's col_offset). Convert with {@link dev.memlint.parse.SourceText} for display.
 */
public record Pos(int line, int col, int endLine, int endCol) {
}
