package dev.memlint.rule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every fixture testdata/<family>/<CODE>.py: lines marked {@code # expect: CODE} must get that
 * finding, every other line none of that code. A fixture must also hold at least as many clean
 * look-alikes as flagged lines, counted as function definitions that contain no mark.
 */
class RuleFixturesTest {
    static Stream<Path> fixtures() throws IOException {
        return Files.walk(Path.of("testdata")).filter(RuleFixturesTest::isRuleFixture).sorted();
    }

    /**
     * A Python file of testdata/ other than the memory pass's CPython-measured scenarios
     * (testdata/memory and its holdout, scored by MemorySuiteTest).
     */
    static boolean isRuleFixture(Path p) {
        return p.toString().endsWith(".py") && !p.startsWith(Path.of("testdata", "memory"))
                && !p.startsWith(Path.of("testdata", "memory-holdout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureFindingsMatchTheMarks(Path fixture) throws IOException {
        String code = fixture.getFileName().toString().replace(".py", "");
        String text = Files.readString(fixture);
        Map<Integer, Set<String>> expected = FixtureExpectations.parse(text);
        List<String> problems = FixtureExpectations.compare(expected, Linting.lint(fixture.toString(), text), Set.of(code));
        assertTrue(problems.isEmpty(), fixture + ":\n" + String.join("\n", problems));
        long flagged = expected.values().stream().filter(s -> s.contains(code)).count();
        assertTrue(flagged > 0, fixture + " flags nothing");
        long clean = cleanDefinitions(text);
        assertTrue(clean >= flagged, fixture + ": " + flagged + " flagged lines but only " + clean
                + " functions without a mark");
    }

    /** Function definitions whose whole body carries no expect mark. */
    static long cleanDefinitions(String text) {
        String[] lines = text.split("\n", -1);
        long clean = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].stripLeading().matches("(async\\s+)?def\\s.*")) continue;
            int indent = lines[i].length() - lines[i].stripLeading().length();
            boolean marked = lines[i].contains("# expect:");
            for (int k = i - 1; k >= 0 && lines[k].stripLeading().startsWith("@"); k--) {
                if (lines[k].contains("# expect:")) marked = true; // a flagged decorator belongs to its def
            }
            for (int j = i + 1; j < lines.length; j++) {
                String l = lines[j];
                if (!l.isBlank() && l.length() - l.stripLeading().length() <= indent) break;
                if (l.contains("# expect:")) marked = true;
            }
            if (!marked) clean++;
        }
        return clean;
    }
}
