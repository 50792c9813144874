package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AstCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheTreeInCPythonsVocabulary() throws IOException {
        Path file = Files.writeString(dir.resolve("a.py"), "x = [1]\n");
        CliRun run = CliRun.of("ast", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode module = new ObjectMapper().readTree(run.out());
        assertEquals("Module", module.get("_type").asText());
        JsonNode assign = module.get("body").get(0);
        assertEquals("Assign", assign.get("_type").asText());
        assertEquals("Name", assign.get("targets").get(0).get("_type").asText());
        assertEquals("List", assign.get("value").get("_type").asText());
        assertEquals(4, assign.get("value").get("col_offset").asInt());
    }

    @Test
    void deeplyNestedTreeIsPrintedWithoutOverflow() throws IOException {
        // 180 levels: under CPython's limit of 200 nested parentheses, deep for a recursive walk.
        Path file = Files.writeString(dir.resolve("deep.py"), "x = " + "[".repeat(180) + "]".repeat(180) + "\n");
        CliRun run = CliRun.of("ast", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("{\"_type\":\"Module\""), run::toString);
    }

    @Test
    void syntaxErrorIsOneLineOnStderr() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.py"), "def f(:\n");
        CliRun run = CliRun.of("ast", file.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertEquals(file + ":1:7: SyntaxError: invalid syntax\n", run.err());
    }

    @Test
    void targetVersionApplies() throws IOException {
        Path file = Files.writeString(dir.resolve("m.py"), "match x:\n    case 1:\n        pass\n");
        assertEquals(0, CliRun.of("ast", "--target-version", "3.10", file.toString()).exitCode());
        assertEquals(1, CliRun.of("ast", "--target-version", "3.9", file.toString()).exitCode());
    }

    @Test
    void missingFileIsAnError() {
        CliRun run = CliRun.of("ast", dir.resolve("nope.py").toString());
        assertEquals(2, run.exitCode());
        assertEquals(dir.resolve("nope.py") + ": error: cannot read: no such file or directory\n", run.err());
    }
}
