package dev.memlint.parse;

/**
 * A source file that CPython would refuse, with CPython's wording and position.
 * Thrown by the decoder, the lexer and the parser; caught by the parse facade.
 */
public final class PythonSyntaxError extends RuntimeException {
    private final String kind;
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;

    /**
     * @param kind    "SyntaxError", "IndentationError" or "TabError", as CPython names the exception
     * @param message CPython's message, e.g. "invalid syntax" or "expected ':'"
     * @param line    1-based line
     * @param column  1-based column in characters (Unicode code points)
     */
    public PythonSyntaxError(String kind, String message, int line, int column, int endLine, int endColumn) {
        super(message, null, false, false);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
    }

    public PythonSyntaxError(String message, int line, int column) {
        this("SyntaxError", message, line, column, line, column);
    }

    public String kind() { return kind; }
    public int line() { return line; }
    public int column() { return column; }
    public int endLine() { return endLine; }
    public int endColumn() { return endColumn; }
}
