package dev.memlint.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each file is checked under the closest configuration above it, whatever the order of the paths. */
class ConfigPerFileTest {
    @TempDir
    Path dir;

    /** MEM201 on line 4, MEM301 on line 5, MEM302 on line 6, when selected; none is on by default. */
    private static final String CODE = """
            def report(rows, n):
                out = ""
                for r in rows:
                    out = r + out
                total = sum([len(r) for r in rows])
                for i in list(range(n)):
                    print(i)
                return out, total
            """;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Two sub-projects: a selects MEM2 and spares legacy.py; b selects MEM3 and spares MEM302 in scripts. */
    @BeforeEach
    void projects() throws IOException {
        write("a/pyproject.toml", "[tool.memlint]\nselect = [\"MEM2\"]\nper-file-ignores = { \"legacy.py\" = [\"MEM201\"] }\n");
        write("b/pyproject.toml", "[project]\nname = \"b\"\n\n[tool.memlint]\nselect = [\"MEM3\"]\n"
                + "per-file-ignores = { \"scripts/**\" = [\"MEM302\"] }\nextend-exclude = [\"gen\"]\n");
        for (String f : List.of("a/m.py", "a/legacy.py", "a/gen/g.py", "b/m.py", "b/scripts/s.py", "b/gen/g.py", "c/m.py")) {
            write(f, CODE);
        }
    }

    /** `path:line CODE` of each finding of a run on paths under dir, the paths relative to dir. */
    private List<String> findings(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--format", "concise", "--color", "never"));
        for (String a : args) all.add(a.startsWith("-") || a.startsWith("MEM") ? a : dir.resolve(a).toString());
        CliRun run = CliRun.of(all.toArray(new String[0]));
        assertEquals("", run.err(), run.toString());
        String prefix = dir + java.io.File.separator;
        return run.findingLines().stream()
                .map(l -> l.replace(prefix, "").replace('\\', '/').replaceFirst("^(.*?):(\\d+):\\d+: (MEM\\d+) .*", "$1:$2 $3"))
                .toList();
    }

    private static String[] reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy.toArray(new String[0]);
    }

    @Test
    void eachFileUnderItsOwnConfigurationInEitherOrder() {
        List<String> expected = List.of("a/gen/g.py:4 MEM201", "a/m.py:4 MEM201", "b/m.py:5 MEM301", "b/m.py:6 MEM302",
                "b/scripts/s.py:5 MEM301");
        assertEquals(expected, findings("a", "b", "c"));
        assertEquals(expected, findings("c", "b", "a"));
        assertEquals(expected, findings("b", "a"));
        // files named one by one, in two orders
        List<String> named = List.of("a/m.py", "a/legacy.py", "b/m.py", "b/scripts/s.py", "c/m.py");
        List<String> expectedNamed = List.of("a/m.py:4 MEM201", "b/m.py:5 MEM301", "b/m.py:6 MEM302", "b/scripts/s.py:5 MEM301");
        assertEquals(expectedNamed, findings(named.toArray(new String[0])));
        assertEquals(expectedNamed, findings(reversed(named)));
    }

    @Test
    void aFileWithNoConfigurationAboveItGetsTheDefaults() {
        // c/m.py has only opt-in findings: with a's or b's selection it would have some
        assertEquals(List.of(), findings("c"));
        assertEquals(List.of("a/m.py:4 MEM201"), findings("c/m.py", "a/m.py"));
    }

    @Test
    void commandLineFlagsApplyOnTopOfEachConfiguration() {
        assertEquals(List.of("a/m.py:4 MEM201", "a/m.py:5 MEM301", "b/m.py:5 MEM301", "b/m.py:6 MEM302", "c/m.py:5 MEM301"),
                findings("--extend-select", "MEM301", "c/m.py", "b/m.py", "a/m.py"));
        assertEquals(List.of("a/m.py:4 MEM201", "b/m.py:6 MEM302"),
                findings("--ignore", "MEM301", "b/m.py", "a/m.py"));
    }

    @Test
    void configForcesOneConfigurationForEveryFile() {
        // a's settings everywhere: MEM2 only, and b's exclude of gen no longer applies
        List<String> expected = List.of("a/m.py:4 MEM201", "b/gen/g.py:4 MEM201", "b/m.py:4 MEM201",
                "b/scripts/s.py:4 MEM201", "c/m.py:4 MEM201");
        assertEquals(expected, findings("--config", dir.resolve("a/pyproject.toml").toString(), "b", "c", "a/m.py"));
    }

    @Test
    void excludesOfASubProjectApplyOnlyUnderIt() {
        // b excludes gen (relative to b); a keeps the default excludes: a/gen/g.py is checked, b/gen/g.py is not
        for (List<String> order : List.of(List.of("a", "b"), List.of("b", "a"), List.of("b/gen", "a/gen"))) {
            List<String> gen = findings(order.toArray(new String[0])).stream().filter(f -> f.contains("gen/")).toList();
            assertEquals(List.of("a/gen/g.py:4 MEM201"), gen, order.toString());
        }
    }

    @Test
    void respectGitignoreIsEachSubProjectsOwn() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        write(".gitignore", "skipped.py\n");
        write("a/pyproject.toml", "[tool.memlint]\nselect = [\"MEM2\"]\nrespect-gitignore = false\n");
        write("a/skipped.py", CODE);
        write("b/skipped.py", CODE);
        for (List<String> order : List.of(List.of("a", "b"), List.of("b", "a"))) {
            List<String> skipped = findings(order.toArray(new String[0])).stream().filter(f -> f.contains("skipped")).toList();
            assertEquals(List.of("a/skipped.py:4 MEM201"), skipped, order.toString());
        }
    }

    @Test
    void aBrokenSubProjectConfigurationIsOneErrorBeforeTheRun() throws IOException {
        write("b/pyproject.toml", "[tool.memlint]\nselect = [\"MEM3\"]\nper-file-ignore = {}\n");
        for (List<String> order : List.of(List.of("a", "b"), List.of("b", "a"), List.of("a/m.py", "b/m.py"))) {
            CliRun run = CliRun.of("check", dir.resolve(order.get(0)).toString(), dir.resolve(order.get(1)).toString());
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("", run.out(), run.toString());
            assertEquals(1, run.err().lines().count(), run.toString());
            assertTrue(run.err().startsWith("memlint: error: " + dir.resolve("b/pyproject.toml")
                    + ": unknown key 'tool.memlint.per-file-ignore'"), run.toString());
        }
    }
}
