package dev.memlint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long chains that CPython 3.13 compiles (and 3.11/3.12 parse) but that recurse deeply in a tree
 * walk, and files that exhaust the heap: `estimate` and `ast` handle each file on a big stack and
 * turn a failure into one line for that file.
 */
class DeepSourceTest {
    @TempDir
    Path dir;

    /** A 5,900-branch elif chain. */
    private static String elifChain() {
        StringBuilder s = new StringBuilder("def branches(x):\n    if x == 0:\n        return 0\n");
        for (int i = 1; i < 5900; i++) s.append("    elif x == ").append(i).append(":\n        return ").append(i).append('\n');
        return s.append("    return -1\n").toString();
    }

    /** An 8,000-term sum, kept in a list. */
    private static String longSum() {
        return "def total(a):\n    x = " + String.join(" + ", java.util.Collections.nCopies(8000, "a")) + "\n    return [x]\n";
    }

    /** 5,000 conditional expressions, each the else branch of the one before. */
    private static String nestedConditionals() {
        return "def pick(a, b):\n    return " + "a if b else ".repeat(5000) + "a\n";
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void cpythonCompilesTheChainsAndCheckAcceptsThem() throws Exception {
        List<Path> files = List.of(write("elif.py", elifChain()), write("sum.py", longSum()),
                write("ifexp.py", nestedConditionals()));
        Path python = Path.of(System.getProperty("user.home"), ".pyenv", "versions", "3.13.0", "bin", "python3.13");
        // The oracle, when the oracle tests are on and it is installed: these are valid Python.
        if (dev.memlint.Oracles.enabled() && Files.isExecutable(python)) {
            for (Path file : files) {
                Process p = new ProcessBuilder(python.toString(), "-c",
                        "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", file.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "CPython 3.13 finished");
                assertEquals(0, p.exitValue(), file + ": " + out);
            }
        }
        CliRun run = CliRun.of("check", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("All checks passed (3 files checked).\n", run.out());
    }

    // Through a child JVM: its main thread has the default stack, as a user's run does (tests get -Xss16m).
    @Test
    void estimateFollowsEachChain() throws Exception {
        write("elif.py", elifChain());
        write("sum.py", longSum());
        write("ifexp.py", nestedConditionals());
        // CPython 3.13 compiles them; 3.10-3.12 refuse the elif chain and the sum (compiler recursion limit)
        MemlintProcess run = MemlintProcess.run(dir, "estimate", "--python", "3.13", "--format", "json",
                "elif.py", "sum.py", "ifexp.py");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err());
        JsonNode functions = new ObjectMapper().readTree(run.out()).get("functions");
        assertEquals(3, functions.size(), run::toString);
        for (JsonNode f : functions) {
            assertTrue(f.get("notEstimated").isNull(), f::toString);
        }
        assertEquals("O(1)", functions.get(0).get("growth").asText(), run::toString);
        assertEquals("O(1)", functions.get(2).get("growth").asText(), run::toString);
        // a + a + ... may concatenate sequences: 8,000 copies of a, one term in the formula, not 8,000.
        JsonNode total = functions.get(1);
        assertEquals("total", total.get("qualname").asText());
        assertEquals("O(len(a))", total.get("growth").asText(), total::toString);
        assertTrue(total.get("peakFormula").asText().length() < 60, total::toString);
    }

    @Test
    void astPrintsEachChain() throws Exception {
        String[][] cases = {{"elif.py", elifChain(), "\"_type\":\"If\"", "5900"},
                {"sum.py", longSum(), "\"_type\":\"BinOp\"", "7999"},
                {"ifexp.py", nestedConditionals(), "\"_type\":\"IfExp\"", "5000"}};
        for (String[] c : cases) {
            write(c[0], c[1]);
            MemlintProcess run = MemlintProcess.run(dir, "ast", c[0]);
            assertEquals(0, run.exitCode(), () -> c[0] + ": " + run.err());
            assertTrue(run.out().startsWith("{\"_type\":\"Module\""), c[0]);
            assertEquals(Integer.parseInt(c[3]), count(run.out(), c[2]), c[0]);
        }
    }

    /** About 8 MB of assignments: parsing it needs far more than a 32 MB heap. */
    private Path hugeModule() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < 8_000_000; i++) s.append('x').append(i).append(" = [").append(i).append("]\n");
        return write("huge.py", s.toString());
    }

    @Test
    void outOfMemoryIsOneLineForThatFile() throws Exception {
        Path huge = hugeModule();
        Path small = write("small.py", "def grow(n):\n    return [0] * n\n");
        List<String> smallHeap = List.of("-Xmx32m");

        MemlintProcess ast = MemlintProcess.run(smallHeap, dir, "ast", "huge.py");
        assertEquals(2, ast.exitCode(), ast::toString);
        assertEquals("huge.py: internal error: out of memory\n", ast.err());
        assertEquals("", ast.out());

        MemlintProcess estimate = MemlintProcess.run(smallHeap, dir, "estimate", huge.getFileName().toString(),
                small.getFileName().toString());
        assertEquals(2, estimate.exitCode(), estimate::toString);
        assertEquals("huge.py: internal error: out of memory\n", estimate.err());
        assertTrue(estimate.out().startsWith("small.py:1: grow\n    peak      8·n bytes"), estimate::toString);
    }
}
