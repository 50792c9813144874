package dev.memlint.memory.size;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** re.split of literal texts by literal patterns, found with java.util.regex within a bound of work. */
class PatternsTest {
    @Test
    void aLiteralTextSplitsAsCPythonSplitsIt() {
        assertEquals(List.of("a", "b", "c"), Patterns.split(",", "a,b,c"));
        assertEquals(java.util.Arrays.asList("k", "=", "v"), Patterns.split("(=)", "k=v"));
    }

    @Test
    void aSplitThatWouldReadTheTextTooOftenGivesUpInsteadOfRunningOn() {
        // the pattern and the text come from the file being checked: a pattern that backtracks for
        // ever on its text must not hang the check. A text longer than the budget, scanned once by a
        // pattern that never matches, reads more characters than the budget allows.
        String text = "a".repeat(Patterns.MAX_READS + 10);
        assertNull(Patterns.split("b", text));
        assertEquals(List.of("a".repeat(1000)), Patterns.split("b", "a".repeat(1000)));
    }
}
