package dev.memlint.parse;

/**
 * CPython 3.8 and 3.9 (the LL(1) parser, then the first PEG parser with the old tokenizer) word
 * many errors differently from 3.10 on, and often put them elsewhere. memlint finds its errors
 * with 3.10+ wording; this class rewords the common ones for those two targets.
 */
final class OldParserWording {
    private static final String UNEXPECTED_EOF = "unexpected EOF while parsing";
    private static final String MAYBE_EQUALS = " here. Maybe you meant '==' instead of '='?";

    private OldParserWording() {}

    static boolean applies(PythonVersion target) {
        return !target.atLeast(PythonVersion.PY310);
    }

    /** A parser error on the end of the input: 3.9 still names a missing block, the rest is "unexpected EOF". */
    static PythonSyntaxError atEndOfInput(PythonSyntaxError e, SourceText source, PythonVersion target) {
        if (target == PythonVersion.PY39 && e.kind().equals("IndentationError")) return reworded(e, source, target);
        return EndOfInput.at("SyntaxError", UNEXPECTED_EOF, source);
    }

    static PythonSyntaxError reworded(PythonSyntaxError e, SourceText source, PythonVersion target) {
        String m = e.getMessage();
        if (m.endsWith("' was never closed")) return EndOfInput.at("SyntaxError", UNEXPECTED_EOF, source);
        if (m.startsWith("unterminated string literal")) {
            // Reported where the line ends, not where the string starts.
            String line = source.line(e.line());
            return same(e, "EOL while scanning string literal", e.line(), line.codePointCount(0, line.length()) + 1);
        }
        if (m.startsWith("unterminated triple-quoted string literal")) {
            return EndOfInput.at("SyntaxError", "EOF while scanning triple-quoted string literal", source);
        }
        if (m.startsWith("expected an indented block")) return same(e, "expected an indented block", e.line(), e.column());
        if (m.equals("expected ':'") || m.equals("expected 'except' or 'finally' block")
                || m.equals("expected 'else' after 'if' expression") || m.equals("':' expected after dictionary key")
                || m.equals("multiple exception types must be parenthesized")) {
            return same(e, "invalid syntax", e.line(), e.column());
        }
        if (m.equals("cannot use starred expression here")) return same(e, "can't use starred expression here", e.line(), e.column());
        if (m.startsWith("cannot assign to ") || m.startsWith("cannot delete ")) {
            return same(e, oldTargetName(m.endsWith(MAYBE_EQUALS) ? m.substring(0, m.length() - MAYBE_EQUALS.length()) : m),
                    e.line(), e.column());
        }
        if (target == PythonVersion.PY38 && m.endsWith("' is an illegal expression for augmented assignment")) {
            String what = m.substring(1, m.indexOf('\'', 1));
            return same(e, what.equals("tuple") || what.equals("list") ? "illegal expression for augmented assignment"
                    : oldTargetName("cannot assign to " + what), e.line(), e.column());
        }
        if (m.startsWith("Missing parentheses in call to ")) return missingParentheses(e, source);
        if (m.equals("invalid decimal literal")) {
            // `1abc` was a number and a name: the name is where the parser failed.
            return same(e, "invalid syntax", e.line(), e.column() + 1);
        }
        if (m.equals("bytes can only contain ASCII literal characters")) return same(e, m + ".", e.line(), e.column());
        if (target == PythonVersion.PY38 && m.startsWith("invalid character '")) {
            return same(e, "invalid character in identifier", e.line(), e.column());
        }
        return e;
    }

    /** 3.10 calls operators "expression" and `...` "ellipsis"; 3.8/3.9 said "operator" and "Ellipsis". */
    private static String oldTargetName(String m) {
        if (m.endsWith(" expression") && !m.endsWith("yield expression") && !m.endsWith("await expression")
                && !m.endsWith("f-string expression") && !m.endsWith("named expression")
                && !m.endsWith("conditional expression") && !m.endsWith("generator expression")) {
            return m.substring(0, m.length() - "expression".length()) + "operator";
        }
        if (m.endsWith(" ellipsis")) return m.substring(0, m.length() - "ellipsis".length()) + "Ellipsis";
        return m;
    }

    /** `print x, y`: the old message quotes the call to write, at the first argument; `exec` got no suggestion. */
    private static PythonSyntaxError missingParentheses(PythonSyntaxError e, SourceText source) {
        boolean print = e.getMessage().contains("'print'");
        String rest = source.line(e.endLine()).substring(
                source.line(e.endLine()).offsetByCodePoints(0, e.endColumn() - 1));
        int semicolon = rest.indexOf(';');
        String args = (semicolon >= 0 ? rest.substring(0, semicolon) : rest).strip();
        String message = print ? "Missing parentheses in call to 'print'. Did you mean print(" + args + ")?"
                : "Missing parentheses in call to 'exec'";
        return same(e, message, e.endLine(), e.endColumn());
    }

    private static PythonSyntaxError same(PythonSyntaxError e, String message, int line, int column) {
        return new PythonSyntaxError(e.kind(), message, line, column, line, column);
    }
}
