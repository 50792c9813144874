package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration, selection, suppression and --fix through the real `memlint check`. */
class CheckConfigTest {
    @TempDir
    Path dir;

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

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void rulesRunAndNoqaSuppresses() throws IOException {
        Path f = write("a.py", CODE.replace("out = r + out", "out = r + out  # noqa: MEM201"));
        CliRun run = CliRun.of("check", "--format", "json", "--extend-select", "MEM2,MEM3", f.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("MEM301") && run.out().contains("MEM302"), run.toString());
        assertTrue(!run.out().contains("MEM201"), run.toString());
    }

    @Test
    void pyprojectSelectsAndTheCommandLineOverrides() throws IOException {
        write("pyproject.toml", "[tool.memlint]\nselect = [\"MEM2\"]\n");
        Path f = write("pkg/a.py", CODE);
        CliRun fromFile = CliRun.of("check", "--format", "json", f.toString());
        assertTrue(fromFile.out().contains("MEM201") && !fromFile.out().contains("MEM301"), fromFile.toString());
        CliRun cli = CliRun.of("check", "--format", "json", "--select", "MEM3", "--ignore", "MEM302", f.toString());
        assertTrue(cli.out().contains("MEM301") && !cli.out().contains("MEM201") && !cli.out().contains("MEM302"),
                cli.toString());
    }

    @Test
    void badConfigurationIsAnErrorNamingTheKey() throws IOException {
        write("pyproject.toml", "[tool.memlint]\nselect = [\"MEM2\"]\nper-file-ignore = {}\n");
        Path f = write("a.py", CODE);
        CliRun run = CliRun.of("check", f.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'tool.memlint.per-file-ignore'"), run.toString());
        CliRun bad = CliRun.of("check", "--select", "E501", "--config", dir.resolve("none.toml").toString(), f.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
    }

    /** A malformed per-file-ignores glob once failed every file; now the run stops before it starts. */
    @Test
    void aMalformedGlobInTheConfigurationStopsTheRunWithOneMessage() throws IOException {
        write("pyproject.toml", "[tool.memlint]\n[tool.memlint.per-file-ignores]\n\"tests/[\" = [\"MEM3\"]\n");
        write("a.py", CODE);
        write("b.py", CODE);
        CliRun run = CliRun.of("check", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertEquals("memlint: error: " + dir.resolve("pyproject.toml") + ": 'tool.memlint.per-file-ignores' has an "
                + "invalid glob \"tests/[\": unclosed '[' at character 7\n", run.err(), run.toString());
    }

    /** java.nio's backtracking matcher took hours on this; a hang guard, not a speed goal. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPathologicalGlobOnALongFileNameFinishes() throws IOException {
        write("pyproject.toml", """
                [tool.memlint]
                extend-exclude = ["*a*a*a*a*a*a*a*a*b"]
                [tool.memlint.per-file-ignores]
                "*a*a*a*a*a*a*a*a*c" = ["MEM3"]
                """);
        write("src/" + "a".repeat(240) + ".py", CODE);
        CliRun run = CliRun.of("check", "--format", "json", "--extend-select", "MEM2,MEM3", "--exclude", "*a*a*a*a*a*a*a*a*d", dir.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("MEM301"), run.toString());
    }

    @Test
    void perFileIgnoresAndExcludesApply() throws IOException {
        write("pyproject.toml", """
                [tool.memlint]
                extend-exclude = ["generated"]
                [tool.memlint.per-file-ignores]
                "scripts/*" = ["MEM3"]
                """);
        write("generated/g.py", CODE);
        Path t = write("scripts/t.py", CODE);
        CliRun run = CliRun.of("check", "--format", "json", "--extend-select", "MEM2,MEM3", dir.toString());
        assertTrue(!run.out().contains("g.py"), run.toString());
        assertTrue(run.out().contains("t.py") && run.out().contains("MEM201") && !run.out().contains("MEM301"),
                run.toString());
    }

    @Test
    void fixAppliesSafeFixesAndUnsafeOnesOnRequest() throws IOException {
        Path f = write("a.py", CODE.replace("sum(", "any("));
        CliRun safe = CliRun.of("check", "--fix", "--extend-select", "MEM2,MEM3", f.toString());
        String afterSafe = Files.readString(f);
        assertTrue(afterSafe.contains("for i in range(n):"), afterSafe);
        assertTrue(afterSafe.contains("any([len(r) for r in rows])"), afterSafe);
        assertTrue(safe.err().contains("applied 1 fix"), safe.toString());
        CliRun unsafe = CliRun.of("check", "--fix", "--unsafe-fixes", "--extend-select", "MEM2,MEM3", f.toString());
        assertTrue(Files.readString(f).contains("any(len(r) for r in rows)"), Files.readString(f));
        assertEquals(1, unsafe.exitCode(), "the MEM201 finding has no fix and remains: " + unsafe);
    }
}
