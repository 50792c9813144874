package dev.memlint.rule;

import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import dev.memlint.rule.memory.FinalizerInCycleRule;
import dev.memlint.rule.memory.QuadraticAllocationRule;
import dev.memlint.rule.memory.ReferenceCycleRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The memory pass's rule fixtures: flagged lines carry "# expect: CODE", every other line stays clean. */
class MemoryRuleFixturesTest {

    @ParameterizedTest
    @CsvSource({"testdata/lifetime/MEM601.py, MEM601", "testdata/lifetime/MEM607.py, MEM607",
            "testdata/estimate/MEM702.py, MEM702"})
    void fixture(String path, String code) throws Exception {
        String text = Files.readString(Path.of(path));
        ParsedFile parsed = PythonSourceParser.parse(Files.readAllBytes(Path.of(path)), PythonVersion.LATEST);
        RuleEngine engine = new RuleEngine(List.of(ReferenceCycleRule.class, FinalizerInCycleRule.class,
                QuadraticAllocationRule.class), Map.of());
        List<Finding> findings = engine.check(path, parsed.module(), parsed.source(), new Suppressions());
        assertEquals(List.of(), FixtureExpectations.compare(FixtureExpectations.parse(text), findings, Set.of(code)));
    }
}
