package dev.memlint.report;

import dev.memlint.parse.SourceText;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetTest {
    private static Snippet of(String line, int startColumn, int endColumn) {
        return Snippet.of(new SourceText(line), 1, startColumn, endColumn);
    }

    @Test
    void caretsUnderTheSpan() {
        Snippet s = of("x = foo(bar)", 5, 8);
        assertEquals("x = foo(bar)", s.text);
        assertEquals(4, s.caretStart);
        assertEquals(3, s.caretWidth);
    }

    @Test
    void emptySpanStillGetsOneCaretAndMayPointPastTheEnd() {
        Snippet s = of("x = (", 6, 6);
        assertEquals(5, s.caretStart);
        assertEquals(1, s.caretWidth);
    }

    @Test
    void spanRunningOntoLaterLinesIsUnderlinedToTheEndOfThisOne() {
        Snippet s = of("call(a,", 5, -1);
        assertEquals(4, s.caretStart);
        assertEquals(3, s.caretWidth);
    }

    @Test
    void tabsAreExpandedAndCaretsFollow() {
        Snippet s = of("\tif x\t:", 6, 7);
        assertEquals("    if x    :", s.text);
        assertEquals(8, s.caretStart);
        assertEquals(4, s.caretWidth);
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        Snippet s = of("s = '😀' + (", 12, 13);
        assertEquals(11, s.caretStart);
    }

    @Test
    void controlCharactersCannotDriveTheTerminal() {
        Snippet s = of("a\u0000b\u001b[31mc\u007f\u202e", 1, 2);
        assertEquals("a\u2400b\u241b[31mc\u2421\ufffd", s.text);
    }

    @Test
    void longLinesAreCutToAWindowAroundTheSpan() {
        String line = "x".repeat(10_000) + "(" + "y".repeat(10_000);
        Snippet s = of(line, 10_001, 10_002);
        assertTrue(s.text.length() < 200, "window, not the whole line");
        assertTrue(s.text.startsWith("…") && s.text.endsWith("…"));
        assertEquals('(', s.text.charAt(s.caretStart));
    }

    @Test
    void windowsNearTheEndsOfALongLineAndOnLaterLines() {
        String line = "é".repeat(300);
        SourceText source = new SourceText("a\n" + line + "\nb\n");
        Snippet head = Snippet.of(source, 2, 1, 3);
        assertEquals("é".repeat(160) + "…", head.text);
        assertEquals(0, head.caretStart);
        assertEquals(2, head.caretWidth);
        Snippet tail = Snippet.of(source, 2, 299, -1);
        assertEquals("…" + "é".repeat(160), tail.text);
        assertEquals(159, tail.caretStart);
        assertEquals(2, tail.caretWidth);
        assertEquals("b", Snippet.of(source, 3, 1, 2).text);
    }
}
