package dev.memlint.parse;

import dev.memlint.ast.Module;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Statement-by-statement building gives the tree of the whole-file parse, or the same error. */
class StatementStreamTest {
    private static final List<String> SOURCES = List.of(
            "x = 1; y = 2;\nz = 3\n\n\nif x:\n    a; b\nelse:\n    pass\n",
            "x = 1; " .repeat(2000) + "\n",
            "@d\nclass C:\n    def f(self): return 1\n\nasync def g():\n    async with a: pass\n",
            "match p:\n    case [1, *r]: pass\n    case _: pass\nmatch = 1; type X = int\n",
            "import os; from a import (b,\n  c)\nx = [\n  1,\n  2]; del x\n",
            "# only a comment\n",
            "");

    @Test
    void sameTreeAsTheWholeFileParse() {
        for (String source : SOURCES) {
            assertEquals(wholeFile(source), PythonSourceParser.parseText(source, PythonVersion.LATEST).module(), source);
        }
    }

    @Test
    void irregularLinesGetTheWholeFileParsesErrors() {
        PythonSyntaxError doubled = assertThrows(PythonSyntaxError.class, () -> parse("x = 1\na;; b\n"));
        assertEquals("invalid syntax 2:3", doubled.getMessage() + " " + doubled.line() + ":" + doubled.column());
        PythonSyntaxError compoundAfterSemicolon = assertThrows(PythonSyntaxError.class, () -> parse("a; if b: pass\n"));
        assertEquals("invalid syntax 1:4", compoundAfterSemicolon.getMessage() + " " + compoundAfterSemicolon.line()
                + ":" + compoundAfterSemicolon.column());
        PythonSyntaxError leading = assertThrows(PythonSyntaxError.class, () -> parse("; a\n"));
        assertEquals(1, leading.line());
    }

    private static Module parse(String source) {
        return PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST).module();
    }

    private static Module wholeFile(String text) {
        SourceText source = new SourceText(text);
        PythonSourceParser.Tokens tokens = PythonSourceParser.Tokens.read(text);
        SoftKeywords.resolve(tokens.list);
        return new AstBuilder(source, PythonVersion.LATEST, tokens.list)
                .module(PythonSourceParser.parseTokens(tokens, source, PythonVersion.LATEST));
    }
}
