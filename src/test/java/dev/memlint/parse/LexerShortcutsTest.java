package dev.memlint.parse;

import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lexer makes the commonest tokens itself (names, keywords, line breaks, comments, simple
 * punctuation) instead of running the grammar's rules for them: the tokens must be exactly the
 * grammar's, field by field, on tricky samples and on a whole standard library.
 */
class LexerShortcutsTest {

    private static final List<String> SAMPLES = List.of(
            "x = a.b(c, d)[e] ; {f: g} ~h\n",
            "_ = __init__ + _x + x_1 + match + case + type + None + True + await_ + iff\n",
            "rb'x' + Rb\"y\" + br'z' + u'w' + f'{v}' + t'{w}' + fr'{q}' + b'' + r''\n",
            "s = f\"{x:=5} {y!r:>{width}} {z = }\" + f'''{\n  a # a comment in a field\n}'''\n",
            "x = .5 + 1. + ... + a...b if x else y\n",
            "if (n := 10) == 10: pass\n",
            "café = naïve + ü\n",
            "x = 1 # trailing\n# alone\n\n    # indented comment\nfor i in x:\n\tpass\n",
            "x = 1\r\ny = 2\rz = 3\n",
            "a = [\n  1,\n  2,\n]\n",
            "x = 1 # no newline at the end",
            "x = $ + y\n",
            "s = 'unterminated\n",
            "def f(a, /, b, *, c): return a\n",
            "x = 0xFF + 0o7 + 1_000 + 1e-5 + 2j\n");

    @Test
    void samplesLexAsTheGrammarSays() {
        for (String sample : SAMPLES) assertSame(sample, "sample " + sample);
    }

    @Test
    void standardLibraryLexesAsTheGrammarSays() throws IOException {
        Path python = Interpreters.find("3.11.7", "python3.11");
        Path stdlib = python == null ? null : python.getParent().getParent().resolve("lib/python3.11");
        assumeTrue(stdlib != null && Files.isDirectory(stdlib), "skipping: no pyenv CPython 3.11.7 standard library");
        int files = 0;
        try (Stream<Path> walk = Files.walk(stdlib)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".py") && !f.toString().contains("site-packages")).toList()) {
                String text;
                try {
                    text = SourceDecoder.decode(Files.readAllBytes(p));
                } catch (PythonSyntaxError | MalformedInputException e) {
                    continue;
                }
                assertSame(text, p.toString());
                files++;
            }
        }
        assertEquals(true, files > 1000, "files lexed: " + files);
    }

    private static void assertSame(String text, String what) {
        PythonSourceParser.Tokens fast = PythonSourceParser.Tokens.read(text, true);
        PythonSourceParser.Tokens grammar = PythonSourceParser.Tokens.read(text, false);
        assertEquals(describe(grammar.list), describe(fast.list), what);
        assertEquals(grammar.comments, fast.comments, what);
        assertEquals(error(grammar.lexError), error(fast.lexError), what);
    }

    private static String error(PythonSyntaxError e) {
        return e == null ? "none" : e.getMessage() + " at " + e.line() + ":" + e.column() + "-" + e.endLine() + ":" + e.endColumn();
    }

    private static String describe(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            sb.append(t.getType()).append(' ').append(t.getChannel()).append(" '").append(t.getText()).append("' ")
                    .append(t.getLine()).append(':').append(t.getCharPositionInLine()).append(' ')
                    .append(t.getStartIndex()).append('-').append(t.getStopIndex()).append(' ')
                    .append(t.getTokenIndex()).append('\n');
        }
        return sb.toString();
    }
}
