package dev.memlint.ast;

/** One parameter (CPython's arg); annotation may be null. */
public record Arg(String arg, Expr annotation, Pos pos) implements Located {
}
