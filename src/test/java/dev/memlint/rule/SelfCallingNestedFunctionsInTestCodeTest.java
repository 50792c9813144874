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
 * A nested function that calls itself leaves it and its cell in a cycle on every call: a MEM601 finding
 * in code that runs as a program, at the nested def, and not in test code, where a helper runs a few
 * times per test run.
 */
class SelfCallingNestedFunctionsInTestCodeTest {
    private static final String CODE = """
            def depth(tree):
                def walk(node):
                    return 1 + max((walk(child) for child in node), default=0)
                return walk(tree)
            """;

    private static List<String> mem601(boolean testCode) {
        RuleEngine engine = new RuleEngine(RuleRegistry.ruleClasses(), Map.of()).forTestCode(testCode);
        return engine.check("helpers.py", PythonSourceParser.parse(CODE.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST))
                .stream().filter(f -> f.code().equals("MEM601")).map(f -> f.range().line() + " " + f.message()).toList();
    }

    @Test
    void reportedInProgramCode() {
        List<String> found = mem601(false);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("2 `depth` leaves a reference cycle (function -cell walk-> function)"), found::toString);
        assertTrue(found.get(0).contains("make it a module-level function that takes what it reads as arguments, or set `walk = None` in a `finally`"), found::toString);
    }

    @Test
    void silentInTestCode() {
        assertEquals(List.of(), mem601(true));
    }
}
