package dev.memlint.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.memlint.parse.LexedTokens.dump;
import static dev.memlint.parse.LexedTokens.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Token streams and lexical errors. Expected messages and positions were read from CPython 3.13.0
 * (compile() of the same snippet: e.msg, e.lineno, e.offset), the t-string ones from CPython 3.14 under
 * pyodide; LexerErrorOracleTest re-checks the 3.13 ones live.
 */
class PythonLexerTest {

    // ------------------------------------------------------------------ layout

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
    void blankAndCommentLinesDoNotChangeIndentation() {
        assertEquals("IF NAME COLON NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT EOF",
                types("if x:\n    y\n\n  # comment at another column\n\t\n    z\n"));
    }

    @Test
    void tabsCountToTheNextMultipleOfEightAndFormFeedResets() {
        assertEquals("IF NAME COLON NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT EOF",
                types("if x:\n\ty\n\tz\n"));
        assertEquals("IF NAME COLON NEWLINE INDENT PASS NEWLINE DEDENT EOF", types("if x:\n\t\f  pass\n"));
    }

    @Test
    void bracketsJoinLinesAndContinuationJoinsLines() {
        assertEquals("NAME EQUAL LPAR NUMBER COMMA NUMBER RPAR NEWLINE EOF", types("x = (1,\n\n      2)\n"));
        assertEquals("NAME EQUAL NUMBER PLUS NUMBER NEWLINE EOF", types("x = 1 + \\\n      2\n"));
    }

    @Test
    void allLineBreakStyles() {
        assertEquals("NAME 'a' 1:0\nNEWLINE '\r\n' 1:1\nNAME 'b' 2:0\nNEWLINE '\r' 2:1\nNAME 'c' 3:0\nNEWLINE '\n' 3:1\nEOF '' 4:0\n",
                dump("a\r\nb\rc\n"));
    }

    @Test
    void commentsAreOnTheHiddenChannel() {
        assertEquals("NAME NEWLINE EOF", types("x  # noqa: MEM101\n"));
    }

    // ------------------------------------------------------------------ tokens

    @Test
    void keywordsSoftKeywordsAndNames() {
        assertEquals("MATCH NAME COLON NEWLINE INDENT CASE UNDERSCORE COLON PASS NEWLINE DEDENT "
                + "TYPE NAME EQUAL NAME NEWLINE NAME NAME NAME NEWLINE EOF",
                types("match x:\n  case _: pass\ntype T = int\n__ été x\u2118\n"));
        assertEquals("ASYNC DEF AWAIT NONE TRUE FALSE NONLOCAL NEWLINE EOF",
                types("async def await None True False nonlocal"));
    }

    @Test
    void everyNumberForm() {
        assertEquals("NUMBER ".repeat(17) + "NEWLINE EOF",
                types("0 00 0_0 7 1_000 0x_1f 0XAB 0o17 0O_7 0b1 0B_1_0 1.5 .5 5. 1e10 1_0.0_1E+1_0j 09.5"));
        assertEquals("NUMBER NUMBER NUMBER NUMBER NEWLINE EOF", types("1J 1.j 012e3 00012.5"));
        assertEquals("NUMBER IF NUMBER ELSE NUMBER NEWLINE EOF", types("1if 1else 2"));
    }

    @Test
    void operatorsAndEllipsis() {
        assertEquals("ELLIPSIS DOT DOT RARROW COLONEQUAL DOUBLESTAREQUAL DOUBLESLASHEQUAL RIGHTSHIFTEQUAL "
                + "LEFTSHIFTEQUAL NOTEQUAL ATEQUAL AT EXCLAMATION NEWLINE EOF",
                types("... .. -> := **= //= >>= <<= != @= @ !"));
    }

    @Test
    void everyStringPrefixAndQuoteKind() {
        assertEquals("STRING ".repeat(12) + "NEWLINE EOF",
                types("'a' \"b\" '''c''' \"\"\"d\"\"\" r'\\'' R\"\\\"\" u'x' U'x' b'x' Br'x' rB'x' bR'''x'''"));
        assertEquals("STRING STRING NEWLINE EOF", types("'''a'''' '\n"));
        assertEquals("STRING NEWLINE EOF", types("'a\\\nb'\n"));
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

    @Test
    void fStringPrefixes() {
        assertEquals("FSTRING_START FSTRING_END ".repeat(6) + "NEWLINE EOF", types("f'' F\"\" fr'' Rf\"\" rF'''''' FR\"\"\"\"\"\""));
    }

    @Test
    void pep701SameQuotesNestingCommentsAndNewlinesInFields() {
        assertEquals("FSTRING_START LBRACE FSTRING_START LBRACE STRING RBRACE FSTRING_END RBRACE FSTRING_END NEWLINE EOF",
                types("f\"{f\"{\"x\"}\"}\""));
        assertEquals("FSTRING_START LBRACE NAME PLUS NUMBER RBRACE FSTRING_END NEWLINE EOF",
                types("f'''{x # comment\n + 1}'''\n"));
        assertEquals("FSTRING_START LBRACE NAME PLUS NUMBER RBRACE FSTRING_END NEWLINE EOF", types("f'{x\n+ 1}'\n"));
        assertEquals("FSTRING_START LBRACE STRING DOT NAME LPAR NAME RPAR RBRACE FSTRING_END NEWLINE EOF",
                types("f'{\"\\n\".join(a)}'"));
    }

    @Test
    void selfDocumentingEqualsAndWalrusLikeSpec() {
        assertEquals("FSTRING_START LBRACE NAME EQUAL RBRACE FSTRING_END NEWLINE EOF", types("f'{x=}'"));
        // `:=` at the top of a field is a ':' starting the spec "=5", as in CPython
        assertEquals("FSTRING_START 'f'' 1:0\nLBRACE '{' 1:2\nNAME 'x' 1:3\nCOLON ':' 1:4\nFSTRING_MIDDLE '=5' 1:5\n"
                + "RBRACE '}' 1:7\nFSTRING_END ''' 1:8\nNEWLINE '' 1:9\nEOF '' 1:9\n", dump("f'{x:=5}'"));
        assertEquals("FSTRING_START LBRACE LPAR NAME COLONEQUAL NUMBER RPAR RBRACE FSTRING_END NEWLINE EOF",
                types("f'{(x:=5)}'"));
    }

    @Test
    void formatSpecWithNestedFieldsAndLambdaInParentheses() {
        assertEquals("FSTRING_START LBRACE NAME COLON LBRACE NAME COLON LBRACE NAME RBRACE RBRACE RBRACE FSTRING_END NEWLINE EOF",
                types("f'{x:{y:{z}}}'"));
        assertEquals("FSTRING_START LBRACE NAME COLON FSTRING_MIDDLE RBRACE FSTRING_END NEWLINE EOF", types("f'{x:%H:%M}'"));
        assertEquals("FSTRING_START LBRACE LPAR LAMBDA COLON NUMBER RPAR LPAR RPAR RBRACE FSTRING_END NEWLINE EOF",
                types("f'{(lambda: 1)()}'"));
    }

    @Test
    void backslashesInFStringText() {
        assertEquals("FSTRING_START FSTRING_MIDDLE FSTRING_END NEWLINE EOF", types("f'\\\\'"));
        assertEquals("FSTRING_START FSTRING_MIDDLE FSTRING_END NEWLINE EOF", types("f'\\N{BULLET} \\''"));
        // raw: \N is not special, {x} is a field
        assertEquals("FSTRING_START FSTRING_MIDDLE LBRACE NAME RBRACE FSTRING_END NEWLINE EOF", types("rf'\\N{x}'"));
        assertEquals("FSTRING_START FSTRING_MIDDLE LBRACE NAME RBRACE FSTRING_END NEWLINE EOF", types("f'\\{x}'"));
    }

    @Test
    void quotesInsideTripleQuotedFStrings() {
        assertEquals("FSTRING_START FSTRING_MIDDLE FSTRING_MIDDLE FSTRING_MIDDLE FSTRING_MIDDLE FSTRING_MIDDLE FSTRING_END NEWLINE EOF",
                types("f'''a'b''c'''"));
    }

    @Test
    void tStrings() {
        assertEquals("TSTRING_START 't'' 1:0\nTSTRING_MIDDLE 'a' 1:2\nLBRACE '{' 1:3\nNAME 'x' 1:4\nCOLON ':' 1:5\n"
                + "TSTRING_MIDDLE '>3' 1:6\nRBRACE '}' 1:8\nTSTRING_END ''' 1:9\nNEWLINE '' 1:10\nEOF '' 1:10\n",
                dump("t'a{x:>3}'"));
        assertEquals("TSTRING_START TSTRING_END TSTRING_START TSTRING_END TSTRING_START LBRACE FSTRING_START FSTRING_END "
                + "RBRACE TSTRING_END NEWLINE EOF", types("T\"\" Rt'''''' tr'{f\"\"}'"));
    }

    // ------------------------------------------------------------------ errors (CPython 3.13 messages)

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1abc|invalid decimal literal|1|1",
        "1_|invalid decimal literal|1|2",
        "0x|invalid hexadecimal literal|1|2",
        "0x1g|invalid hexadecimal literal|1|3",
        "0o8|invalid digit '8' in octal literal|1|3",
        "0b12|invalid digit '2' in binary literal|1|4",
        "0o17a|invalid octal literal|1|4",
        "012|leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers|1|1",
        "1e+|invalid decimal literal|1|3",
        "1.5j2|invalid imaginary literal|1|4",
        "1.__class__|invalid decimal literal|1|2",
        "x = 'abc|unterminated string literal (detected at line 1)|1|5",
        "y=1\\nx = '''abc\\ny\\nz|unterminated triple-quoted string literal (detected at line 4)|2|5",
        "x = f'abc\\n|unterminated f-string literal (detected at line 1)|1|5",
        "x = f'''abc\\n|unterminated triple-quoted f-string literal (detected at line 1)|1|5",
        "x = f'{x'|f-string: expecting '}'|1|9",
        "x = f'a}'|f-string: single '}' is not allowed|1|8",
        "x = f'{)}'|f-string: unmatched ')'|1|8",
        "f'{x:abc'|f-string: expecting '}', or format specs|1|9",
        "x = f'{1:{2:{3:{4}}}}'|f-string: expressions nested too deeply|1|15",
        "x = €|invalid character '€' (U+20AC)|1|5",
        "x = a\u00a0b|invalid non-printable character U+00A0|1|6",
        "x = (1,\\n|'(' was never closed|1|5",
        "x = )|unmatched ')'|1|5",
        "x = (1]|closing parenthesis ']' does not match opening parenthesis '('|1|7",
        "x = (1,\\n2]|closing parenthesis ']' does not match opening parenthesis '(' on line 1|2|2",
        "x = 1 \\\\ y|unexpected character after line continuation character|1|8",
        "x = 1 + \\\\\\n|unexpected EOF while parsing|1|10",
        "x = 1 + \\\\|unexpected EOF while parsing|1|10",
        // t-strings, as CPython 3.14 (pyodide 314.0.7) reports them
        "t'{x'|t-string: expecting '}'|1|5",
        "t'a}'|t-string: single '}' is not allowed|1|4",
        "t'abc\\n|unterminated t-string literal (detected at line 1)|1|1",
        "t'''abc\\n|unterminated triple-quoted t-string literal (detected at line 1)|1|1",
    })
    void syntaxErrors(String source, String message, int line, int column) {
        PythonSyntaxError e = assertThrows(PythonSyntaxError.class, () -> LexedTokens.lex(unescape(source)));
        assertEquals(message, e.getMessage());
        assertEquals("SyntaxError", e.kind());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "if x:\\n\\tpass\\n        pass\\n|TabError|inconsistent use of tabs and spaces in indentation|3|1",
        "if x:\\n        pass\\n\\tpass\\n|TabError|inconsistent use of tabs and spaces in indentation|3|1",
        "if x:\\n    if y:\\n        pass\\n  pass\\n|IndentationError|unindent does not match any outer indentation level|4|7",
    })
    void indentationErrors(String source, String kind, String message, int line, int column) {
        PythonSyntaxError e = assertThrows(PythonSyntaxError.class, () -> LexedTokens.lex(unescape(source)));
        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
    }

    @Test
    void nestingLimits() {
        assertNull(LexerErrorOracleTest.lexError("x = " + "(".repeat(200) + ")".repeat(200) + "\n"));
        assertEquals("SyntaxError: too many nested parentheses @1:205",
                LexerErrorOracleTest.lexError("x = " + "(".repeat(201) + ")".repeat(201) + "\n"));
        StringBuilder deep = new StringBuilder("def f():\n");
        for (int i = 1; i <= 100; i++) {
            deep.append(" ".repeat(i)).append("if x:\n");
        }
        deep.append(" ".repeat(101)).append("pass\n");
        assertEquals("IndentationError: too many levels of indentation @101:1", LexerErrorOracleTest.lexError(deep.toString()));
    }

    @Test
    void parserErrorsAreLeftToTheParser() {
        assertNull(LexerErrorOracleTest.lexError("  x = 1\n"));       // unexpected indent
        assertNull(LexerErrorOracleTest.lexError("if x:\npass\n"));   // expected an indented block
        assertEquals("ERRORTOKEN", types("$").split(" ")[0]);          // invalid syntax
    }

    @Test
    void nullCharacterOutsideLiterals() {
        // SourceDecoder rejects a NUL anywhere in a file; the lexer sees the ones between tokens
        assertEquals("SyntaxError: source code cannot contain null bytes @1:5", LexerErrorOracleTest.lexError("x = \0"));
    }

    private static String unescape(String s) {
        return s.replace("\\\\", "\u0001").replace("\\n", "\n").replace("\\t", "\t").replace('\u0001', '\\');
    }
}
