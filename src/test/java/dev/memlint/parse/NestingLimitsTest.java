package dev.memlint.parse;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The nesting limits at the depths where CPython starts refusing (measured running the file with
 * python3.10.13, 3.11.7, 3.12.1 and 3.13.0; NestingLimitsOracleTest compares with them).
 */
class NestingLimitsTest {
    static final String OVERFLOW = "MemoryError Parser stack overflowed - Python source too complex to parse";
    static final String TOO_DEEP = "RecursionError maximum recursion depth exceeded during compilation";

    /** The source of a construct nested n deep. */
    static String nested(String construct, int n) {
        return switch (construct) {
            case "minus" -> "x = " + "- ".repeat(n) + "1\n";
            case "not" -> "x = " + "not ".repeat(n) + "x\n";
            case "lambda" -> "x = " + "lambda x: ".repeat(n) + "x\n";
            case "pow" -> "x = " + "a ** ".repeat(n) + "a\n";
            case "ifelse" -> "x = " + "a if b else ".repeat(n) + "c\n";
            case "calls" -> "x = f" + "()".repeat(n) + "\n";
            case "plus" -> "x = " + "a + ".repeat(n) + "a\n";
            case "elif" -> "if a:\n    pass\n" + "elif a:\n    pass\n".repeat(n);
            case "minus_in_call" -> "x = f(" + "- ".repeat(n) + "1)\n";
            case "minus_in_if" -> "if x:\n    x = " + "- ".repeat(n) + "1\n";
            default -> throw new IllegalArgumentException(construct);
        };
    }

    /** "OK" or "Kind message line", parsed on a stack as big as memlint gives its checks; null on a stack overflow. */
    static String outcome(String source, PythonVersion v) throws InterruptedException {
        AtomicReference<String> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                PythonSourceParser.parseText(source, v); // lets a StackOverflowError through: the result stays null
                result.set("OK");
            } catch (PythonSyntaxError e) {
                result.set(e.kind() + " " + e.getMessage() + " " + e.line());
            }
        }, "nesting", 512L << 20); // as check.BigStack
        t.start();
        t.join();
        return result.get();
    }

    private static void refusedFrom(String construct, PythonVersion v, int first, String error) throws Exception {
        assertEquals("OK", outcome(nested(construct, first - 1), v), construct + " " + (first - 1) + " on " + v);
        assertEquals(error + " 1", outcome(nested(construct, first), v), construct + " " + first + " on " + v);
    }

    @Test
    void parserOverflowFromTheSameDepthIn310To313() throws Exception {
        for (PythonVersion v : new PythonVersion[] {PythonVersion.PY310, PythonVersion.PY311, PythonVersion.PY312,
                PythonVersion.PY313}) {
            refusedFrom("lambda", v, 2984, OVERFLOW);
            refusedFrom("pow", v, 2984, OVERFLOW);
        }
    }

    @Test
    void compilerDepthIs3000Before313() throws Exception {
        for (PythonVersion v : new PythonVersion[] {PythonVersion.PY310, PythonVersion.PY311, PythonVersion.PY312}) {
            refusedFrom("minus", v, 2999, TOO_DEEP);
            refusedFrom("calls", v, 2999, TOO_DEEP);
            refusedFrom("plus", v, 2999, TOO_DEEP);
            refusedFrom("ifelse", v, 2999, TOO_DEEP);
            refusedFrom("elif", v, 2999, TOO_DEEP);
        }
    }

    @Test
    void parserOverflowsBeforeTheCompilerIn313() throws Exception {
        PythonVersion v = PythonVersion.PY313;
        refusedFrom("minus", v, 5967, OVERFLOW);
        refusedFrom("not", v, 5968, OVERFLOW);
        refusedFrom("ifelse", v, 5968, OVERFLOW);
        refusedFrom("elif", v, 5963, OVERFLOW);
        refusedFrom("minus_in_call", v, 5961, OVERFLOW);
        refusedFrom("minus_in_if", v, 5961, OVERFLOW);
        refusedFrom("calls", v, 9999, TOO_DEEP);
        refusedFrom("plus", v, 9999, TOO_DEEP);
    }

    @Test
    void constantsAndStatementsAreOneRuleShallowerBefore312() throws Exception {
        for (PythonVersion v : new PythonVersion[] {PythonVersion.PY310, PythonVersion.PY311}) {
            assertEquals(TOO_DEEP + " 1", outcome(nested("minus", 5967), v));
            assertEquals(OVERFLOW + " 1", outcome(nested("minus", 5968), v));
            assertEquals(TOO_DEEP + " 1", outcome(nested("elif", 5963), v));
            assertEquals(OVERFLOW + " 1", outcome(nested("elif", 5964), v));
        }
        assertEquals(OVERFLOW + " 1", outcome(nested("minus", 5967), PythonVersion.PY312));
    }

    @Test
    void notModelledBefore310() throws Exception {
        assertEquals("OK", outcome(nested("calls", 5000), PythonVersion.PY39));
    }

    @Test
    void aSyntaxErrorLaterInTheFileComesBeforeTheCompilersLimit() throws Exception {
        assertEquals("SyntaxError invalid syntax 2", outcome(nested("calls", 3000) + "x = = 1\n", PythonVersion.PY312));
    }

    @Test
    void theParsersOverflowComesBeforeALaterSyntaxError() throws Exception {
        assertEquals(OVERFLOW + " 1", outcome(nested("lambda", 3000) + "x = = 1\n", PythonVersion.PY312));
    }

    @Test
    void hundredThousandDeepIsTheParsersOverflow() throws Exception {
        for (String construct : new String[] {"minus", "not", "lambda", "pow", "ifelse", "elif"}) {
            assertEquals(OVERFLOW + " 1", outcome(nested(construct, 100_000), PythonVersion.PY313), construct);
        }
        assertEquals(TOO_DEEP + " 1", outcome(nested("calls", 100_000), PythonVersion.PY313));
    }
}
