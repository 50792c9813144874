package dev.memlint.parse;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.misc.Interval;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lexer's input counts code points, as ANTLR's own streams do, whatever the text holds. */
class StringCharStreamTest {

    @Test
    void latin1TextIsReadAsItsChars() {
        CharStream s = StringCharStream.of("x = 'é'\n");
        assertEquals(8, s.size());
        assertEquals('x', s.LA(1));
        s.seek(5);
        assertEquals('é', s.LA(1));
        assertEquals('\'', s.LA(-1));
        assertEquals("'é'", s.getText(Interval.of(4, 6)));
        s.seek(8);
        assertEquals(CharStream.EOF, s.LA(1));
    }

    @Test
    void charactersOutsideTheBmpCountOnce() {
        String text = "s = '\uD83D\uDE00' + ж\n"; // an emoji (two chars) and a Cyrillic letter
        CharStream s = StringCharStream.of(text);
        assertEquals(text.codePointCount(0, text.length()), s.size());
        assertEquals(0x1F600, s.LA(6));
        assertEquals("'\uD83D\uDE00'", s.getText(Interval.of(4, 6)));
        assertEquals('ж', s.LA(11));
    }

    @Test
    void tokensAfterAnEmojiHaveCodePointColumns() {
        PythonSourceParser.Tokens tokens = PythonSourceParser.Tokens.read("s = '\uD83D\uDE00'; t = 1\n");
        var t = tokens.list.stream().filter(x -> x.getText().equals("t")).findFirst().orElseThrow();
        assertEquals(9, t.getCharPositionInLine());
    }
}
