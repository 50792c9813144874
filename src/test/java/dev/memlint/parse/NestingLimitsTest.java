package dev.memlint.parse;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The nesting limits at the depths where CPython starts refusing (measured running the file with
 * python3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 by bench/nesting/thresholds.py, which writes
 * the same sources; NestingLimitsOracleTest compares with them).
 */
class NestingLimitsTest {
    static final String OVERFLOW = "MemoryError Parser stack overflowed - Python source too complex to parse";
    static final String TOO_DEEP = "RecursionError maximum recursion depth exceeded during compilation";
    static final String OVERFLOW_38 = "MemoryError s_push: parser stack overflow";
    static final String TOO_MANY_PARENS = "SyntaxError too many nested parentheses";

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
            case "attrs" -> "x = f" + ".a".repeat(n) + "\n";
            case "subscripts" -> "x = f" + "[0]".repeat(n) + "\n";
            case "parens" -> "x = " + "(".repeat(n) + "1" + ")".repeat(n) + "\n";
            case "lists" -> "x = " + "[".repeat(n) + "1" + "]".repeat(n) + "\n";
            case "nested_calls" -> "x = " + "f(".repeat(n) + "1" + ")".repeat(n) + "\n";
            case "parens_in_call" -> "x = f(" + "(".repeat(n) + "1" + ")".repeat(n) + ")\n";
            case "minus_in_parens" -> "x = (((" + "- ".repeat(n) + "1)))\n";
            case "parens_in_blocks" -> blocks(n) + "    ".repeat(n) + "x = " + "(".repeat(200) + "1" + ")".repeat(200) + "\n";
            case "tuples" -> "x = " + "(1, ".repeat(n) + "1" + ")".repeat(n) + "\n";
            case "lambda_paren" -> "x = " + "(lambda: ".repeat(n) + "1" + ")".repeat(n) + "\n";
            case "dicts" -> "x = " + "{'a': ".repeat(n) + "1" + "}".repeat(n) + "\n";
            case "ones" -> "x = " + "1 + ".repeat(n) + "1\n";
            case "minus_name" -> "x = " + "- ".repeat(n) + "a\n";
            case "minus_tuple" -> "x = " + "- ".repeat(n) + "(1,)\n";
            case "invert_float" -> "x = " + "~ ".repeat(n) + "1.5\n";
            default -> throw new IllegalArgumentException(construct);
        };
    }

    private static String blocks(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("    ".repeat(i)).append("if a:\n");
        return b.toString();
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
        refusedFrom(construct, v, first, error, 1);
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

    private static void refusedFrom(String construct, PythonVersion v, int first, String error, int line) throws Exception {
        assertEquals("OK", outcome(nested(construct, first - 1), v), construct + " " + (first - 1) + " on " + v);
        assertEquals(error + " " + line, outcome(nested(construct, first), v), construct + " " + first + " on " + v);
    }

    @Test
    void theLlParserOf38OverflowsAt1700Rules() throws Exception {
        PythonVersion v = PythonVersion.PY38;
        refusedFrom("minus", v, 1680, OVERFLOW_38);
        refusedFrom("not", v, 1680, OVERFLOW_38);
        refusedFrom("ifelse", v, 1680, OVERFLOW_38);
        refusedFrom("lambda", v, 840, OVERFLOW_38);
        refusedFrom("pow", v, 840, OVERFLOW_38);
        refusedFrom("minus_in_call", v, 1663, OVERFLOW_38);
        refusedFrom("minus_in_if", v, 1676, OVERFLOW_38);
        refusedFrom("minus_in_parens", v, 1629, OVERFLOW_38);
    }

    @Test
    void bracketsCost17RulesIn38() throws Exception {
        PythonVersion v = PythonVersion.PY38;
        refusedFrom("parens", v, 99, OVERFLOW_38);
        refusedFrom("lists", v, 99, OVERFLOW_38);
        refusedFrom("nested_calls", v, 99, OVERFLOW_38);
        refusedFrom("parens_in_call", v, 98, OVERFLOW_38);
        refusedFrom("tuples", v, 99, OVERFLOW_38);
        refusedFrom("lambda_paren", v, 89, OVERFLOW_38);
        refusedFrom("dicts", v, 105, OVERFLOW_38);
        // Past the tokenizer's 200: the parser has overflowed long before.
        assertEquals(OVERFLOW_38 + " 1", outcome(nested("parens", 250), v));
        assertEquals(OVERFLOW_38 + " 1", outcome("x = " + "(".repeat(300) + "\n", v));
    }

    @Test
    void theTokenizersBracketLimitFrom39() throws Exception {
        refusedFrom("parens", PythonVersion.PY39, 201, TOO_MANY_PARENS);
        refusedFrom("lists", PythonVersion.PY39, 201, TOO_MANY_PARENS);
        refusedFrom("nested_calls", PythonVersion.PY39, 201, TOO_MANY_PARENS);
    }

    @Test
    void thePegParserOf39OverflowsAs310And311Do() throws Exception {
        PythonVersion v = PythonVersion.PY39;
        refusedFrom("lambda", v, 2984, OVERFLOW);
        refusedFrom("pow", v, 2984, OVERFLOW);
        refusedFrom("minus", v, 5968, OVERFLOW);
        refusedFrom("minus_in_call", v, 5962, OVERFLOW);
        refusedFrom("minus_in_if", v, 5962, OVERFLOW);
        refusedFrom("minus_in_parens", v, 5902, OVERFLOW);
    }

    @Test
    void pegParenthesesCost10And28ForEachFurtherPairOnTheWay() throws Exception {
        refusedFrom("minus_in_parens", PythonVersion.PY313, 5901, OVERFLOW);
        for (PythonVersion v : new PythonVersion[] {PythonVersion.PY39, PythonVersion.PY311, PythonVersion.PY313}) {
            refusedFrom("parens_in_blocks", v, 65, OVERFLOW);
            // Parentheses inside parentheses, not right around them: a tuple's, a lambda's body.
            refusedFrom("tuples", v, 200, OVERFLOW);
            refusedFrom("lambda_paren", v, 200, OVERFLOW);
        }
    }

    @Test
    void compilerDepthIs3000In38And39() throws Exception {
        for (PythonVersion v : new PythonVersion[] {PythonVersion.PY38, PythonVersion.PY39}) {
            refusedFrom("calls", v, 2999, TOO_DEEP);
            refusedFrom("attrs", v, 2999, TOO_DEEP);
            refusedFrom("subscripts", v, 2999, TOO_DEEP);
            refusedFrom("plus", v, 2999, TOO_DEEP);
            refusedFrom("elif", v, 2999, TOO_DEEP);
        }
        refusedFrom("not", PythonVersion.PY39, 2999, TOO_DEEP);
        refusedFrom("ifelse", PythonVersion.PY39, 2999, TOO_DEEP);
    }

    @Test
    void constantsFoldBeforeTheCompilerCountsIn38And39() throws Exception {
        for (PythonVersion v : new PythonVersion[] {PythonVersion.PY38, PythonVersion.PY39}) {
            assertEquals("OK", outcome(nested("ones", 100_000), v));
        }
        assertEquals("OK", outcome(nested("minus", 5967), PythonVersion.PY39));
        // A name, a negated tuple or an inverted float does not fold.
        refusedFrom("minus_name", PythonVersion.PY39, 2999, TOO_DEEP);
        refusedFrom("minus_tuple", PythonVersion.PY39, 2999, TOO_DEEP);
        refusedFrom("invert_float", PythonVersion.PY39, 2999, TOO_DEEP);
        assertEquals(TOO_DEEP + " 1", outcome(nested("ones", 3000), PythonVersion.PY310));
    }

    @Test
    void in38TheParsersOverflowComesBeforeALaterSyntaxErrorAndAfterAnEarlierOne() throws Exception {
        PythonVersion v = PythonVersion.PY38;
        assertEquals(OVERFLOW_38 + " 1", outcome(nested("parens", 99) + "x = = 1\n", v));
        assertEquals(OVERFLOW_38 + " 1", outcome(nested("parens", 250) + "x = = 1\n", v));
        assertEquals("SyntaxError invalid syntax 1", outcome("x = = 1\n" + nested("parens", 99), v));
        assertEquals(OVERFLOW_38 + " 2", outcome("x = 1\n" + nested("minus_in_if", 1676), v));
        assertEquals("SyntaxError invalid syntax 2", outcome(nested("calls", 3000) + "x = = 1\n", v));
    }

    @Test
    void hundredThousandDeepIn38And39() throws Exception {
        for (String construct : new String[] {"minus", "not", "lambda", "pow", "ifelse"}) {
            assertEquals(OVERFLOW_38 + " 1", outcome(nested(construct, 100_000), PythonVersion.PY38), construct);
            assertEquals(OVERFLOW + " 1", outcome(nested(construct, 100_000), PythonVersion.PY39), construct);
        }
        assertEquals(TOO_DEEP + " 1", outcome(nested("elif", 100_000), PythonVersion.PY38));
        assertEquals(OVERFLOW + " 1", outcome(nested("elif", 100_000), PythonVersion.PY39));
        assertEquals(TOO_DEEP + " 1", outcome(nested("calls", 100_000), PythonVersion.PY38));
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
