package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MEM702 underlines the statement that grows, and names a size only when it is one the code has. */
class QuadraticAllocationMessageTest {
    @Test
    void theGrowingStatementIsUnderlinedAndTheInputNamed() {
        Finding f = only("""
                def collect(items):
                    acc = []
                    for i in items:
                        print(i)
                        acc = acc + [i]
                    return acc
                """);
        assertEquals(5, f.range().line());
        assertEquals(5, f.range().endLine(), "one statement, not the function");
        assertTrue(f.message().contains("O(len(items)^2)"), f.message());
        assertEquals(List.of(1), f.related().stream().map(r -> r.range().line()).toList());
    }

    @Test
    void aPatternIsNeverNamedAsTheSize() {
        Finding f = only("""
                def tokens(r, text):
                    words = ()
                    for word in r.split(text):
                        words = words + (word,)
                    return words
                """);
        assertEquals(4, f.range().line());
        assertFalse(f.message().contains("(r") || f.message().contains("parts("), f.message());
        assertTrue(f.message().contains("with the square of the number of iterations"), f.message());
    }

    private static Finding only(String code) {
        List<Finding> found = Linting.lint("q.py", code).stream().filter(f -> f.code().equals("MEM702")).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }
}
