package dev.memlint.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** test-code: which files are tests, fixtures or docs examples, and what runs on them, through `memlint check`. */
class TestCodeTest {
    @TempDir
    Path dir;

    /** MEM201 and MEM301 (not lifetime rules) and MEM604 (a lifetime rule), and a syntax error's twin below. */
    private static final String CODE = """
            def report(rows, seen=[]):
                out = ""
                for r in rows:
                    out = r + out
                seen.append(out)
                return sum([len(r) for r in rows]), seen
            """;
    private static final Set<String> EVERY = Set.of("MEM201", "MEM301", "MEM604");
    private static final Set<String> LIFETIME = Set.of("MEM604");

    private static final List<String> TEST_CODE = List.of("tests/test_report.py", "tests/helpers.py",
            "pkg/report_test.py", "conftest.py", "src/pkg/testing/tools.py", "tests/data/cases/fmt.py",
            "fixtures/sample.py", "docs/conf.py", "examples/demo.py", "test/unit.py");
    private static final List<String> PROGRAM_CODE = List.of("app/report.py", "src/pkg/docs/render.py",
            "src/pkg/latest.py", "src/pkg/contest.py", "pkg/examples_of.py");

    @BeforeEach
    void tree() throws IOException {
        for (String f : TEST_CODE) write(f, CODE);
        for (String f : PROGRAM_CODE) write(f, CODE);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void byDefaultTestCodeGetsOnlyTheLifetimeRules() {
        TreeMap<String, Set<String>> found = codesByFile(check());
        for (String f : TEST_CODE) assertEquals(LIFETIME, found.get(f), f);
        for (String f : PROGRAM_CODE) assertEquals(EVERY, found.get(f), f);
    }

    @Test
    void allChecksTestCodeAsAnyOtherAndSkipLeavesItOut() throws IOException {
        write("pyproject.toml", "[tool.memlint]\ntest-code = \"all\"\n");
        TreeMap<String, Set<String>> all = codesByFile(check());
        for (String f : TEST_CODE) assertEquals(EVERY, all.get(f), f);

        write("pyproject.toml", "[tool.memlint]\ntest-code = \"skip\"\n");
        CliRun skip = check();
        assertEquals(new TreeSet<>(PROGRAM_CODE), codesByFile(skip).navigableKeySet(), skip.toString());
        assertTrue(skip.err().contains("(" + PROGRAM_CODE.size() + " files checked)")
                || skip.out().contains("(" + PROGRAM_CODE.size() + " files checked)"), skip.toString());
    }

    @Test
    void theCommandLineWinsOverTheConfiguration() throws IOException {
        write("pyproject.toml", "[tool.memlint]\ntest-code = \"skip\"\n");
        CliRun run = CliRun.of("check", "--test-code", "all", "--extend-select", "MEM201,MEM301", dir.toString());
        for (String f : TEST_CODE) assertEquals(EVERY, codesByFile(run).get(f), f);
        CliRun bad = CliRun.of("check", "--test-code", "some", dir.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("'some' is not a test-code mode"), bad.toString());
    }

    @Test
    void testCodeGlobsExtendTheDefaultsAndPerFileIgnoresStillApply() throws IOException {
        write("pyproject.toml", """
                [tool.memlint]
                test-code-globs = ["src/pkg/latest.py", "*_of.py"]
                [tool.memlint.per-file-ignores]
                "tests/**" = ["MEM604"]
                "app/*" = ["MEM301"]
                """);
        TreeMap<String, Set<String>> found = codesByFile(check());
        assertEquals(LIFETIME, found.get("src/pkg/latest.py"));
        assertEquals(LIFETIME, found.get("pkg/examples_of.py"));
        assertEquals(LIFETIME, found.get("conftest.py"), "the defaults still hold");
        assertEquals(null, found.get("tests/helpers.py"), "per-file-ignores removes what test-code leaves");
        assertEquals(Set.of("MEM201", "MEM604"), found.get("app/report.py"));
    }

    /** A file that did not parse was not checked: its MEM001 is never filtered away. */
    @Test
    void aSyntaxErrorIsReportedInTestCodeAndWhateverIsSelectedOrIgnored() throws IOException {
        write("tests/data/broken.py", "def f(:\n");
        write("app/broken.py", "def f(:\n");
        TreeMap<String, Set<String>> found = codesByFile(check());
        assertEquals(Set.of("MEM001"), found.get("tests/data/broken.py"), "lifetime-only still reports it");
        assertEquals(Set.of("MEM001"), found.get("app/broken.py"));

        write("pyproject.toml", """
                [tool.memlint]
                ignore = ["MEM001"]
                [tool.memlint.per-file-ignores]
                "app/*" = ["MEM001", "MEM0"]
                """);
        for (String[] flags : List.of(new String[] {"--select", "MEM2"}, new String[] {"--ignore", "MEM001"},
                new String[] {"--ignore", "ALL", "--extend-select", "MEM604"}, new String[] {})) {
            CliRun run = check(flags);
            assertEquals(1, run.exitCode(), run.toString());
            found = codesByFile(run);
            assertTrue(found.get("app/broken.py").contains("MEM001"), List.of(flags) + ": " + run);
            assertTrue(found.get("tests/data/broken.py").contains("MEM001"), List.of(flags) + ": " + run);
            assertTrue(!run.out().contains("All checks passed"), run.toString());
        }
    }

    @Test
    void aFileWithOnlyASyntaxErrorIsNeverAPass() throws IOException {
        Path only = dir.resolve("alone");
        Files.createDirectories(only.resolve("tests"));
        Files.writeString(only.resolve("tests/test_x.py"), "x = (1,\n");
        CliRun run = CliRun.of("check", "--color", "never", "--select", "MEM2", "--ignore", "MEM001", only.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("MEM001 error: '(' was never closed"), run.toString());
        assertTrue(run.out().endsWith("Found 1 finding in 1 file (1 file checked).\n"), run.toString());
    }

    @Test
    void aBadSettingIsAnErrorNamingTheKey() throws IOException {
        write("pyproject.toml", "[tool.memlint]\ntest-code = \"lifetime\"\n");
        CliRun run = check();
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'tool.memlint.test-code' must be one of \"lifetime-only\", \"all\", \"skip\""),
                run.toString());
        write("pyproject.toml", "[tool.memlint]\ntest-code-globs = [\"tests/[\"]\n");
        CliRun glob = check();
        assertEquals(2, glob.exitCode(), glob.toString());
        assertTrue(glob.err().contains("'tool.memlint.test-code-globs' has an invalid glob"), glob.toString());
    }

    private CliRun check(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--color", "never", "--extend-select", "MEM201,MEM301"));
        args.addAll(List.of(flags));
        args.add(dir.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    private static final Pattern LINE = Pattern.compile("^(\\S+):\\d+:\\d+: (MEM\\d+) ", Pattern.MULTILINE);

    /** Findings per file, by path relative to the checked directory. */
    private TreeMap<String, Set<String>> codesByFile(CliRun run) {
        TreeMap<String, Set<String>> out = new TreeMap<>();
        Matcher m = LINE.matcher(run.out());
        String prefix = dir.toString() + "/";
        while (m.find()) {
            String path = m.group(1).startsWith(prefix) ? m.group(1).substring(prefix.length()) : m.group(1);
            out.computeIfAbsent(path, k -> new TreeSet<>()).add(m.group(2));
        }
        return out;
    }
}
