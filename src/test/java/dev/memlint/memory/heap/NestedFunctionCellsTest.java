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
}
