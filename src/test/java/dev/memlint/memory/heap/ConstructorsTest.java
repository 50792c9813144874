package dev.memlint.memory.heap;

import dev.memlint.memory.ModuleMemory;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Classes whose __init__ leaves every instance in a cycle: setattr(self, name, partial(self.get, ...))
 * stores a bound method of self under a computed name; an object stored into a container self got
 * from unknown code (self._items = factory()) that refers back to self. Verdicts measured with
 * CPython 3.12 (an instance made and dropped is cyclic garbage, or not); an instance added to a list
 * its class holds is not garbage.
 */
class ConstructorsTest {
    @ParameterizedTest
    @CsvSource({"Proxy, true", "Plain, false", "Registry, true", "Registered, false"})
    void everyInstanceInACycle(String cls, boolean cyclic) throws Exception {
        byte[] source = Files.readAllBytes(Path.of("src/test/resources/memory/constructors.py"));
        var memory = ModuleMemory.of(PythonSourceParser.parse(source, PythonVersion.LATEST).module());
        assertEquals(cyclic, memory.selfCycles().stream().anyMatch(c -> c.owner().name().equals(cls)), cls);
    }

    @ParameterizedTest
    @CsvSource({"proxies, true", "plain, false"})
    void leavesCyclicGarbage(String function, boolean cyclic) throws Exception {
        String source = Files.readString(Path.of("src/test/resources/memory/constructors.py"));
        assertEquals(cyclic, !HeapCycles.reported(source, function).isEmpty(), function);
    }
}
