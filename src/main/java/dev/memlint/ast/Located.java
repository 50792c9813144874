package dev.memlint.ast;

/** A node with a source position (CPython's lineno, col_offset, end_lineno, end_col_offset). */
public interface Located extends Node {
    Pos pos();
}
