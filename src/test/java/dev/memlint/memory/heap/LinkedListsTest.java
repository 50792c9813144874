package dev.memlint.memory.heap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Doubly linked lists. A list's items linked both ways pairwise ({@code first.next = second;
 * second.prev = first}) are a cycle although one abstract object stands for all of them; unlinking
 * the head alone leaves the rest linked (a store into one of many objects keeps the others'
 * links); clearing every next link, or linking forward only, leaves a chain. A list emptied by
 * {@code while playlist.head is not None: playlist.remove(playlist.head)}, whose remove() unlinks
 * the track, leaves nothing; one emptied down to two tracks leaves those two linked. Verdicts
 * measured with CPython 3.12.
 */
class LinkedListsTest {
    @ParameterizedTest
    @CsvSource({"linked_and_dropped, true", "head_unlinked, true", "next_links_cleared, false", "forward_only, false",
            "emptied_by_remove, false", "emptied_but_two, true"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/linked_lists.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }
}
