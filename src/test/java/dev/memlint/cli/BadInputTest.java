package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Hostile and broken input through the real command line: a clear diagnostic, never a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs `memlint check --format json` and returns the single finding, checking the run is sane. */
    private JsonNode onlyFinding(Path file) throws IOException {
        CliRun run = CliRun.of("check", "--format=json", file.toString());
        assertNoStackTrace(run);
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode findings = new ObjectMapper().readTree(run.out());
        assertEquals(1, findings.size(), run::toString);
        JsonNode f = findings.get(0);
        assertEquals("MEM001", f.get("code").asText());
        assertEquals(file.toString(), f.get("path").asText());
        assertTrue(f.get("line").asInt() >= 1 && f.get("column").asInt() >= 1, f::toString);
        return f;
    }

    private static void assertNoStackTrace(CliRun run) {
        String all = run.out() + run.err();
        assertFalse(all.contains("\tat ") || all.contains("Exception") || all.contains("Error:"), run::toString);
    }

    @Test
    void invalidUtf8IsASyntaxErrorOnItsLine() throws IOException {
        JsonNode f = onlyFinding(write("bad.py", new byte[] {'x', '=', '1', '\n', (byte) 0xff, ' ', '=', ' ', '2', '\n'}));
        assertEquals(2, f.get("line").asInt(), f::toString);
        assertTrue(f.get("message").asText().toLowerCase().contains("utf-8"), f::toString);
    }

    @Test
    void invalidUtf8InsideAStringLiteral() throws IOException {
        JsonNode f = onlyFinding(write("bad.py", new byte[] {'x', '=', '1', '\n', 'y', '=', '"', (byte) 0xc3, '"', '\n'}));
        assertEquals(2, f.get("line").asInt(), f::toString);
        assertTrue(f.get("message").asText().toLowerCase().contains("utf-8"), f::toString);
    }

    @Test
    void nulByteIsReportedWhereItIs() throws IOException {
        JsonNode f = onlyFinding(write("nul.py", "x = 1\ny = 2\0\n"));
        assertEquals(2, f.get("line").asInt(), f::toString);
        assertEquals("source code cannot contain null bytes", f.get("message").asText());
    }

    @Test
    void binaryFileGetsOneDiagnosticAndAHarmlessSnippet() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Path file = write("image.py", noise);
        onlyFinding(file);
        CliRun text = CliRun.of("check", "--color=never", file.toString());
        assertNoStackTrace(text);
        assertEquals(1, text.exitCode(), text::toString);
        assertTrue(text.out().chars().noneMatch(c -> c < 0x20 && c != '\n'), "no control characters reach the terminal");
        assertTrue(text.out().length() < 2_000, "no wall of binary: " + text.out().length());
    }

    @Test
    void tenMegabyteOneLineFile() throws IOException {
        String literal = "x".repeat(10 << 20);
        Path valid = write("big.py", "s = '" + literal + "'\n");
        CliRun run = CliRun.of("check", valid.toString());
        assertNoStackTrace(run);
        assertEquals(0, run.exitCode(), run::toString);

        Path unterminated = write("big_bad.py", "s = '" + literal + "\n");
        JsonNode f = onlyFinding(unterminated);
        assertEquals(1, f.get("line").asInt());
        assertEquals(5, f.get("column").asInt());
        assertTrue(f.get("message").asText().startsWith("unterminated string literal"), f::toString);
        CliRun text = CliRun.of("check", "--color=never", unterminated.toString());
        assertTrue(text.out().length() < 2_000, "the snippet is a window, not 10 MB");
    }

    @Test
    void hundredThousandNestedParentheses() throws IOException {
        Path file = write("deep.py", "x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n");
        JsonNode f = onlyFinding(file);
        assertEquals("too many nested parentheses", f.get("message").asText());
        assertEquals(1, f.get("line").asInt());
        assertEquals(205, f.get("column").asInt(), "CPython stops at the 201st parenthesis");
    }

    @Test
    void fiveThousandNestedBlocks() throws IOException {
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < 5000; i++) source.append(" ".repeat(i)).append("if x:\n");
        source.append(" ".repeat(5000)).append("pass\n");
        JsonNode f = onlyFinding(write("blocks.py", source.toString()));
        assertEquals("too many levels of indentation", f.get("message").asText());
        assertEquals(101, f.get("line").asInt(), "CPython's tokenizer allows 100 levels");
    }

    @Test
    void emptyAndBlankFilesAreClean() throws IOException {
        write("empty.py", new byte[0]);
        write("bom.py", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        write("blank.py", "\n\n   \n");
        write("comment.py", "# nothing here");
        CliRun run = CliRun.of("check", dir.toString());
        assertNoStackTrace(run);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("All checks passed (4 files checked).\n", run.out());
    }

    @Test
    void fileThatVanishedIsReportedAndTheRestChecked() throws IOException {
        write("a.py", "(\n");
        Files.createSymbolicLink(dir.resolve("gone.py"), dir.resolve("deleted-meanwhile.py"));
        CliRun run = CliRun.of("check", "--color=never", dir.toString());
        assertNoStackTrace(run);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(dir.resolve("gone.py") + ": error: cannot read: no such file or directory\n", run.err());
        assertTrue(run.out().startsWith(dir.resolve("a.py") + ":1:1: MEM001 error: '(' was never closed"), run::toString);
        assertTrue(run.out().endsWith("Found 1 finding in 1 file (1 file checked). 1 file could not be checked.\n"),
                run::toString);
    }

    @Test
    void unreadableFileAndDirectory() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root, which reads files and directories whatever their permissions");
        Path file = write("secret.py", "x = 1\n");
        Path closed = write("closed/inner.py", "x = 1\n").getParent();
        write("ok.py", "x = 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        try {
            CliRun run = CliRun.of("check", dir.toString());
            assertNoStackTrace(run);
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(closed + ": error: cannot read directory: permission denied\n"
                    + file + ": error: cannot read: permission denied\n", run.err());
            assertTrue(run.out().contains("(1 file checked). 2 files could not be checked."), run::toString);
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void symlinkLoopsEndAndEachFileIsCheckedOnce() throws IOException {
        write("pkg/a.py", "x = 1\n");
        Files.createSymbolicLink(dir.resolve("pkg/again"), dir);
        Files.createSymbolicLink(dir.resolve("pkg/up"), Path.of(".."));
        CliRun run = CliRun.of("check", dir.toString());
        assertNoStackTrace(run);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("All checks passed (1 file checked).\n", run.out());
        assertEquals("", run.err());
    }
}
