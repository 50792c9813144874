package dev.memlint.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * FIFOs and devices where Python files are expected: a walk skips them, naming one is an error for
 * that file, and nothing ever opens them (a FIFO blocks the opener, /dev/zero never ends).
 */
// A hang guard, not a speed goal: opening a FIFO blocks in a native call that no interrupt ends.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecialFilesTest {
    @TempDir
    Path dir;

    private final List<Path> links = new ArrayList<>();

    /** Removed here, so that the temporary directory's clean-up does not warn about links leading out of it. */
    @AfterEach
    void removeLinks() throws IOException {
        for (Path link : links) Files.deleteIfExists(link);
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo command to make a FIFO with: " + e.getMessage());
            throw e;
        }
        String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo could not make a FIFO here: " + output);
        assertTrue(Files.readAttributes(path, BasicFileAttributes.class).isOther(), "mkfifo made a FIFO");
        return path;
    }

    private Path linkToDevZero(String name) throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        Path link = dir.resolve(name);
        Files.createDirectories(link.getParent());
        links.add(Files.createSymbolicLink(link, zero));
        return link;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void walkSkipsFifosAndDevicesSilently() throws Exception {
        fifo("pkg/pipe.py");
        linkToDevZero("pkg/zero.py");
        Path broken = write("pkg/broken.py", "(\n");
        CliRun run = CliRun.of("check", "--color=never", dir.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.err());
        assertTrue(run.out().startsWith(broken + ":1:1: MEM001 error: '(' was never closed"), run::toString);
        assertTrue(run.out().endsWith("Found 1 finding in 1 file (1 file checked).\n"), run::toString);
    }

    @Test
    void namedFifoAndDeviceAreErrorsAndTheOtherFilesAreChecked() throws Exception {
        Path pipe = fifo("pipe.py");
        Path zero = linkToDevZero("zero.py");
        Path broken = write("broken.py", "(\n");
        CliRun run = CliRun.of("check", "--color=never", pipe.toString(), zero.toString(), broken.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(pipe + ": error: not a regular file (FIFO)\n"
                + zero + ": error: not a regular file (character device)\n", run.err());
        assertTrue(run.out().startsWith(broken + ":1:1: MEM001 error: '(' was never closed"), run::toString);
        assertTrue(run.out().endsWith("(1 file checked). 2 files could not be checked.\n"), run::toString);
    }

    @Test
    void astRefusesFifosDevicesAndDirectories() throws Exception {
        Path pipe = fifo("pipe.py");
        Path zero = linkToDevZero("zero.py");
        Path folder = Files.createDirectory(dir.resolve("folder.py"));
        String[][] cases = {{pipe.toString(), "FIFO"}, {zero.toString(), "character device"},
                {folder.toString(), "directory"}};
        for (String[] c : cases) {
            CliRun run = CliRun.of("ast", c[0]);
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("", run.out());
            assertEquals(c[0] + ": error: not a regular file (" + c[1] + ")\n", run.err());
        }
    }

    @Test
    void estimateRefusesFifosAndDevicesAndEstimatesTheOtherFiles() throws Exception {
        Path pipe = fifo("pipe.py");
        Path zero = linkToDevZero("zero.py");
        Path ok = write("ok.py", "def grow(n):\n    return [0] * n\n");
        CliRun run = CliRun.of("estimate", pipe.toString(), ok.toString(), zero.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(pipe + ": error: not a regular file (FIFO)\n"
                + zero + ": error: not a regular file (character device)\n", run.err());
        assertTrue(run.out().startsWith(ok + ":1: grow\n    peak      8·n bytes"), run::toString);
    }
}
