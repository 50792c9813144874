package dev.memlint.ast;

/** One imported name; asname may be null. */
public record Alias(String name, String asname, Pos pos) implements Located {
}
