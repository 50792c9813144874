package dev.memlint.memory.heap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Module classes passed as values: a helper's class-defaulted parameter (node_class=Node) makes
 * instances of the default, or of the class its caller gives; a name bound to a class makes its
 * instances. And links cleared on every item of nested loops or of loops that pop a container
 * empty. Verdicts measured with CPython 3.12.
 */
class ClassValuesTest {
    @ParameterizedTest
    @CsvSource({"default_tree, true", "weak_tree, false", "factory_bound_to_a_name, true",
            "detached_two_levels, false", "detached_one_level, true", "drained, false", "drained_one_level, true"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/class_values.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }
}
