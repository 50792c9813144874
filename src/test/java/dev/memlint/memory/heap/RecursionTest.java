package dev.memlint.memory.heap;

import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recursive helpers, and functions calling each other, are followed, not taken for unknown code: a
 * helper that links each child it makes to its parent both ways leaves a cycle, one whose nodes
 * only point up, or that nests plain dicts, leaves none. Verdicts measured with CPython 3.12
 * (gc.collect() after the call). A summary does not depend on which function of a mutual recursion
 * is analysed first.
 */
class RecursionTest {
    private static final Path SOURCE = Path.of("src/test/resources/memory/recursion.py");
    /** The memory suite's mutual recursions: parsers and walkers calling each other. */
    private static final Path SUITE = Path.of("testdata/memory/recursion.py");

    @ParameterizedTest
    @CsvSource({"resource, grown_tree, true", "resource, grown_chain, false", "resource, nested_dicts, false",
            "resource, tree_from_spec, true", "resource, parsed_upwards, false", "suite, parse_document, true",
            "suite, read_three_levels, true", "suite, spec_to_dicts, false"})
    void leavesCyclicGarbage(String file, String function, boolean cyclic) throws Exception {
        String source = Files.readString(path(file));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }

    @ParameterizedTest
    @CsvSource({"suite, _parse_block, _parse_item", "suite, _parse_item, _parse_block", "suite, _read_list, _read_nested",
            "suite, _read_entry, _read_list", "resource, _up_block, _up_item", "suite, _to_tree, _to_node"})
    void summariesDoNotDependOnWhichFunctionIsAnalysedFirst(String file, String first, String second) throws Exception {
        Module m = PythonSourceParser.parse(Files.readAllBytes(path(file)), PythonVersion.LATEST).module();
        HeapAnalyzer oneWay = new HeapAnalyzer(new ModuleIndex(m));
        HeapState firstAlone = oneWay.summary(function(m, first)).exit();
        HeapState secondAfter = oneWay.summary(function(m, second)).exit();
        HeapAnalyzer otherWay = new HeapAnalyzer(new ModuleIndex(m));
        HeapState secondAlone = otherWay.summary(function(m, second)).exit();
        HeapState firstAfter = otherWay.summary(function(m, first)).exit();
        assertTrue(firstAlone.covers(firstAfter) && firstAfter.covers(firstAlone), first);
        assertTrue(secondAlone.covers(secondAfter) && secondAfter.covers(secondAlone), second);
        // Unknown code would let what it is given escape: here nothing does.
        assertTrue(firstAlone.escaped().isEmpty() && secondAlone.escaped().isEmpty(), "followed, not unknown code");
    }

    /**
     * A recursive-descent pair too long to solve (re._parser's _parse_sub and _parse) is analysed
     * once per function: the callee analysed inside the caller's analysis already took the call back
     * as unknown code, as it does once the component is given up, so that summary is kept, not
     * thrown away and made again by the callee's own report (0.7 s of one core on the 3.11 stdlib).
     */
    @Test
    void aComponentTooLongToSolveIsNotAnalysedTwice() {
        StringBuilder source = new StringBuilder("""
                def parse_group(tokens):
                    return [parse_item(tokens)]

                def parse_item(tokens):
                    items = []
                    for kind, token in tokens:
                        if kind == "(":
                            items.append(parse_group(tokens))
                """);
        for (int k = 0; k < 20; k++) { // longer than the 40 lines a component may have to be solved
            source.append("        elif kind == 'k").append(k).append("':\n            items.append((").append(k).append(", token))\n");
        }
        source.append("    return items\n");
        Module m = PythonSourceParser.parse(source.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), PythonVersion.LATEST).module();
        HeapAnalyzer heap = new HeapAnalyzer(new ModuleIndex(m));
        long before = HeapAnalyzer.ANALYSES.sum();
        heap.summary(function(m, "parse_group"));
        long groupAlone = HeapAnalyzer.ANALYSES.sum() - before;
        HeapState item = heap.summary(function(m, "parse_item")).exit();
        assertEquals(groupAlone, HeapAnalyzer.ANALYSES.sum() - before, "parse_item's summary was kept");
        HeapState itemFirst = new HeapAnalyzer(new ModuleIndex(m)).summary(function(m, "parse_item")).exit();
        assertTrue(item.covers(itemFirst) && itemFirst.covers(item), "the same summary either way");
    }

    private static Path path(String file) {
        return file.equals("suite") ? SUITE : SOURCE;
    }

    private static Stmt.FunctionNode function(Module m, String name) {
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.FunctionNode f && f.name().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no function " + name);
    }
}
