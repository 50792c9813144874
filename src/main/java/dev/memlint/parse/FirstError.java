package dev.memlint.parse;

import java.util.Set;

/**
 * Which error CPython reports when its parser failed and the tokenizer fails further on. From 3.10,
 * after a parser error CPython tokenizes the rest of the file, and a tokenizer error that raises an
 * exception there replaces the parser's error, unless (3.12+) it is met inside an f-string (before
 * 3.12 an f-string was one string token, read by the parser: its errors were not the tokenizer's). The
 * errors the tokenizer only flags (indentation, a character after a backslash, the end of input after
 * one or inside a bracket) raise nothing there and do not; but a bracket still open where the
 * tokenizer stopped, opened on a line before the last token the parser read, is then reported as
 * never closed.
 * "unexpected indent" and "unexpected unindent" are reported without that scan; 3.8 and 3.9 stopped
 * at the first error.
 */
final class FirstError {
    private static final Set<String> ONLY_FLAGGED = Set.of("inconsistent use of tabs and spaces in indentation",
            "unindent does not match any outer indentation level", "too many levels of indentation",
            "unexpected character after line continuation character", "unexpected EOF while parsing");

    /** Messages of CPython's first pass, after which the error pass may have read further. */
    private static final Set<String> GENERIC = Set.of("invalid syntax", "invalid syntax. Perhaps you forgot a comma?");

    private FirstError() {}

    static PythonSyntaxError of(PythonSyntaxError parserError, PythonSourceParser.Tokens tokens, PythonVersion target) {
        PythonSyntaxError lexError = tokens.lexError;
        if (lexError == null || parserError == lexError || !target.atLeast(PythonVersion.PY310)) return parserError;
        String m = parserError.getMessage();
        if (m.equals("unexpected indent") || m.equals("unexpected unindent")) return parserError;
        if (target.atLeast(PythonVersion.PY312) ? tokens.lexErrorInFormattedString
                : lexError.getMessage().startsWith("f-string")) return parserError;
        boolean unclosedAtEnd = lexError.getMessage().endsWith("was never closed");
        if (!unclosedAtEnd && !ONLY_FLAGGED.contains(lexError.getMessage())) return lexError;
        PythonSyntaxError unclosed = unclosedAtEnd ? lexError : tokens.unclosedAtLexError;
        int scannedFrom = GENERIC.contains(m) ? Math.max(parserError.line(), tokens.lookaheadLine) : parserError.line();
        return unclosed != null && unclosed.line() < scannedFrom ? unclosed : parserError;
    }
}
