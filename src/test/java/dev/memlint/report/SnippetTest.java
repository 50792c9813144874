package dev.memlint.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetTest {
    @Test
    void caretsUnderTheSpan() {
        Snippet s = Snippet.of("x = foo(bar)", 5, 8);
        assertEquals("x = foo(bar)", s.text);
        assertEquals(4, s.caretStart);
        assertEquals(3, s.caretWidth);
    }

    @Test
    void emptySpanStillGetsOneCaretAndMayPointPastTheEnd() {
        Snippet s = Snippet.of("x = (", 6, 6);
        assertEquals(5, s.caretStart);
        assertEquals(1, s.caretWidth);
    }

    @Test
    void spanRunningOntoLaterLinesIsUnderlinedToTheEndOfThisOne() {
        Snippet s = Snippet.of("call(a,", 5, -1);
        assertEquals(4, s.caretStart);
        assertEquals(3, s.caretWidth);
    }

    @Test
    void tabsAreExpandedAndCaretsFollow() {
        Snippet s = Snippet.of("\tif x\t:", 6, 7);
        assertEquals("    if x    :", s.text);
        assertEquals(8, s.caretStart);
        assertEquals(4, s.caretWidth);
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        Snippet s = Snippet.of("s = '😀' + (", 12, 13);
        assertEquals(11, s.caretStart);
    }

    @Test
    void controlCharactersCannotDriveTheTerminal() {
        Snippet s = Snippet.of("a\u0000b\u001b[31mc\u007f\u202e", 1, 2);
        assertEquals("a\u2400b\u241b[31mc\u2421\ufffd", s.text);
    }

    @Test
    void longLinesAreCutToAWindowAroundTheSpan() {
        String line = "x".repeat(10_000) + "(" + "y".repeat(10_000);
        Snippet s = Snippet.of(line, 10_001, 10_002);
        assertTrue(s.text.length() < 200, "window, not the whole line");
        assertTrue(s.text.startsWith("…") && s.text.endsWith("…"));
        assertEquals('(', s.text.charAt(s.caretStart));
    }
}
