package dev.memlint.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** New syntax is refused for targets older than the version that introduced it, and only there. */
class VersionGatingTest {

    private static void accepted(String src, PythonVersion v) {
        assertDoesNotThrow(() -> PythonSourceParser.parse(src.getBytes(StandardCharsets.UTF_8), v), src + " on " + v);
    }

    private static PythonSyntaxError refused(String src, PythonVersion v) {
        return assertThrows(PythonSyntaxError.class,
                () -> PythonSourceParser.parse(src.getBytes(StandardCharsets.UTF_8), v), src + " on " + v);
    }

    private static void since(String src, PythonVersion first) {
        for (PythonVersion v : PythonVersion.values()) {
            if (v.atLeast(first)) accepted(src, v);
            else refused(src, v);
        }
    }

    @Test
    void relaxedDecoratorsSince39() { since("@x[0].y\ndef f(): pass\n", PythonVersion.PY39); }

    @Test
    void parenthesizedWithItemsSince39() { since("with (open(a) as b, open(c) as d):\n    pass\n", PythonVersion.PY39); }

    @Test
    void matchSince310() { since("match x:\n    case [1, *r] | {'k': _}:\n        pass\n", PythonVersion.PY310); }

    @Test
    void exceptStarSince311() { since("try:\n    pass\nexcept* E:\n    pass\n", PythonVersion.PY311); }

    @Test
    void starredSubscriptSince311() { since("x = a[*b]\n", PythonVersion.PY311); }

    @Test
    void typeStatementAndGenericsSince312() {
        since("type X[T] = list[T]\n", PythonVersion.PY312);
        since("def f[T: int](x: T) -> T: pass\n", PythonVersion.PY312);
        since("class C[*Ts, **P]: pass\n", PythonVersion.PY312);
    }

    @Test
    void typeParameterDefaultsSince313() { since("def f[T = int](): pass\n", PythonVersion.PY313); }

    @Test
    void unparenthesizedExceptTypesAndTemplateStringsSince314() {
        since("try:\n    pass\nexcept A, B:\n    pass\n", PythonVersion.PY314);
        since("x = t'{a}'\n", PythonVersion.PY314);
    }

    @Test
    void softKeywordsStayNamesEverywhere() {
        accepted("match = case = type = _ = 1\nmatch(x)\ntype(x).y\nprint(match, case, type, _)\n"
                + "match.x: int = 3\ndef match(case, type=_): return [match for case in type]\n", PythonVersion.PY313);
    }

    /**
     * 200,000 nested unary minuses on a 1 MB stack: no StackOverflowError (parseText lets one through),
     * CPython's answer: from 5,967 levels its parser refuses them ("Parser stack overflowed", a MemoryError).
     */
    @Test
    void deepExpressionsDoNotOverflowTheStack() throws InterruptedException {
        String deep = "x = " + "-".repeat(200_000) + "1\n";
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                PythonSourceParser.parseText(deep, PythonVersion.PY313);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 1 << 20);
        t.start();
        t.join();
        assertTrue(failure[0] instanceof PythonSyntaxError e && e.kind().equals("MemoryError")
                && e.getMessage().equals("Parser stack overflowed - Python source too complex to parse"),
                () -> "parsing failed: " + failure[0]);
    }

    @Test
    void validStdlibLikeCodeNeedsNoFullContextParse() throws Exception {
        long before = ParseStats.llFallbacks();
        byte[] src = java.nio.file.Files.readAllBytes(AstBuilderOracleTest.resource("constructs_313.py"));
        PythonSourceParser.parse(src, PythonVersion.PY313);
        assertEquals(before, ParseStats.llFallbacks());
    }
}
