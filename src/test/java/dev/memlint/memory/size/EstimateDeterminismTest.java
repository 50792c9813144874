package dev.memlint.memory.size;

import dev.memlint.ast.Module;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.Estimates;
import dev.memlint.memory.LocalPython;
import dev.memlint.memory.SizeModel;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same file gets the same estimate whatever the process did before: `estimate a.py b.py` and
 * `estimate b.py`, or the files in another order, or on other threads, say the same of b.py.
 * modulefinder.py of the 3.11 standard library showed it: its scanners fill two dicts in one loop,
 * and which one's last resize the formula named followed the identity hashes of the walk's objects.
 */
class EstimateDeterminismTest {
    private static String estimates(byte[] source) {
        Module module = PythonSourceParser.parse(source, PythonVersion.PY311).module(); // a new tree: nothing cached
        List<String> out = new ArrayList<>();
        for (Estimates.Entry e : Estimates.of(module, "modulefinder.py", SizeModel.of("3.11"), CollectorMode.ON, Map.of())) {
            out.add(e.qualname() + ": " + e.peakFormula());
        }
        return String.join("\n", out);
    }

    @Test
    void identityHashesOfEarlierObjectsDoNotChangeAnEstimate() throws Exception {
        Optional<Path> python = LocalPython.find("3.11");
        assumeTrue(python.isPresent(), "CPython 3.11.7 not installed (pyenv); skipped");
        Path file = python.get().getParent().getParent().resolve("lib/python3.11/modulefinder.py");
        assumeTrue(Files.isRegularFile(file), file + " not found; skipped");
        byte[] source = Files.readAllBytes(file);
        String first = estimates(source);
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < round * 7919; i++) {
                System.identityHashCode(new Object()); // moves the thread's identity hash sequence on
            }
            assertEquals(first, estimates(source), "round " + round);
        }
    }
}
