package dev.memlint.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the `memlint` launcher the ways a user does, in a fresh copy (the launcher and the built
 * jar, nothing else): help first, a bad option first, then checks. The launcher records a class
 * archive on first use; a bad archive once made every later JVM crash (SIGSEGV, exit 134).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard: each run is a fresh JVM or two
class LauncherIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path temp;
    private Path copy;
    private Path work;
    private Path tmpdir;

    @BeforeEach
    void freshCopy() throws IOException {
        Path jar = PROJECT.resolve("target/memlint.jar");
        assumeTrue(Files.isRegularFile(jar), "target/memlint.jar is not built: the launcher test runs after `package`");
        copy = Files.createDirectories(temp.resolve("memlint"));
        Files.copy(PROJECT.resolve("memlint"), copy.resolve("memlint"));
        Files.createDirectories(copy.resolve("target"));
        Files.copy(jar, copy.resolve("target/memlint.jar"));
        work = Files.createDirectories(temp.resolve("project"));
        Files.writeString(work.resolve("report.py"), """
                def render(rows):
                    out = ""
                    for row in rows:
                        out = out + f"{row}" + "\\n"
                    return out
                """);
        tmpdir = Files.createDirectories(temp.resolve("tmp"));
    }

    @Test
    void helpFirstThenEverythingWorks() throws Exception {
        assertEquals(0, run("check", "--help").exitCode());
        assertUsable();
    }

    @Test
    void badOptionFirstThenEverythingWorks() throws Exception {
        MemlintProcess bad = run("check", "--target-version", "9.9", "report.py");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("'9.9' is not a supported Python version"), bad.toString());
        assertUsable();
    }

    @Test
    void checkFirstThenEverythingWorks() throws Exception {
        assertFinding(run("check", "--extend-select", "MEM2", "report.py"));
        assertUsable();
    }

    @Test
    void damagedArchiveIsIgnoredNotCrashedOn() throws Exception {
        assertEquals(0, run("--version").exitCode());
        Path archive = copy.resolve("target/memlint.jsa");
        assertTrue(Files.isRegularFile(archive), "the first run records the archive");
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 4096; i++) bytes[i] ^= 0x5a;
        Files.write(archive, bytes);
        assertUsable();
        assertFalse(java.util.Arrays.equals(bytes, Files.readAllBytes(archive)),
                "its checksum did not match: the archive was recorded again");
    }

    @Test
    void archiveOfAnOlderJarIsRecordedAgain() throws Exception {
        assertEquals(0, run("--version").exitCode());
        Path archive = copy.resolve("target/memlint.jsa");
        FileTime recorded = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(copy.resolve("target/memlint.jar"), FileTime.fromMillis(recorded.toMillis() + 10_000));
        assertUsable();
        assertTrue(Files.getLastModifiedTime(archive).compareTo(recorded) > 0, "a new archive was recorded");
    }

    /**
     * As the README's Install section says: a link to the launcher in a directory on PATH. The
     * launcher finds its checkout through a relative link, an absolute one and a chain of both,
     * and builds nothing next to the links.
     */
    @Test
    void worksThroughSymlinksOnPath() throws Exception {
        Path launcher = copy.resolve("memlint");
        assertTrue(launcher.toFile().setExecutable(true));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path tools = Files.createDirectories(temp.resolve("tools"));
        Files.createSymbolicLink(bin.resolve("memlint"), bin.relativize(launcher)); // ../memlint/memlint
        Files.createSymbolicLink(tools.resolve("ml-absolute"), launcher);
        Files.createSymbolicLink(bin.resolve("ml-chain"), Path.of("../tools/ml-absolute"));
        Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        for (String name : List.of("memlint", "ml-chain")) {
            List<String> byName = List.of("bash", "-c", "exec \"$0\" \"$@\"", name); // found on PATH, as a shell does
            assertFinding(runCommand(byName, path, "check", "--extend-select", "MEM2", "report.py"));
            MemlintProcess version = runCommand(byName, path, "--version");
            assertEquals(0, version.exitCode(), version.toString());
            assertTrue(version.out().startsWith("memlint "), version.toString());
        }
        assertFalse(Files.exists(bin.resolve("target")) || Files.exists(tools.resolve("target")),
                "the jar and its archive stay in the checkout");
    }

    /**
     * Under LC_ALL=C a JVM decodes file names and arguments as ASCII, so a non-ASCII name could not be
     * opened, named or walked; a backslash is a character of a name here, not a separator. The names
     * are made and passed by bash with printf escapes, so that this test does not depend on the
     * locale of the JVM that runs it.
     */
    @Test
    void nonAsciiAndBackslashNamesWorkUnderTheCLocale() throws Exception {
        Path launcher = copy.resolve("memlint");
        String script = """
                cd "$1" || exit 99
                for name in "$(printf 'caf\\303\\251.py')" "$(printf '\\346\\227\\245\\346\\234\\254.py')" 'back\\slash.py'; do
                  cp report.py "$name"
                done
                shift
                exec bash "$@"
                """;
        Map<String, String> cLocale = Map.of("LC_ALL", "C");
        MemlintProcess walk = runCommand(List.of("bash", "-c", script, "setup", work.toString(), launcher.toString()), cLocale,
                "check", "--extend-select", "MEM2", "--format", "concise", ".");
        assertEquals(1, walk.exitCode(), walk.toString());
        for (String name : List.of("café.py", "日本.py", "back\\slash.py", "report.py")) {
            assertTrue(walk.out().contains("\n" + name + ":4:9: MEM201") || walk.out().startsWith(name + ":4:9: MEM201"),
                    name + ": " + walk);
        }
        assertTrue(walk.out().endsWith("Found 4 findings in 4 files (4 files checked).\n"), walk.toString());

        String named = "cd \"$1\" && exec bash \"$2\" check --extend-select MEM2 --format json \"$(printf 'caf\\303\\251.py')\" 'back\\slash.py'";
        MemlintProcess json = runCommand(List.of("bash", "-c", named, "named", work.toString(), launcher.toString()), cLocale);
        assertEquals(1, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"path\" : \"café.py\""), json.toString());
        assertTrue(json.out().contains("\"path\" : \"back\\\\slash.py\""), "JSON escapes the backslash: " + json);
        assertEquals("", json.err(), json.toString());
    }

    /** The commands that crashed on a bad archive, then a check; no JVM error report anywhere. */
    private void assertUsable() throws Exception {
        assertEquals(0, run("check", "--help").exitCode());
        assertEquals(0, run("ast", "--help").exitCode());
        MemlintProcess bad = run("check", "--target-version", "9.9", "report.py");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertFinding(run("check", "--extend-select", "MEM2", "report.py"));
        assertTrue(Files.isRegularFile(copy.resolve("target/memlint.jsa")), "the class archive is kept");
        for (Path dir : List.of(work, tmpdir, copy)) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> reports = files.filter(p -> p.getFileName().toString().contains("hs_err")).toList();
                assertTrue(reports.isEmpty(), "JVM error reports: " + reports);
            }
        }
    }

    private static void assertFinding(MemlintProcess check) {
        assertEquals(1, check.exitCode(), check.toString());
        assertTrue(check.out().contains("report.py:4:9: MEM201"), check.toString());
        assertFalse(check.err().contains("fatal error"), check.toString());
    }

    private MemlintProcess run(String... args) throws IOException, InterruptedException {
        return runCommand(List.of("bash", copy.resolve("memlint").toString()), Map.of(), args);
    }

    /** Runs launcher (a command line that starts it) with these environment variables set too. */
    private MemlintProcess runCommand(List<String> launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("TMPDIR", tmpdir.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return MemlintProcess.of(builder, new byte[0]);
    }
}
