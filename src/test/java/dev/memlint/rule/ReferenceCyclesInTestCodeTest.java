package dev.memlint.rule;

import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cycles a helper leaves on every call are MEM601 findings in code that runs as a program, and not in
 * test code, where the helper runs a few times per test run: a class made anew on each call (caching
 * it is no advice there), and a nested function that calls itself (it and its cell, at the nested def).
 */
class ReferenceCyclesInTestCodeTest {
    private static final String PER_CALL_CLASS = """
            def make_record_type(fields):
                class Record:
                    __slots__ = tuple(fields)
                return Record


            def parse(rows, fields):
                record_type = make_record_type(fields)
                return [record_type() for _ in rows]
            """;

    private static final String SELF_CALLING = """
            def depth(tree):
                def walk(node):
                    return 1 + max((walk(child) for child in node), default=0)
                return walk(tree)
            """;

    private static List<String> mem601(String code, boolean testCode) {
        RuleEngine engine = new RuleEngine(RuleRegistry.ruleClasses(), Map.of()).forTestCode(testCode);
        return engine.check("helpers.py", PythonSourceParser.parse(code.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST))
                .stream().filter(f -> f.code().equals("MEM601")).map(f -> f.range().line() + " " + f.message()).toList();
    }

    @Test
    void perCallClassReportedInProgramCode() {
        List<String> found = mem601(PER_CALL_CLASS, false);
        assertEquals(1, found.size(), found::toString);
        assertEquals(true, found.get(0).startsWith("2 `make_record_type` makes a new class on every call"), found::toString);
    }

    @Test
    void selfCallingNestedFunctionReportedInProgramCode() {
        List<String> found = mem601(SELF_CALLING, false);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("2 `depth` leaves a reference cycle (function -cell walk-> function)"), found::toString);
        assertTrue(found.get(0).contains("make it a module-level function that takes what it reads as arguments, or set `walk = None` in a `finally`"), found::toString);
    }

    @Test
    void bothSilentInTestCode() {
        assertEquals(List.of(), mem601(PER_CALL_CLASS, true));
        assertEquals(List.of(), mem601(SELF_CALLING, true));
    }
}
