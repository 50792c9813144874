package dev.memlint.memory.heap;

import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The cycles the heap analysis finds a module-level function of some source leaving. */
final class HeapCycles {
    private HeapCycles() {}

    /** A module parsed as the latest Python parses it. */
    static Module parse(String source) {
        try {
            return PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST).module();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A module-level function of a module. */
    static Stmt.FunctionNode function(Module m, String name) {
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.FunctionNode f && f.name().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no function " + name);
    }

    /** The cycles the memory pass reports for a function, the cheap prefilter included. */
    static List<Cycle> reported(String source, String qualname) throws Exception {
        Module m = PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST).module();
        for (var r : dev.memlint.memory.ModuleMemory.of(m).functions()) {
            if (r.qualname().equals(qualname)) {
                assertFalse(r.gaveUp(), "the analysis gave up on " + qualname);
                return r.cycles();
            }
        }
        throw new AssertionError("no function " + qualname);
    }

    /** The sites of a function's cycles that only the latest object of their loop closes (see CycleFinder). */
    static java.util.Set<Site> closedOnlyByLatest(String source, String function) throws Exception {
        Module m = PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST).module();
        HeapAnalyzer heap = new HeapAnalyzer(new ModuleIndex(m));
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.FunctionNode f && f.name().equals(function)) {
                var exit = heap.summary(f).exit();
                return CycleFinder.closedOnlyByLatest(exit, CycleFinder.find(exit, null));
            }
        }
        throw new AssertionError("no function " + function);
    }

    static List<Cycle> of(String source, String function) throws Exception {
        Module m = PythonSourceParser.parse(source.getBytes(StandardCharsets.UTF_8), PythonVersion.LATEST).module();
        HeapAnalyzer heap = new HeapAnalyzer(new ModuleIndex(m));
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.FunctionNode f && f.name().equals(function)) {
                var summary = heap.summary(f);
                assertFalse(summary.gaveUp(), "the analysis gave up on " + function);
                return CycleFinder.find(summary.exit(), null);
            }
        }
        throw new AssertionError("no function " + function);
    }
}
