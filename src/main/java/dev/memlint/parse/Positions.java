package dev.memlint.parse;

import dev.memlint.ast.Pos;
import dev.memlint.parse.generated.PythonParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns token extents into CPython positions: ANTLR gives lines and code-point columns, CPython
 * counts columns in UTF-8 bytes (SourceText converts).
 */
final class Positions {
    private final SourceText source;

    Positions(SourceText source) {
        this.source = source;
    }

    SourceText source() { return source; }

    int utf8Col(int line, int codePointCol) {
        if (line < 1 || line > source.lineCount()) return codePointCol;
        return source.utf8Col(line, codePointCol);
    }

    int startCol(Token t) { return utf8Col(t.getLine(), t.getCharPositionInLine()); }

    /** Only string-like tokens can span lines; for the rest the text need not be looked at. */
    private static boolean mayContainNewline(Token t) {
        int type = t.getType();
        return type == PythonParser.STRING || type == PythonParser.FSTRING_MIDDLE || type == PythonParser.TSTRING_MIDDLE;
    }

    /** Line on which a token ends (multi-line strings span several; the decoder made every break \\n). */
    static int endLine(Token t) {
        if (!mayContainNewline(t)) return t.getLine();
        String text = t.getText();
        int line = t.getLine();
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
        return line;
    }

    // The last multi-line-capable token measured: span() asks for its end line and column, and
    // the same closing token ends many nested nodes.
    private Token lastMeasured;
    private int lastEndCol;

    /** UTF-8 column just past the token's last character. */
    int endCol(Token t) {
        if (!mayContainNewline(t)) {
            // Token indexes count code points (CodePointCharStream), like the column.
            int length = t.getStopIndex() - t.getStartIndex() + 1;
            return utf8Col(t.getLine(), t.getCharPositionInLine() + length);
        }
        if (t == lastMeasured) return lastEndCol;
        String text = t.getText();
        int lastBreak = text.lastIndexOf('\n');
        int col;
        if (lastBreak < 0) {
            col = utf8Col(t.getLine(), t.getCharPositionInLine() + text.codePointCount(0, text.length()));
        } else {
            col = utf8Col(endLine(t), text.codePointCount(lastBreak + 1, text.length()));
        }
        lastMeasured = t;
        lastEndCol = col;
        return col;
    }

    Pos span(Token start, Token stop) {
        return new Pos(start.getLine(), startCol(start), endLine(stop), endCol(stop));
    }

    Pos of(Token t) { return span(t, t); }

    Pos of(ParserRuleContext c) { return span(c.getStart(), c.getStop()); }

    /** From the start of one token to the end of a position already computed. */
    Pos from(Token start, Pos end) {
        return new Pos(start.getLine(), startCol(start), end.endLine(), end.endCol());
    }

    static Pos join(Pos start, Pos end) {
        return new Pos(start.line(), start.col(), end.endLine(), end.endCol());
    }
}
