package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MEM503's advice follows the oldest Python the project supports: --target-version, else
 * requires-python of its pyproject.toml, else 3.8. slots=True is a TypeError before 3.10.
 */
class LowestPythonTest {
    @TempDir
    Path dir;

    private static final String CODE = """
            from dataclasses import dataclass


            @dataclass
            class Span:
                start: int
                end: int


            def spans(rows):
                return [Span(a, b) for a, b in rows]
            """;

    private String check(String... options) throws IOException {
        Path f = dir.resolve("pkg/spans.py");
        Files.createDirectories(f.getParent());
        Files.writeString(f, CODE);
        String[] args = new String[options.length + 4];
        args[0] = "check";
        args[1] = "--select";
        args[2] = "MEM503";
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = f.toString();
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), run.toString());
        return run.out();
    }

    @Test
    void withoutAnyVersionTheAdviceWorksOn38() throws IOException {
        String out = check();
        assertTrue(out.contains("`__slots__ = (\"start\", \"end\")`") && !out.contains("slots=True"), out);
    }

    @Test
    void requiresPythonFromPyprojectDecides() throws IOException {
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"p\"\nrequires-python = \">=3.10\"\n");
        String out = check();
        assertTrue(out.contains("`@dataclass(slots=True)`"), out);
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"p\"\nrequires-python = \">=3.8,<4\"\n"
                + "[tool.memlint]\nselect = [\"MEM5\"]\n");
        assertTrue(check().contains("`__slots__ = (\"start\", \"end\")`"));
    }

    @Test
    void theTargetVersionWins() throws IOException {
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"p\"\nrequires-python = \">=3.8\"\n");
        assertTrue(check("--target-version", "3.11").contains("`@dataclass(slots=True)`"));
    }
}
