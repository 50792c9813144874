package dev.memlint.memory.heap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * dict and list subclasses that call their base's methods by name on self
 * (`dict.__setitem__(self, key, value)`, `list.__getitem__(self, i)`), as logging.config's
 * ConvertingDict does: a value that points back at its container is a cycle, plain values are not.
 * Verdicts measured with CPython 3.12; each function is checked through the whole memory pass.
 */
class ContainerSubclassesTest {
    @ParameterizedTest
    @CsvSource({"read_converted_list, true", "fill_registry, true", "read_upper_list, false", "count_keys, false"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/container_subclasses.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }
}
