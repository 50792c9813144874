package dev.memlint.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lexical errors checked against the real interpreter: each snippet is compiled by CPython 3.13 and
 * lexed by memlint. Where CPython's message is a tokenizer message, memlint must throw the same
 * message, exception kind, line and column; where CPython accepts the snippet or fails in its parser
 * ("invalid syntax", "unexpected indent"...), the lexer must not throw.
 */
class LexerErrorOracleTest {

    /** Messages produced by CPython's tokenizer (or by pegen from tokenizer state), i.e. ours to raise. */
    private static final List<String> TOKENIZER_MESSAGES = List.of(
            "invalid decimal literal", "invalid hexadecimal literal", "invalid octal literal",
            "invalid binary literal", "invalid imaginary literal", "invalid digit", "leading zeros",
            "unterminated", "f-string: single '}'", "f-string: unmatched", "invalid character",
            "invalid non-printable character", "was never closed", "unmatched '", "closing parenthesis",
            "unexpected character after line continuation", "unexpected EOF while parsing",
            "inconsistent use of tabs", "unindent does not match", "too many nested parentheses",
            "too many levels of indentation", "f-string: expecting '}', or format specs", "nested too deeply",
            "too many nested f-strings");

    static final List<String> SNIPPETS = List.of(
            // numbers
            "1abc\n", "1_\n", "1__0\n", "0x\n", "0xg\n", "0x1g\n", "0o8\n", "0o\n", "0b2\n", "0b12\n", "0o17a\n",
            "012\n", "0_1\n", "00x\n", "1e\n", "1e+\n", "1ex\n", "1.5j2\n", "1jx\n", "1.__class__\n", "1else 2\n",
            "x = 1if 1 else 2\n", "1.e\n", "1_000_\n", "a = 0o1_8\n", "0x_g\n", "0b1_\n", "0o_\n", "1.5_\n", "1e5_\n",
            "1_e5\n", "x = 0x_1f + 0o_17 + 0b_1 + 1_0.0_1e+1_0j + .5 + 5. + 0_0 + 00.5 + 012.5 + 09e1 + 1J\n",
            "[1for x in y]\n", "x = 1or 2\n", "x = 0b1and 1\n",
            // strings
            "x = 'abc\n", "x = b'abc\n", "x = '''abc\ny\n", "y=1\nx = '''abc\ny\nz", "x = 'abc", "x = 'a\\\nbc\n",
            "x = rb'\\'' + Br\"\\\"\" + u'x' + R'''a''' + '''a''''\n", "x = \"\"\"a\"\"\"\"\n",
            "s = '''\n''' '''x\n",
            // f-strings
            "x = f'abc\n", "x = f'{x'\n", "x = f'{x\n", "x = f'''{x\n", "x = f'a}'\n", "x = f'''abc\n",
            "x = f'{'\n", "x = f'{)}'\n", "x = f'{x!r'\n", "f'{x}}'\n", "x=f'{\n1}'\n", "f'{x:{y:{z}}}'\n",
            "f'{x:}}'\n", "f\"{x'\"\n", "f'{x:'\n", "f'{x:\n", "f'''{x\n'''\n", "f'abc", "f'{x}", "f'{x",
            "f'{1:=5}'\n", "f'{x!r}'\n", "f'{x=}'\n", "f'{x:{{y}}}'\n", "f'{{}}'\n", "rf'\\{x}'\n",
            "f'{f\"{f'{1}'}\"}'\n", "f'''{\nx # comment\n}'''\n", "f'{x:%H:%M}'\n", "f'\\\\'\n",
            "f\"{'a' if x else 'b'}\" f'{\"\\n\".join(y)}'\n", "f'{d[\"k\"]!s:>{w}.{p}f} {lambda: 1}'\n",
            "f'{(lambda: 1)()}'\n", "x = f'{a:{b}}}'\n", "x = f'{[}'\n", "x = f'{1:{2:{3:{4}}}}'\n", "f'{1:{2:{3}}}'\n",
            "f'{1:{2:{f\"{3:{4}}\"}}}'\n", "f'{x:abc'\n", "f'''{x:abc'''\n", "f'{x!r:'\n",
            // 149 nested f-strings are allowed, 150 are not
            "f\"{".repeat(149) + "1" + "}\"".repeat(149) + "\n", "f\"{".repeat(150) + "1" + "}\"".repeat(150) + "\n",
            "x = (" + "rf'{".repeat(150) + "1" + "}'".repeat(150) + ")\n",
            "x = (" + "f'''{".repeat(150) + "1" + "}'''".repeat(150) + ")\n",
            // characters and continuation
            "x = €\n", "a€b = 1\n", "x = \u00a0\n", "x = a\u00a0b\n", "x = $\n", "x = ?\n", "x = `a`\n",
            "x = \u0301a\n", "x = \u0001\n", "x = 1 \\ y\n", "x = 1 + \\", "x = 1 + \\\n", "x = 1 \\\n\n",
            "x = \\\n", "\\\n", "x\\\n", "x = 1\n\\\n", "if 1:\n  x\n \\\n", "x = 1 + \\\n  2\n",
            "x = (1 + \\\n", "x = (1 + \\", "if x:\n    y = 1 \\\n", "x = 1\n    \\\n", "\\\nx = 1\n",
            "if x:\n  a\n\\\n  b\n", "x = \"\"\"\n\n", "print(f\"{x:{y}\")\n", "print(f\"{x:{y}\"\n", "f'{x:{y:'\n",
            "\u00e9t\u00e9 = 1\n", "\u00b2 = 1\n", "x\u00b2 = 1\n", "\u2118 = 1\n",
            // brackets
            "x = (1,\n", "x = [1, (2\n", "x = )\n", "x = (1]\n", "x = (1,\n2]\n", "x = {1)\n", "foo(a b\n",
            "foo(a b)\n", "x = (\n  1,\n    2)\n",
            "x = " + "(".repeat(201) + ")".repeat(201) + "\n", "x = " + "(".repeat(200) + ")".repeat(200) + "\n",
            // indentation
            "if x:\n\tpass\n        pass\n", "if x:\n        pass\n\tpass\n", "if x:\n    if y:\n        pass\n  pass\n",
            "  x = 1\n", "if x:\npass\n", "if x:\n  \tpass\n", "if x:\n\t pass\n  \t  y\n", "if x:\n\t\f  pass\n",
            "if x:\n  \f\tpass\n  pass\n", "if x:\n    y\n  # comment\n    z\n", "if x:\n\n    \n    y\r\n    z\r\n",
            "if x:\r    y\r    z\r", "def f():\n" + nestedIfs(101), "def f():\n" + nestedIfs(98),
            "class A:\n    def f(self):\n        return 1\n\n\n  \nx = 2");

    private static String nestedIfs(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < depth; i++) {
            sb.append(" ".repeat(i)).append("if x:\n");
        }
        return sb.append(" ".repeat(depth)).append("pass\n").toString();
    }

    @Test
    void lexicalErrorsMatchPython313() throws Exception {
        Path python = Interpreters.find("3.13.0", "python3.13");
        Assumptions.assumeTrue(python != null, "Python 3.13.0 not installed (pyenv); error oracle skipped");
        ObjectMapper json = new ObjectMapper();
        String program = "import json, sys, warnings\n"
                + "warnings.simplefilter('ignore')\n"
                + "out = []\n"
                + "for src in json.load(sys.stdin):\n"
                + "    try:\n"
                + "        compile(src, '<s>', 'exec')\n"
                + "        out.append(None)\n"
                + "    except SyntaxError as e:\n"
                + "        out.append([type(e).__name__, e.msg, e.lineno, e.offset])\n"
                + "print(json.dumps(out))\n";
        JsonNode expected = json.readTree(Interpreters.run(python, List.of("-c", program),
                json.writeValueAsString(SNIPPETS)));

        List<String> problems = new ArrayList<>();
        for (int i = 0; i < SNIPPETS.size(); i++) {
            String snippet = SNIPPETS.get(i);
            JsonNode cpython = expected.get(i);
            String ours = lexError(snippet);
            boolean tokenizerError = !cpython.isNull() && isTokenizerMessage(cpython.get(1).asText());
            if (tokenizerError) {
                String theirs = cpython.get(0).asText() + ": " + cpython.get(1).asText() + " @" + cpython.get(2).asInt()
                        + ":" + cpython.get(3).asInt();
                if (!theirs.equals(ours)) {
                    problems.add(show(snippet) + "\n    CPython: " + theirs + "\n    memlint: " + ours);
                }
            } else if (ours != null) {
                problems.add(show(snippet) + "\n    CPython: " + (cpython.isNull() ? "accepted" : cpython.get(1).asText())
                        + "\n    memlint: " + ours);
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " of " + SNIPPETS.size() + " snippets differ:\n"
                + String.join("\n", problems));
    }

    private static boolean isTokenizerMessage(String message) {
        return TOKENIZER_MESSAGES.stream().anyMatch(message::contains)
                || message.equals("f-string: expecting '}'");
    }

    /** "Kind: message @line:column", or null when the lexer accepts the snippet. */
    static String lexError(String source) {
        try {
            LexedTokens.lex(source);
            return null;
        } catch (PythonSyntaxError e) {
            return e.kind() + ": " + e.getMessage() + " @" + e.line() + ":" + e.column();
        }
    }

    private static String show(String snippet) {
        String s = snippet.length() > 60 ? snippet.substring(0, 60) + "..." : snippet;
        return "  " + s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r").replace("\f", "\\f");
    }
}
