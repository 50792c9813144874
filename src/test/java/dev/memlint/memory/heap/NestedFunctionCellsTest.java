package dev.memlint.memory.heap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A nested function refers to the names it reads from the enclosing function through cells; a name it
 * binds itself (an import, an except clause's name) is its own local, no cell. Verdicts checked with
 * CPython 3.12: gc.collect() after the call finds the function and its cell only in the first case.
 */
class NestedFunctionCellsTest {
    private static final String SOURCE = """
            def walk(tree):
                def visit(node):
                    return [visit(child) for child in node]
                return len(visit(tree))


            def derivative(field):
                def directional(f):
                    from operator import neg as directional
                    return directional(f)
                return directional(field)


            def checked(value):
                def check(v):
                    try:
                        return int(v)
                    except ValueError as check:
                        return str(check)
                return check(value)
            """;

    @Test
    void aNestedFunctionCallingItselfIsInACycleWithItsCell() throws Exception {
        assertEquals(1, HeapCycles.reported(SOURCE, "walk").size());
    }

    @Test
    void aNameTheNestedFunctionImportsIsItsOwn() throws Exception {
        assertTrue(HeapCycles.reported(SOURCE, "derivative").isEmpty());
    }

    @Test
    void anExceptClauseNameIsTheNestedFunctionsOwn() throws Exception {
        assertTrue(HeapCycles.reported(SOURCE, "checked").isEmpty());
    }

    /** Verdicts of CPython 3.12: gc.collect() finds one future and its callback after the first, n after the second. */
    private static final String CALLBACKS = """
            class Future:
                def __init__(self):
                    self.callbacks = []

                def add_done_callback(self, fn):
                    self.callbacks.append(fn)


            def late_bound(n):
                results = []
                for i in range(n):
                    future = Future()
                    future.add_done_callback(lambda _: results.append(future))
                return results


            def bound_by_default(n):
                results = []
                for i in range(n):
                    future = Future()
                    future.add_done_callback(lambda _, f=future: results.append(f))
                return results
            """;

    @Test
    void rebindingANameNestedFunctionsReadPointsAllOfThemAtTheNewValue() throws Exception {
        assertEquals(1, HeapCycles.reported(CALLBACKS, "late_bound").size());
        // the cell is shared: only the last future is in a cycle, not one per iteration
        assertEquals(java.util.Set.of("Future instance", "list", "function"),
                HeapCycles.closedOnlyByLatest(CALLBACKS, "late_bound").stream().map(Site::describe).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aFunctionKeepsItsDefaultValues() throws Exception {
        assertEquals(1, HeapCycles.reported(CALLBACKS, "bound_by_default").size());
        assertTrue(HeapCycles.closedOnlyByLatest(CALLBACKS, "bound_by_default").isEmpty());
    }
}
