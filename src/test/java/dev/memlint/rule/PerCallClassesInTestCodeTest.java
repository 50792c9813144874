package dev.memlint.rule;

import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A helper that makes a class on every call is a MEM601 finding in code that runs as a program, and
 * not in test code, where it runs a few times per test run and caching the class is no advice.
 */
class PerCallClassesInTestCodeTest {
    private static final String CODE = """
            def make_record_type(fields):
                class Record:
                    __slots__ = tuple(fields)
                return Record


            def parse(rows, fields):
                record_type = make_record_type(fields)
                return [record_type() for _ in rows]
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
        assertEquals(true, found.get(0).startsWith("2 `make_record_type` makes a new class on every call"), found::toString);
    }

    @Test
    void silentInTestCode() {
        assertEquals(List.of(), mem601(true));
    }
}
