package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `memlint estimate` on the measured suite's modules, in both formats, with bindings and versions. */
class EstimateCommandTest {
    private static final String PEAKS = "testdata/memory/peaks.py";
    private static final String CYCLES = "testdata/memory/cycles.py";

    private static JsonNode function(JsonNode output, String qualname) {
        for (JsonNode f : output.get("functions")) {
            if (f.get("qualname").asText().equals(qualname)) {
                return f;
            }
        }
        throw new AssertionError("no entry for " + qualname + " in " + output);
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void boundPeakIsCPythonsListOfZeros() throws Exception {
        JsonNode out = json("estimate", "--format", "json", "--bind", "n=1000", PEAKS);
        assertEquals("3.12", out.get("python").asText());
        assertEquals("on", out.get("gc").asText());
        JsonNode zeros = function(out, "zeros");
        // [0] * n: 56 + 8·n, less the list object a warmed-up process takes from its free list;
        // CPython 3.12 measures 8,028 (tracemalloc's own 28 bytes included)
        assertEquals(8000, zeros.get("peakBytes").asLong(), zeros::toString);
        assertEquals("O(n)", zeros.get("growth").asText());
        assertEquals(false, zeros.get("cyclicGarbage").asBoolean());
    }

    @Test
    void unboundPeakHasNoValue() throws Exception {
        JsonNode zeros = function(json("estimate", "--format", "json", PEAKS), "zeros");
        assertTrue(zeros.get("peakBytes").isNull(), zeros::toString);
        assertTrue(zeros.get("peakFormula").asText().contains("n"), zeros::toString);
    }

    @Test
    void quadraticCopiesAreReported() throws Exception {
        JsonNode copies = function(json("estimate", "--format", "json", PEAKS), "quadratic_list_copies");
        assertTrue(copies.get("quadraticChurn").asBoolean(), copies::toString);
    }

    @Test
    void instanceSizesFollowThePythonVersion() throws Exception {
        // Two instances of a class with three attributes: 96 bytes each settled on 3.11 and 3.13, 88 on 3.12.
        long[] expected = {192, 176, 192};
        String[] versions = {"3.11", "3.12", "3.13"};
        for (int i = 0; i < versions.length; i++) {
            JsonNode out = json("estimate", "--format", "json", "--python", versions[i], CYCLES);
            assertEquals(versions[i], out.get("python").asText());
            assertEquals(expected[i], function(out, "doubly_linked_pair").get("peakBytes").asLong(), versions[i]);
        }
    }

    @Test
    void cyclesComeWithTheirSteps() throws Exception {
        JsonNode family = function(json("estimate", "--format", "json", CYCLES), "build_family");
        assertTrue(family.get("cyclicGarbage").asBoolean(), family::toString);
        assertTrue(family.get("cyclicObjects").asInt() >= 2, family::toString);
        JsonNode steps = family.get("cycles").get(0).get("steps");
        assertTrue(steps.size() > 0 && steps.get(0).get("line").asInt() > 0, family::toString);
        JsonNode detached = function(json("estimate", "--format", "json", CYCLES), "build_family_detached");
        assertEquals(false, detached.get("cyclicGarbage").asBoolean(), detached::toString);
    }

    @Test
    void textFormatShowsValuesCyclesAndTheCollectorAssumption() {
        CliRun run = CliRun.of("estimate", "--bind", "n=1000", PEAKS, CYCLES);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains(PEAKS + ":30: zeros\n    peak      8·n bytes = 8,000   growth O(n)"), run::toString);
        assertTrue(run.out().contains("build_family\n"), run::toString);
        assertTrue(run.out().contains("    cycle     "), run::toString);
        assertTrue(run.out().contains("cyclic garbage collector on: "), run::toString);
    }

    @Test
    void collectorModeCapsOrKeepsTheGarbageALoopLeaves(@TempDir Path dir) throws Exception {
        // each iteration drops a node that refers to itself: garbage only the collector frees
        Path file = dir.resolve("churn.py");
        Files.writeString(file, """
                class Node:
                    def __init__(self, name):
                        self.name = name
                        self.me = self


                def churn_nodes(n):
                    total = 0
                    for i in range(n):
                        node = Node(f"node {i}")
                        total += len(node.name)
                    return total
                """);
        JsonNode on = json("estimate", "--format", "json", "--bind", "n=100000", file.toString());
        JsonNode off = json("estimate", "--format", "json", "--gc", "off", "--bind", "n=100000", file.toString());
        assertEquals("on", on.get("gc").asText());
        assertEquals("off", off.get("gc").asText());
        JsonNode capped = function(on, "churn_nodes"), kept = function(off, "churn_nodes");
        // CPython 3.12 measures 97,795 bytes with the collector on and 13,089,082 with it off
        assertTrue(capped.get("peakBytes").asLong() > 50_000 && capped.get("peakBytes").asLong() < 200_000, capped::toString);
        assertEquals("O(1)", capped.get("growth").asText(), capped::toString);
        assertTrue(kept.get("peakBytes").asLong() > 6_500_000 && kept.get("peakBytes").asLong() < 26_000_000, kept::toString);
        assertEquals("O(n)", kept.get("growth").asText(), kept::toString);
        CliRun text = CliRun.of("estimate", "--gc", "off", file.toString());
        assertTrue(text.out().contains("cyclic garbage collector off: cyclic garbage stays until the call returns"), text::toString);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, CliRun.of("estimate", "--gc", "maybe", PEAKS).exitCode());
        assertEquals(2, CliRun.of("estimate", "--python", "3.9", PEAKS).exitCode());
        assertEquals(2, CliRun.of("estimate", "--bind", "n", PEAKS).exitCode());
        assertEquals(2, CliRun.of("estimate", "--format", "xml", PEAKS).exitCode());
    }

    @Test
    void directoriesAreWalkedAsCheckWalksThem(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pkg/sub"));
        Files.createDirectories(dir.resolve("pkg/__pycache__"));
        Files.createDirectories(dir.resolve("pkg/.git"));
        Files.writeString(dir.resolve("pkg/b.py"), "def b(n):\n    return [0] * n\n");
        Files.writeString(dir.resolve("pkg/a.py"), "def a(n):\n    return [0] * n\n");
        Files.writeString(dir.resolve("pkg/sub/c.py"), "def c(n):\n    return [0] * n\n");
        Files.writeString(dir.resolve("pkg/__pycache__/d.py"), "def d(n):\n    return [0] * n\n");
        Files.writeString(dir.resolve("pkg/generated.py"), "def e(n):\n    return [0] * n\n");
        Files.writeString(dir.resolve("pkg/.gitignore"), "generated.py\n");
        Files.writeString(dir.resolve("pkg/notes.txt"), "def f(n): pass\n");
        Files.writeString(dir.resolve("last.py"), "def last():\n    return []\n");
        JsonNode out = json("estimate", "--format", "json", dir.resolve("last.py").toString(), dir.resolve("pkg").toString());
        StringBuilder seen = new StringBuilder();
        for (JsonNode f : out.get("functions")) {
            seen.append(f.get("qualname").asText()).append(' ');
        }
        // named paths in the order given, a directory's files by name; __pycache__, git's own and ignored files left out
        assertEquals("last a b c ", seen.toString(), out::toString);
    }

    @Test
    void aMissingPathIsOneErrorAndTheOthersAreEstimated(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.py"), "def a(n):\n    return [0] * n\n");
        CliRun run = CliRun.of("estimate", dir.resolve("gone").toString(), dir.resolve("a.py").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(dir.resolve("gone") + ": error: no such file or directory\n", run.err());
        assertTrue(run.out().contains(":1: a\n"), run::toString);
    }
}
