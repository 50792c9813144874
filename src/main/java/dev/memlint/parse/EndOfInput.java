package dev.memlint.parse;

import org.antlr.v4.runtime.Token;

import java.util.List;

/**
 * Where CPython reports errors met at the end of the input: on the line of the file's last
 * character, just after that line's text (the tokenizer is still on that line when it runs out).
 */
final class EndOfInput {
    private EndOfInput() {}

    /**
     * True when the parser failed on the end marker or on a NEWLINE/DEDENT made up at the end of input
     * (not on the end marker put where the lexer failed, which has no input stream).
     */
    static boolean reached(Token offending, List<Token> tokens) {
        Token eof = tokens.get(tokens.size() - 1);
        if (eof.getType() != Token.EOF || eof.getInputStream() == null) return false;
        return offending.getType() == Token.EOF || offending.getStartIndex() >= eof.getStartIndex();
    }

    /** 1-based line of the last character (the line a final line break ends). */
    static int line(SourceText source) {
        String text = source.text();
        boolean endsWithBreak = !text.isEmpty() && (text.endsWith("\n") || text.endsWith("\r"));
        return Math.max(1, endsWithBreak ? source.lineCount() - 1 : source.lineCount());
    }

    /** 1-based column just after the text of that line. */
    static int column(SourceText source) {
        String last = source.line(line(source));
        return last.codePointCount(0, last.length()) + 1;
    }

    /** The same error, moved to the end of the input. */
    static PythonSyntaxError moved(PythonSyntaxError e, SourceText source) {
        return at(e.kind(), e.getMessage(), source);
    }

    static PythonSyntaxError at(String kind, String message, SourceText source) {
        int line = line(source);
        int column = column(source);
        return new PythonSyntaxError(kind, message, line, column, line, column);
    }
}
