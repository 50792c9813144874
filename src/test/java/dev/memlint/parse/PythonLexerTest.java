package dev.memlint.parse;

import org.junit.jupiter.api.Test;

import static dev.memlint.parse.LexedTokens.dump;
import static dev.memlint.parse.LexedTokens.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PythonLexerTest {

    @Test
    void simpleStatementEndsWithNewlineEvenWithoutLineBreak() {
        assertEquals("NAME EQUAL NUMBER NEWLINE EOF", types("x = 1"));
        assertEquals("NAME EQUAL NUMBER NEWLINE EOF", types("x = 1\n"));
    }

    @Test
    void emptyAndCommentOnlySourcesHaveNoNewline() {
        assertEquals("EOF", types(""));
        assertEquals("EOF", types("# just a comment\n\n   \n"));
    }

    @Test
    void indentAndDedent() {
        assertEquals("IF NAME COLON NEWLINE INDENT NAME NEWLINE DEDENT NAME NEWLINE EOF",
                types("if x:\n    y\nz\n"));
    }

    @Test
    void dedentsAtEndOfFile() {
        assertEquals("IF NAME COLON NEWLINE INDENT IF NAME COLON NEWLINE INDENT NAME NEWLINE DEDENT DEDENT EOF",
                types("if a:\n  if b:\n    c"));
    }

    @Test
    void fStringWithFieldsConversionAndSpec() {
        assertEquals("FSTRING_START 'f'' 1:0\n"
                + "FSTRING_MIDDLE 'a{{' 1:2\n"
                + "LBRACE '{' 1:5\n"
                + "NAME 'x' 1:6\n"
                + "EXCLAMATION '!' 1:7\n"
                + "NAME 'r' 1:8\n"
                + "COLON ':' 1:9\n"
                + "FSTRING_MIDDLE '>' 1:10\n"
                + "LBRACE '{' 1:11\n"
                + "NAME 'w' 1:12\n"
                + "RBRACE '}' 1:13\n"
                + "RBRACE '}' 1:14\n"
                + "FSTRING_END ''' 1:15\n"
                + "NEWLINE '' 1:16\n"
                + "EOF '' 1:16\n", dump("f'a{{{x!r:>{w}}'"));
    }
}
