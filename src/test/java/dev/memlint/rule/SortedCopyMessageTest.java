package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MEM302 on sorted(list(x)): sorted() lists every item itself, so the list() is a second list, not the only one. */
class SortedCopyMessageTest {
    private static final String SOURCE = """
            def names(paths):
                return sorted(list(map(str, paths)))


            def total(paths):
                return sum(list(map(len, paths)))
            """;

    @Test
    void sortedIsSaidToCopyAgain() {
        List<Finding> found = Linting.lint("names.py", SOURCE).stream()
                .filter(f -> f.code().equals("MEM302")).toList();
        assertEquals(2, found.size(), found.toString());
        assertEquals("the map iterator is copied into a list that sorted() copies again into a list of its own; "
                + "pass the map iterator to sorted() directly (holds a second list of all len(map(str, paths)) items: "
                + "O(n) in len(map(str, paths)))", found.get(0).message());
        assertEquals("the map iterator is copied into a list only to be iterated once by sum(); iterate it directly "
                + "(holds all len(map(len, paths)) items at once: O(n) in len(map(len, paths)))", found.get(1).message());
    }
}
