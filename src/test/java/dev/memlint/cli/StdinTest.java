package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `memlint check - --stdin-filename PATH`: the source on standard input, named and configured as PATH. */
class StdinTest {
    @TempDir
    Path dir;

    /** MEM201 on line 4, MEM301 on line 5, MEM604 (a lifetime rule) on line 1. */
    private static final String SOURCE = """
            def render(rows, seen=[]):
                out = ""
                for row in rows:
                    out = out + f"{row}" + "\\n"
                seen.append(sum([len(r) for r in rows]))
                return out
            """;

    @Test
    void findingsNameTheStdinFilename() throws Exception {
        MemlintProcess run = MemlintProcess.withInput(SOURCE, dir, "check", "--extend-select", "MEM2,MEM3", "--format", "concise", "-",
                "--stdin-filename", "app/render.py");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of("app/render.py:1:23: MEM604", "app/render.py:4:9: MEM201", "app/render.py:5:21: MEM301"),
                run.out().lines().filter(l -> l.contains(": MEM")).map(l -> l.replaceFirst("^(\\S+ MEM\\d+).*", "$1")).toList(),
                run.toString());
        assertTrue(run.out().endsWith("(1 file checked).\n"), run.toString());
        assertFalse(Files.exists(dir.resolve("app")), "nothing is written");

        MemlintProcess plain = MemlintProcess.withInput("def f(:\n", dir, "check", "--extend-select", "MEM2,MEM3", "--format", "concise", "-");
        assertEquals(1, plain.exitCode(), plain.toString());
        assertTrue(plain.out().startsWith("-:1:"), "unnamed input is '-': " + plain);
        MemlintProcess noDash = MemlintProcess.withInput("def f(:\n", dir, "check", "--extend-select", "MEM2,MEM3", "--format", "concise",
                "--stdin-filename", "broken.py");
        assertTrue(noDash.out().startsWith("broken.py:1:") && noDash.out().contains("MEM001"), noDash.toString());
    }

    @Test
    void theConfigurationIsFoundFromTheStdinFilename() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("pyproject.toml"), """
                [tool.memlint]
                select = ["MEM2", "MEM6"]
                per-file-ignores = { "legacy/*" = ["MEM6"] }
                """);
        assertEquals(List.of("MEM604", "MEM201"), codes(MemlintProcess.withInput(SOURCE, dir,
                "check", "--format", "concise", "-", "--stdin-filename", "sub/render.py")));
        assertEquals(List.of("MEM201"), codes(MemlintProcess.withInput(SOURCE, dir,
                "check", "--format", "concise", "-", "--stdin-filename", "sub/legacy/render.py")));
        assertEquals(List.of("MEM604"), codes(MemlintProcess.withInput(SOURCE, dir,
                "check", "--format", "concise", "-", "--stdin-filename", "sub/tests/test_render.py")),
                "test code by its name");
        assertEquals(List.of("MEM604", "MEM201", "MEM301"), codes(MemlintProcess.withInput(SOURCE, sub,
                "check", "--extend-select", "MEM2,MEM3", "--format", "concise", "-", "--stdin-filename", dir.resolve("other/render.py").toString())),
                "the defaults where no configuration is above the name");
    }

    @Test
    void misuseIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("a.py"), "x = 1\n");
        MemlintProcess mixed = MemlintProcess.withInput(SOURCE, dir, "check", "--extend-select", "MEM2,MEM3", "-", "a.py");
        assertEquals(2, mixed.exitCode(), mixed.toString());
        assertTrue(mixed.err().contains("'-' (standard input) cannot be combined with other paths"), mixed.toString());
        MemlintProcess fix = MemlintProcess.withInput(SOURCE, dir, "check", "--extend-select", "MEM2,MEM3", "--fix", "-", "--stdin-filename", "a.py");
        assertEquals(2, fix.exitCode(), fix.toString());
        assertEquals("x = 1\n", Files.readString(dir.resolve("a.py")));
        MemlintProcess big = MemlintProcess.withInput(SOURCE, dir, "check", "--extend-select", "MEM2,MEM3", "--max-file-size", "10", "-");
        assertEquals(2, big.exitCode(), big.toString());
        assertTrue(big.err().contains("-: error: file is larger than max-file-size"), big.toString());
        MemlintProcess unused = MemlintProcess.withInput("", dir, "check", "--stdin-filename", "b.py", "a.py");
        assertEquals(0, unused.exitCode(), unused.toString());
        assertTrue(unused.err().contains("warning: --stdin-filename has no effect without '-'"), unused.toString());
    }

    private static List<String> codes(MemlintProcess run) {
        return run.out().lines().filter(l -> l.contains(": MEM")).map(l -> l.replaceFirst("^.*?: (MEM\\d+) .*", "$1"))
                .toList();
    }
}
