package dev.memlint.server;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.TextRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * memlint's ranges (1-based lines, 1-based code-point columns) as LSP ranges (0-based lines,
 * 0-based UTF-16 columns, the protocol's default encoding). Positions past a line's or the text's
 * end, as a syntax error at the end of the file has, are clamped to the end.
 */
final class LspRanges {
    private LspRanges() {}

    static Range of(SourceText text, TextRange range) {
        return new Range(position(text, range.line(), range.column()), position(text, range.endLine(), range.endColumn()));
    }

    static Position position(SourceText text, int line, int column) {
        if (line < 1) return new Position(0, 0);
        if (line > text.lineCount()) {
            int last = text.lineCount();
            return new Position(last - 1, utf16Column(text, last, text.codePointLength(last)));
        }
        int codePoints = Math.max(0, Math.min(column - 1, text.codePointLength(line)));
        return new Position(line - 1, utf16Column(text, line, codePoints));
    }

    private static int utf16Column(SourceText text, int line, int codePoints) {
        return text.offset(line, codePoints) - text.offset(line, 0);
    }
}
