package dev.memlint.server;

import dev.memlint.parse.SourceText;
import dev.memlint.rule.TextRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LspRangesTest {
    private final SourceText text = new SourceText("x = '\uD83D\uDE00' + y\nz\n");

    @Test
    void codePointColumnsBecomeUtf16Columns() {
        // y is the 11th code point of line 1, after an emoji that takes two UTF-16 units
        assertEquals(new Range(new Position(0, 11), new Position(0, 12)), LspRanges.of(text, new TextRange(1, 11, 1, 12)));
        assertEquals(new Range(new Position(1, 0), new Position(1, 1)), LspRanges.of(text, new TextRange(2, 1, 2, 2)));
    }

    @Test
    void positionsPastTheEndAreClamped() {
        // past line 2's end, and past the last line (where a syntax error at the end of input points)
        assertEquals(new Position(1, 1), LspRanges.position(text, 2, 40));
        assertEquals(new Position(2, 0), LspRanges.position(text, 3, 1));
        assertEquals(new Position(2, 0), LspRanges.position(text, 9, 5));
    }
}
