package dev.memlint.ast;

/** A keyword argument of a call or class; {@code arg} is null for {@code **value}. */
public record Keyword(String arg, Expr value, Pos pos) implements Located {
}
