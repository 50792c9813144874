package dev.memlint.memory.heap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which objects an abstract object stands for: a dataclass's default_factory container is one per
 * instance; a slice is a new list of the same items; an object a comprehension makes stands for one
 * per item, so it refers to itself only where the store provably joins one object to itself
 * (link.next = link), not where it joins two items (first.next = second); a slice assignment stores
 * the items of the value (xs[a:b] = ys[a:b]), not the value; copy.deepcopy keeps
 * nothing of what it copies. Verdicts measured with CPython 3.12.
 */
class ItemSitesTest {
    @ParameterizedTest
    @CsvSource({"tree_deep_copied, true", "categories_apart, false", "chained_by_slices, false", "each_its_own, true",
            "merged_halves, false"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/item_sites.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }
}
