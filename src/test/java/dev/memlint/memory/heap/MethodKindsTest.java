package dev.memlint.memory.heap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Methods reached through an instance as what their decorators make them: a staticmethod has no
 * instance, a classmethod is bound to the class, a property read returns what its getter returns,
 * a cached_property keeps its result on the instance. Verdicts checked with CPython 3.11.
 */
class MethodKindsTest {
    private static final String BOX = """
            import functools

            class Box:
                def __init__(self, items):
                    self.items = items

                @staticmethod
                def pack(a, b):
                    return (a, b)

                @classmethod
                def make(cls, items):
                    return [items]

                @property
                def first(self):
                    return self.items[0]

                @property
                def me(self):
                    return self

                @functools.cached_property
                def view(self):
                    return [self]

                def run(self):
                    self.pair = self.pack(1, 2)
                    self.head = self.first
                    self.made = self.make(3)
                    return 0
            """;

    @Test
    void staticClassAndPropertyReadsMakeNoCycle() throws Exception {
        List<Cycle> cycles = HeapCycles.of(BOX + """
                def use(items):
                    b = Box(items)
                    b.run()
                    return 0
                """, "use");
        assertTrue(cycles.isEmpty(), () -> cycles.get(0).describe());
    }

    @Test
    void propertyReturningSelfStoredOnItIsACycle() throws Exception {
        assertEquals(1, HeapCycles.of(BOX + """
                def loop(items):
                    b = Box(items)
                    b.again = b.me
                    return 0
                """, "loop").size());
    }

    @Test
    void cachedPropertyKeepsItsResultOnTheInstance() throws Exception {
        List<Cycle> cycles = HeapCycles.of(BOX + """
                def viewer(items):
                    b = Box(items)
                    v = b.view
                    return 0
                """, "viewer");
        assertEquals(1, cycles.size());
        assertEquals("list -item-> Box instance -view-> list", cycles.get(0).describe());
    }
}
