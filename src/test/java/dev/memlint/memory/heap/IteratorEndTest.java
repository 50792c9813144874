package dev.memlint.memory.heap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An object that keeps the generator (or iter(callable, sentinel) iterator) it is iterated through
 * is in a cycle with it until the iterator ends: run to its end by list(), sum(), a comprehension or
 * a for loop, the iterator drops its frame or callable; a peek or a loop left by break keeps it. A
 * generator expression's frame keeps the names it reads (self); sending a value into a kept
 * coroutine does not hand the coroutine (or its holder) on.
 * Verdicts measured with CPython 3.12 (objects freed only by the collector, finalizers included).
 */
class IteratorEndTest {
    @ParameterizedTest
    @CsvSource({"listed, false", "peeked, true", "comprehended, false", "looped, false", "summed, false",
            "looped_with_break, true", "job_peeked, true", "job_run, false", "pushed, true"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/iterator_end.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }
}
