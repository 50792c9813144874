package dev.memlint.parse;

import dev.memlint.ast.Pos;
import org.antlr.v4.runtime.Token;

/** Builds PythonSyntaxErrors at tokens or AST positions, with CPython's 1-based code-point columns. */
final class SyntaxErrors {
    private final SourceText source;

    SyntaxErrors(SourceText source) { this.source = source; }

    PythonSyntaxError at(Token t, String message) {
        return new PythonSyntaxError(message, t.getLine(), t.getCharPositionInLine() + 1);
    }

    /**
     * At the opening quote of a string token: before 3.14 `t"..."` was the name `t` followed by a
     * string, and CPython's parser failed at the string.
     */
    static PythonSyntaxError atQuote(Token stringStart, String message) {
        String text = stringStart.getText();
        int quote = 0;
        while (quote < text.length() && text.charAt(quote) != '\'' && text.charAt(quote) != '"') quote++;
        return new PythonSyntaxError(message, stringStart.getLine(), stringStart.getCharPositionInLine() + quote + 1);
    }

    PythonSyntaxError at(Pos p, String message) {
        return new PythonSyntaxError("SyntaxError", message, p.line(), source.codePointCol(p.line(), p.col()) + 1,
                p.endLine(), source.codePointCol(p.endLine(), p.endCol()) + 1);
    }
}
