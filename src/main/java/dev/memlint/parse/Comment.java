package dev.memlint.parse;

/** A comment: 1-based line, 0-based column in code points, text from the '#'. */
public record Comment(int line, int column, String text) {
}
