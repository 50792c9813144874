package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {
    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void cleanFilesExitZeroWithSummary() throws IOException {
        write("a.py", "x = 1\n");
        write("pkg/b.py", "def f(a):\n    return [a] * 2\n");
        CliRun run = CliRun.of("check", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("All checks passed (2 files checked).\n", run.out(), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void syntaxErrorsAreSortedAndCounted() throws IOException {
        write("b.py", "x = (1,\n");
        write("a.py", "ok = 1\ndef f(:\n    pass\nclass C\n");
        write("c.py", "fine = True\n");
        CliRun run = CliRun.of("check", "--color=never", dir.toString());
        assertEquals(1, run.exitCode(), run::toString);
        var lines = run.findingLines();
        assertEquals(2, lines.size(), run::toString);
        assertTrue(lines.get(0).startsWith(dir.resolve("a.py") + ":2:"), run::toString);
        assertTrue(lines.get(1).startsWith(dir.resolve("b.py") + ":1:5: MEM001 error: '(' was never closed"), run::toString);
        assertTrue(run.out().endsWith("Found 2 findings in 2 files (3 files checked).\n"), run::toString);
    }

    @Test
    void textFormatShowsTheLineWithACaret() throws IOException {
        write("a.py", "if True:\n    x = (1,\n");
        CliRun run = CliRun.of("check", "--color=never", dir.resolve("a.py").toString());
        String expected = dir.resolve("a.py") + ":2:9: MEM001 error: '(' was never closed\n"
                + "  |\n"
                + "2 |     x = (1,\n"
                + "  |         ^\n"
                + "\n"
                + "Found 1 finding in 1 file (1 file checked).\n";
        assertEquals(expected, run.out(), run::toString);
    }

    @Test
    void jsonFormatHasOneObjectPerFinding() throws IOException {
        write("é.py", "s = 'ü' + (\n");
        CliRun run = CliRun.of("check", "--format", "json", dir.toString());
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode array = new ObjectMapper().readTree(run.out());
        assertEquals(1, array.size(), run::toString);
        JsonNode f = array.get(0);
        assertEquals("MEM001", f.get("code").asText());
        assertEquals(dir.resolve("é.py").toString(), f.get("path").asText());
        assertEquals(1, f.get("line").asInt());
        assertEquals(11, f.get("column").asInt(), "columns count characters, not UTF-8 bytes");
        assertEquals("error", f.get("severity").asText());
        assertEquals("'(' was never closed", f.get("message").asText());
        assertTrue(f.has("endLine") && f.has("endColumn"));
        assertFalse(f.has("fix"));
    }

    @Test
    void jsonFormatOfACleanRunIsAnEmptyArray() throws IOException {
        write("a.py", "x = 1\n");
        CliRun run = CliRun.of("check", "--format=json", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(0, new ObjectMapper().readTree(run.out()).size());
    }

    @Test
    void targetVersionDecidesWhatIsASyntaxError() throws IOException {
        Path file = write("m.py", "match command:\n    case [x]:\n        pass\n");
        assertEquals(0, CliRun.of("check", "--target-version", "3.10", file.toString()).exitCode());
        CliRun old = CliRun.of("check", "--target-version", "3.9", file.toString());
        assertEquals(1, old.exitCode(), old::toString);
        assertTrue(old.out().contains(":1:"), old::toString);
    }

    @Test
    void statisticsCountFindingsPerRule() throws IOException {
        write("a.py", "(\n");
        write("b.py", "[\n");
        CliRun run = CliRun.of("check", "--statistics", dir.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("2  MEM001  syntax-error\n\nFound 2 findings in 2 files (2 files checked).\n", run.out());
    }

    @Test
    void colorAlwaysUsesAnsiAndNeverDoesNot() throws IOException {
        write("a.py", "(\n");
        assertTrue(CliRun.of("check", "--color=always", dir.toString()).out().contains("\u001b["));
        assertFalse(CliRun.of("check", "--color=never", dir.toString()).out().contains("\u001b["));
    }

    @Test
    void excludeSkipsByNameAndByPath() throws IOException {
        write("keep.py", "x = 1\n");
        write("gen_a.py", "(\n");
        write("data/fixtures/bad.py", "(\n");
        CliRun run = CliRun.of("check", "--exclude", "gen_*.py,**/data/fixtures", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("(1 file checked)"), run::toString);
    }

    @Test
    void aMalformedExcludeGlobIsAUsageError() throws IOException {
        write("a.py", "x = 1\n");
        CliRun run = CliRun.of("check", "--exclude", "gen_*.py,data/[!", dir.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertTrue(run.err().startsWith("memlint: error: Invalid value for option '--exclude': invalid glob "
                + "\"data/[!\": unclosed '[' at character 6\n"), run::toString);
    }

    private static final String FIXABLE = "def f(n):\n    for i in list(range(n)):\n        print(i)\n";

    /** Checked before the run: --fix would have rewritten the file first. */
    @Test
    void aBadBaselineStopsTheRunBeforeItStarts() throws IOException {
        Path code = write("a.py", FIXABLE);
        String[][] baselines = {
                {"deep.sarif", "{\"runs\": " + "[".repeat(1000) + "]".repeat(1000) + "}", ":1:1010: not valid JSON: Document nesting depth"},
                {"ints.sarif", "{\"runs\": [{\"results\": [1]}]}", ": not a usable SARIF log: runs[0].results[0] is a number, not an object"},
                {"empty.sarif", "", ": empty file, not a SARIF log"},
        };
        for (String[] b : baselines) {
            Path baseline = write(b[0], b[1]);
            CliRun run = CliRun.of("check", "--fix", "--baseline", baseline.toString(), code.toString());
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("", run.out(), run::toString);
            assertTrue(run.err().startsWith("memlint: error: baseline " + baseline + b[2]), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertEquals(FIXABLE, Files.readString(code));
        }
    }

    @Test
    void anUnwritableWriteBaselineStopsTheRunBeforeItStarts() throws IOException {
        Path code = write("a.py", FIXABLE);
        Path[] targets = {dir.resolve("missing/baseline.sarif"), dir, code.resolve("baseline.sarif")};
        String[] problems = {"no such directory", "is a directory", code + " is not a directory"};
        for (int i = 0; i < targets.length; i++) {
            CliRun run = CliRun.of("check", "--fix", "--write-baseline", targets[i].toString(), code.toString());
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("memlint: error: cannot write " + targets[i] + ": " + problems[i] + "\n", run.err(), run::toString);
            assertEquals(FIXABLE, Files.readString(code));
        }
    }

    @Test
    void aDirectoryNamedVenvIsSkippedAsInRuffAndSoIsAnEnvironmentUnderAnyName() throws IOException {
        write("lib/venv/__init__.py", "(\n"); // like the stdlib's venv package: Ruff skips it by name too
        write("project/tools/pyvenv.cfg", "home = /usr/bin\n");
        write("project/tools/lib/python3.11/site.py", "(\n");
        write("project/app.py", "(\n");
        CliRun run = CliRun.of("check", "--select", "MEM001", dir.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.findingLines().size(), run::toString);
        assertTrue(run.findingLines().get(0).startsWith(dir.resolve("project/app.py") + ":1:1:"), run::toString);
    }

    @Test
    void missingPathIsAnErrorButOtherPathsAreChecked() throws IOException {
        Path good = write("a.py", "(\n");
        CliRun run = CliRun.of("check", dir.resolve("nope.py").toString(), good.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(dir.resolve("nope.py") + ": error: no such file or directory\n", run.err());
        assertTrue(run.out().contains("Found 1 finding in 1 file (1 file checked). 1 file could not be checked."),
                run::toString);
    }

    @Test
    void noPythonFilesIsAWarningNotAnError() {
        CliRun run = CliRun.of("check", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("warning: no Python files found under the given paths\n", run.err());
    }

    @Test
    void usageErrorsExitTwoWithAShortMessage() {
        CliRun format = CliRun.of("check", "--format", "xml", dir.toString());
        assertEquals(2, format.exitCode());
        assertTrue(format.err().startsWith("memlint: error: Invalid value for option '--format': 'xml'"), format::toString);
        assertTrue(format.err().lines().count() <= 3, "no wall of help text: " + format.err());

        CliRun version = CliRun.of("check", "--target-version", "3.7");
        assertEquals(2, version.exitCode());
        assertTrue(version.err().contains("expected one of 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14"), version::toString);

        CliRun unknown = CliRun.of("chek");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("Did you mean: memlint check?"), unknown::toString);

        CliRun none = CliRun.of();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("Usage: memlint"), none::toString);
    }

    @Test
    void versionAndHelpExitZero() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("memlint \\d+\\.\\d+\\.\\d+.*\n"), version::toString);
        CliRun help = CliRun.of("check", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--target-version") && help.out().contains("Exit codes:"), help::toString);
    }

    @Test
    void outputNeverOverwritesAFileBeingChecked() throws IOException {
        String source = "def f(rows):\n    return sum([len(r) for r in rows])\n";
        Path a = write("src/a.py", source);
        Path link = dir.resolve("report.txt");
        Files.createSymbolicLink(link, a);
        for (String[] args : new String[][] {
                {"-o", a.toString(), a.toString()},
                {"--output", a.toString(), dir.toString()},
                {"--output", link.toString(), dir.resolve("src").toString()},
                {"--write-baseline", a.toString(), dir.toString()}}) {
            String[] full = new String[args.length + 1];
            full[0] = "check";
            System.arraycopy(args, 0, full, 1, args.length);
            CliRun run = CliRun.of(full);
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains("is one of the files to check; refusing to overwrite it"), run::toString);
            assertEquals("", run.out(), run::toString);
            assertEquals(source, Files.readString(a), "the source is intact");
        }

        Path report = write("out/report.txt", "an old report\n");
        CliRun overwrite = CliRun.of("check", "--extend-select", "MEM3", "--format", "concise", "-o", report.toString(), dir.resolve("src").toString());
        assertEquals(1, overwrite.exitCode(), overwrite::toString);
        assertTrue(Files.readString(report).startsWith(a + ":2:16: MEM301"), Files.readString(report));
    }
}
