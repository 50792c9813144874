package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MEM501 on insert(0, x): a list the function returns must stay a list, so the advice is append and reverse. */
class FrontInsertAdviceTest {
    private static final String SOURCE = """
            def ancestors(node, parents):
                chain = []
                while node in parents:
                    node = parents[node]
                    chain.insert(0, node)
                return chain


            def drain(nodes, visit):
                pending = list(nodes)
                while pending:
                    visit(pending.pop(0))


            def count_ancestors(node, parents):
                chain = []
                while node in parents:
                    node = parents[node]
                    chain.insert(0, node)
                return len(chain)
            """;

    @Test
    void returnedListIsToBeReversedAndOthersToBeADeque() {
        List<Finding> found = Linting.lint("queue.py", SOURCE).stream()
                .filter(f -> f.code().equals("MEM501")).toList();
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).message().startsWith("`chain.insert(0, ...)` in a loop shifts every element of the list "
                + "each time; the function returns the list, so append to it and reverse it once after the loop "
                + "(chain.reverse())"), found.get(0).message());
        assertTrue(found.get(1).message().startsWith("`pending.pop(0)` in a loop shifts every element of the list each "
                + "time; use collections.deque (popleft())"), found.get(1).message());
        assertTrue(found.get(2).message().startsWith("`chain.insert(0, ...)` in a loop shifts every element of the list "
                + "each time; use collections.deque (appendleft())"), found.get(2).message());
    }
}
