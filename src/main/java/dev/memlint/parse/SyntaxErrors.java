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
     * A decimal int literal over CPython's digit limit, where each version put it: 3.8 at the
     * literal (a UTF-8 column), 3.9 at column 1, and from 3.10 on no column at all (offset 0), so
     * that no line of carets marks the literal.
     *
     * @param utf8Col 0-based UTF-8 column of the literal
     */
    static PythonSyntaxError tooManyDigits(Token literal, int utf8Col, int digits, PythonVersion target) {
        String limit = target.atLeast(PythonVersion.PY311) ? Literals.MAX_DECIMAL_DIGITS + " digits"
                : String.valueOf(Literals.MAX_DECIMAL_DIGITS);
        String message = "Exceeds the limit (" + limit + ") for integer string conversion: value has " + digits
                + " digits; use sys.set_int_max_str_digits() to increase the limit"
                + " - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.";
        int line = literal.getLine();
        if (target == PythonVersion.PY38) return new PythonSyntaxError(message, line, utf8Col + 1);
        if (target == PythonVersion.PY39) return new PythonSyntaxError(message, line, 1);
        return new PythonSyntaxError("SyntaxError", message, line, 0, line, 0);
    }

    PythonSyntaxError at(Pos p, String message) {
        return new PythonSyntaxError("SyntaxError", message, p.line(), source.codePointCol(p.line(), p.col()) + 1,
                p.endLine(), source.codePointCol(p.endLine(), p.endCol()) + 1);
    }
}
