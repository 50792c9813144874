package dev.memlint.memory.heap;

import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;
import dev.memlint.memory.CPythonAst;
import dev.memlint.memory.LocalPythonAssumption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cycles the heap analysis finds (and does not find) in small realistic functions. */
class CycleFinderTest {

    @BeforeAll
    static void needsCPython() {
        LocalPythonAssumption.assumeCPython311();
    }

    private static List<Cycle> cyclesOf(String source, String function) throws Exception {
        Module m = CPythonAst.parse(source);
        HeapAnalyzer heap = new HeapAnalyzer(new ModuleIndex(m));
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.FunctionDef f && f.name().equals(function)) {
                var summary = heap.summary(f);
                assertFalse(summary.gaveUp());
                return CycleFinder.find(summary.exit(), null);
            }
        }
        throw new AssertionError("no function " + function);
    }

    private static final String NODE = """
            class Node:
                def __init__(self, parent=None):
                    self.parent = parent
                    self.children = []
                    if parent is not None:
                        parent.children.append(self)
            """;

    @Test
    void parentAndChildThroughConstructorSummaries() throws Exception {
        List<Cycle> cycles = cyclesOf(NODE + """
                def build():
                    root = Node()
                    child = Node(root)
                    return 1
                """, "build");
        assertEquals(1, cycles.size());
        assertEquals(3, cycles.get(0).sites().size(), cycles.get(0).describe());
        assertFalse(cycles.get(0).returned());
    }

    @Test
    void backPointerResetToNoneBreaksTheCycle() throws Exception {
        assertEquals(List.of(), cyclesOf(NODE + """
                def build():
                    root = Node()
                    child = Node(root)
                    child.parent = None
                    return 1
                """, "build"));
    }

    @Test
    void argumentsAreNotGarbage() throws Exception {
        assertEquals(List.of(), cyclesOf(NODE + """
                def attach(root):
                    child = Node(root)
                    return 1
                """, "attach"));
    }

    @Test
    void containerHoldingItself() throws Exception {
        List<Cycle> cycles = cyclesOf("""
                def f():
                    items = []
                    items.append(items)
                    return 0
                """, "f");
        assertEquals(1, cycles.size());
    }

    @Test
    void keptExceptionAndItsTraceback() throws Exception {
        assertEquals(1, cyclesOf("""
                def f():
                    error = None
                    try:
                        raise ValueError(1)
                    except ValueError as exc:
                        error = exc
                    return 0
                """, "f").size());
        assertEquals(List.of(), cyclesOf("""
                def f():
                    error = None
                    try:
                        raise ValueError(1)
                    except ValueError as exc:
                        error = exc
                    finally:
                        error = None
                    return 0
                """, "f"));
        assertEquals(List.of(), cyclesOf("""
                def f():
                    try:
                        raise ValueError(1)
                    except ValueError as exc:
                        message = str(exc)
                    return 0
                """, "f"), "CPython deletes the except name at the end of the clause");
    }

    @Test
    void weakReferenceIsNotAnEdge() throws Exception {
        assertEquals(List.of(), cyclesOf("""
                import weakref
                class Box:
                    pass
                def f():
                    a = Box()
                    b = Box()
                    a.other = b
                    b.other = weakref.ref(a)
                    return 0
                """, "f"));
    }

    @Test
    void returnedCycleIsFlagged() throws Exception {
        List<Cycle> cycles = cyclesOf("""
                def f():
                    d = {}
                    d["me"] = d
                    return d
                """, "f");
        assertEquals(1, cycles.size());
        assertTrue(cycles.get(0).returned());
    }

    @Test
    void chainBuiltInALoopIsNotACycle() throws Exception {
        assertEquals(List.of(), cyclesOf("""
                class Link:
                    def __init__(self, nxt):
                        self.next = nxt
                def chain(n):
                    head = None
                    for i in range(n):
                        head = Link(head)
                    return 0
                """, "chain"));
    }

    @Test
    void objectPassedToUnknownCodeEscapes() throws Exception {
        assertEquals(List.of(), cyclesOf("""
                def f(registry):
                    d = {}
                    d["me"] = d
                    registry.register(d)
                    return 0
                """, "f"));
    }

    @Test
    void argumentEscapingInACalleeEscapesInTheCaller() throws Exception {
        assertEquals(List.of(), cyclesOf("""
                def keep(x):
                    registry.add(x)

                def build():
                    a = []
                    a.append(a)
                    keep(a)
                    return 1
                """, "build"));
    }

    @Test
    void calleeObjectsTheCallerCannotReachAreNotCarriedIntoItsSummary() throws Exception {
        Module m = CPythonAst.parse("""
                def log_pair(x):
                    tmp = ["pair", len(x)]
                    audit(tmp)
                    return len(x)

                def caller(items):
                    log_pair(items)
                    log_pair(items)
                    return 0
                """);
        HeapAnalyzer heap = new HeapAnalyzer(new ModuleIndex(m));
        Stmt.FunctionDef callee = (Stmt.FunctionDef) m.body().get(0);
        Stmt.FunctionDef caller = (Stmt.FunctionDef) m.body().get(1);
        assertTrue(heap.summary(callee).exit().escaped().stream().anyMatch(s -> s.kind() == Site.Kind.LIST),
                "the callee's own list escapes in the callee");
        // Once per call site these piled up in every caller; a recursive-descent parser took a minute.
        assertTrue(heap.summary(caller).exit().escaped().stream().allMatch(Site::outer),
                heap.summary(caller).exit().escaped().toString());
    }
}
