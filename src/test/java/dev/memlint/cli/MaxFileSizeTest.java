package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * max-file-size: a larger file is reported, never read, in check (option or configuration), ast
 * and estimate. The large files here are sparse: their size is set, their blocks never written.
 */
class MaxFileSizeTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** A file of that many bytes that takes no disk space (and would be NUL bytes if it were read). */
    private Path sparse(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    @Test
    void checkRefusesFilesOver20MegabytesByDefault() throws IOException {
        Path big = sparse("big.py", (20L << 20) + 1);
        write("ok.py", "x = 1\n");
        CliRun run = CliRun.of("check", dir.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(big + ": error: file is larger than max-file-size (20971521 bytes > 20971520 bytes)\n", run.err());
        assertEquals("No findings (1 file checked). 1 file could not be checked.\n", run.out());
    }

    @Test
    void theLimitItselfIsAllowed() throws IOException {
        Path ten = write("ten.py", "x = 12345\n");
        Path eleven = write("eleven.py", "x = 123456\n");
        CliRun run = CliRun.of("check", "--max-file-size", "10", ten.toString(), eleven.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(eleven + ": error: file is larger than max-file-size (11 bytes > 10 bytes)\n", run.err());
        assertTrue(run.out().contains("(1 file checked). 1 file could not be checked."), run::toString);
    }

    @Test
    void pyprojectSetsTheLimitAndTheOptionOverridesIt() throws IOException {
        write("pyproject.toml", "[tool.memlint]\nmax-file-size = \"1K\"\n");
        write("small.py", "x = 1\n");
        Path big = write("big.py", "x = 1\n".repeat(200));
        CliRun configured = CliRun.of("check", dir.toString());
        assertEquals(2, configured.exitCode(), configured::toString);
        assertEquals(big + ": error: file is larger than max-file-size (1200 bytes > 1024 bytes)\n", configured.err());

        CliRun overridden = CliRun.of("check", "--max-file-size", "2k", dir.toString());
        assertEquals(0, overridden.exitCode(), overridden::toString);
        assertEquals("All checks passed (2 files checked).\n", overridden.out());

        write("pyproject.toml", "[tool.memlint]\nmax-file-size = 1199\n");
        CliRun bytes = CliRun.of("check", dir.toString());
        assertEquals(big + ": error: file is larger than max-file-size (1200 bytes > 1199 bytes)\n", bytes.err());
    }

    @Test
    void aBadSizeIsAUsageError() throws IOException {
        Path config = write("pyproject.toml", "[tool.memlint]\nmax-file-size = \"20 MB\"\n");
        write("a.py", "x = 1\n");
        CliRun fromFile = CliRun.of("check", dir.toString());
        assertEquals(2, fromFile.exitCode(), fromFile::toString);
        assertEquals("memlint: error: " + config + ": 'tool.memlint.max-file-size': expected a number of bytes,"
                + " optionally with a K, M or G suffix (K = 1024), got '20 MB'\n", fromFile.err());

        write("pyproject.toml", "[tool.memlint]\nmax-file-size = -1\n");
        CliRun negative = CliRun.of("check", dir.toString());
        assertEquals(2, negative.exitCode(), negative::toString);
        assertTrue(negative.err().contains("'tool.memlint.max-file-size': expected a number of bytes or a string"
                + " such as \"20M\", got -1"), negative::toString);

        for (String command : new String[] {"check", "ast", "estimate"}) {
            CliRun option = CliRun.of(command, "--max-file-size", "lots", dir.resolve("a.py").toString());
            assertEquals(2, option.exitCode(), option::toString);
            assertTrue(option.err().startsWith("memlint: error: Invalid value for option '--max-file-size': expected"
                    + " a number of bytes"), option::toString);
        }
    }

    @Test
    void astAndEstimateHaveTheSameLimit() throws IOException {
        Path big = sparse("big.py", (20L << 20) + 1);
        Path small = write("small.py", "def grow(n):\n    return [0] * n\n");
        String refused = ": error: file is larger than max-file-size (20971521 bytes > 20971520 bytes)\n";

        CliRun ast = CliRun.of("ast", big.toString());
        assertEquals(2, ast.exitCode(), ast::toString);
        assertEquals(big + refused, ast.err());
        CliRun astSmall = CliRun.of("ast", "--max-file-size", "31", small.toString());
        assertEquals(small + ": error: file is larger than max-file-size (32 bytes > 31 bytes)\n", astSmall.err());

        CliRun estimate = CliRun.of("estimate", big.toString(), small.toString());
        assertEquals(2, estimate.exitCode(), estimate::toString);
        assertEquals(big + refused, estimate.err());
        assertTrue(estimate.out().startsWith(small + ":1: grow\n"), estimate::toString);
    }

    @Test
    void overTwoGigabytesIsTooLargeToReadWhateverTheLimit() throws IOException {
        Path huge = sparse("huge.py", 3L << 30);
        String tooLarge = ": error: file is too large to read (3221225472 bytes > 2147483639 bytes)\n";
        CliRun ast = CliRun.of("ast", "--max-file-size", "4G", huge.toString());
        assertEquals(2, ast.exitCode(), ast::toString);
        assertEquals(huge + tooLarge, ast.err());
        CliRun check = CliRun.of("check", "--max-file-size", "4G", huge.toString());
        assertEquals(2, check.exitCode(), check::toString);
        assertEquals(huge + tooLarge, check.err());
    }
}
