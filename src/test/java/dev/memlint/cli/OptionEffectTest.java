package dev.memlint.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --select ALL, and the warnings for options that do nothing in the chosen combination. */
class OptionEffectTest {
    @TempDir
    Path dir;
    private String file;

    /** MEM603 and MEM701 are the rules that are off by default. */
    @BeforeEach
    void source() throws IOException {
        file = Files.writeString(dir.resolve("a.py"), """
                from functools import cache


                @cache
                def normalise(path):
                    return path.strip("/").lower()


                def table(n):
                    return [[0] * n for _ in range(n)]
                """).toString();
    }

    @Test
    void selectAllRunsTheRulesThatAreOffByDefault() {
        CliRun defaults = CliRun.of("check", "--color", "never", file);
        assertEquals(0, defaults.exitCode(), defaults.toString());
        CliRun all = CliRun.of("check", "--color", "never", "--select", "ALL", file);
        assertEquals(1, all.exitCode(), all.toString());
        assertEquals(List.of("MEM603", "MEM701"), codes(all), all.toString());
        CliRun extended = CliRun.of("check", "--color", "never", "--extend-select", "ALL", "--ignore", "MEM7", file);
        assertEquals(List.of("MEM603"), codes(extended), extended.toString());
    }

    @Test
    void optionsWithoutEffectWarnOnceEach() {
        CliRun run = CliRun.of("check", "--format", "json", "--statistics", "--unsafe-fixes", "--category", "py", file);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("[ ]\n", run.out(), "warnings never mix into the report: " + run);
        List<String> warnings = run.err().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(3, warnings.size(), run.toString());
        assertTrue(warnings.get(0).startsWith("warning: --statistics has no effect with --format json"), run.toString());
        assertEquals("warning: --unsafe-fixes has no effect without --fix", warnings.get(1));
        assertTrue(warnings.get(2).startsWith("warning: --category has no effect with --format json"), run.toString());
    }

    @Test
    void optionsThatActDoNotWarn() throws IOException {
        CliRun statistics = CliRun.of("check", "--statistics", "--select", "ALL", file);
        assertTrue(statistics.out().contains("MEM603"), statistics.toString());
        CliRun sarif = CliRun.of("check", "--format", "sarif", "--category", "py", file);
        assertTrue(sarif.out().contains("\"id\": \"py/"), sarif.toString());
        Path baseline = dir.resolve("baseline.sarif");
        CliRun writeBaseline = CliRun.of("check", "--category", "py", "--write-baseline", baseline.toString(), file);
        Path copy = Files.copy(Path.of(file), dir.resolve("b.py"));
        CliRun fix = CliRun.of("check", "--fix", "--unsafe-fixes", copy.toString());
        for (CliRun run : List.of(statistics, sarif, writeBaseline, fix)) {
            assertFalse(run.err().contains("warning:"), run.toString());
        }
    }

    private static List<String> codes(CliRun run) {
        return run.findingLines().stream().map(l -> l.replaceFirst("^.*?:\\d+:\\d+: (MEM\\d+) .*", "$1")).toList();
    }
}
